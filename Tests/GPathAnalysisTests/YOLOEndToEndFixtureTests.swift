import GPathAnalysis
import GPathIR
import Testing

/// The file keys YOLO26 sets for its head, `reg_max` and `end2end`, through the YOLO YAML
/// importer and the analysis; params, MACs (FLOPs = 2·MACs) and paths derived by hand as in
/// ``ImportedModuleFixtureTests``.
struct YOLOEndToEndFixtureTests {
    private static let fixture = "Tests/GPathFormatsTests/Fixtures/yolo/end_to_end.yaml"

    @Test("yolo end_to_end.yaml: reg_max 1 gives 4 box outputs; end2end twins every branch on detached features")
    func endToEnd() throws {
        let graph = try ImportedFixture.load(Self.fixture)
        #expect(graph.node(named: "4.cv2.0.2")?.shapeDescription == "4x320x320")
        #expect(graph.node(named: "4.detach2")?.op == .stopGradient)
        #expect(ImportedFixture.inputs(graph, "4.detach2") == ["3.cv2[0:256]"])
        #expect(ImportedFixture.inputs(graph, "4.one2one_cv2.2.0") == ["4.detach2[0:256]"])
        #expect(ImportedFixture.inputs(graph, "4.one2one_loss1") == ["4.one2one_cv2.1.2[0:4]", "4.one2one_cv3.1.2[0:1]"])
        let costs = CostPass().run(on: graph)
        // 0: 3→64 3×3: 1856; 1: 64→128 3×3: 73,984; 2: 128→256 3×3: 295,424; 3: C3k2 (c = 64):
        // cv1 256→128: 33,024, m.0 64→32 3×3: 18,496, 32→64 3×3: 18,560, cv2 192→256: 49,664.
        // Head, c2 = max(16, 64/4, 4·1) = 16, c3 = 64, per level x (DWConv + Conv 1×1 class
        // branch after a C3k2): box (9x·16 + 32) + 2336 + 68; class (9x + 2x) + (64x +
        // 128) + 704 + 4224 + 65. x = 64: 21,573; x = 128: 35,589; x = 256: 63,621; = 120,783,
        // twice with end2end: 241,566 — the count ultralytics prints for a YOLO26n Detect row
        // with nc 1 and these inputs.                                          total 732,574
        #expect(costs.params == 732_574)
        // 1728·320² + 73,728·160² + 294,912·80² + (32,768 + 2·18,432 + 49,152)·80²
        // = 176,947,200 + 1,887,436,800 + 1,887,436,800 + 760,217,600. Head per pixel:
        // 20,992 at 320², 34,880 at 160², 62,656 at 80² = 3,443,507,200, twice = 6,887,014,400.
        #expect(costs.macs == 11_599_052_800)
        let paths = ImportedFixture.paths(graph)
        // The twins train (their own losses) but send nothing back: row 2 reaches a loss only
        // through row 3 and the one-to-many head (3.cv2 at 4, 3.cv1 at 5, so row 2 at 6).
        #expect(paths["4.one2one_cv3.2.0.0"] == "5/5" && paths["4.one2one_cv2.0.0"] == "3/3")
        #expect(paths["3.cv2"] == "4/6" && paths["2"] == "6/10" && paths["0"] == "4/12")
    }
}
