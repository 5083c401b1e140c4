import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// ultralytics `SPPF(c1, c2, k=5, n=3, shortcut=False)`: YOLO26 passes `n` and `shortcut`,
/// which change the concat width and add a residual path.
struct YOLOSPPFTests {
    @Test("SPPF's pool count sets cv2's input width; shortcut adds the input when c1 == c2")
    func poolsAndShortcut() throws {
        let text = """
            nc: 2
            backbone:
              - [-1, 1, Conv, [16, 3, 2]]
              - [-1, 1, SPPF, [16, 5, 2, True]]
              - [-1, 1, SPPF, [32, 5]]
            head:
              - [-1, 1, Classify, [nc]]
            """
        let (graph, diagnostics) = YOLOYAMLReader.read(SourceFile(name: "sppf.yaml", text: text))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let g = try #require(graph)
        let costs = CostPass().run(on: g)
        func params(_ name: String) -> Int? { g.node(named: name).flatMap { costs[$0.id].params } }
        // Row 1: cv1 16→8 (128 + 16 norm), two pools, cv2 over 3·8 = 24 → 16 (384 + 32).
        #expect(params("1.cv1") == 144 && params("1.cv2") == 416)
        #expect(g.node(named: "1.m.1") != nil && g.node(named: "1.m.2") == nil)
        #expect(g.node(named: "1.add")?.op == .add)
        // Row 2: the default three pools, cv2 over 4·8 = 32 → 32 (1,024 + 64); 16 ≠ 32: no add.
        #expect(params("2.cv2") == 1088 && g.node(named: "2.add") == nil)
        // The stem reaches the loss through the shortcut (5) and through cv1/cv2 (7).
        let paths = GradientPathPass().run(on: g)
        let stem = try #require(paths.layers.first { g[$0.node].name == "0" })
        #expect(stem.shortest == 5 && stem.longest == 7)
    }
}
