import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathReport
import Testing

/// Windows with a value per axis (Inception's 1×7/7×1, darknet's `stride_x`/`stride_y`, uneven
/// pool padding) through every front end, the printers and the layer descriptions.
struct PerAxisWindowTests {
    private static func net(_ body: String) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        NetReader.read(SourceFile(name: "w.net", text: "network w\ninput x 8x17x17\n" + body + "loss = cross_entropy(y)\n"))
    }

    private static func convolution(_ graph: Graph, _ name: String) -> Convolution? {
        if case .convolution(let c)? = graph.node(named: name)?.op { return c }
        return nil
    }

    @Test(".net: kh/kw give a 1x7 kernel with same padding per axis; costs count kh·kw taps")
    func netKernelPerAxis() throws {
        let (graph, diagnostics) = Self.net("a = conv(16, kh=1, kw=7) bn relu\ny = conv(a, 10, k=3, sw=2)\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let g = try #require(graph)
        let a = try #require(Self.convolution(g, "a"))
        #expect(a.kernel == AxisPair(height: 1, width: 7) && a.padding == AxisPair(height: 0, width: 3))
        #expect(g.node(named: "a")?.shapeDescription == "16x17x17")
        // y: 3x3, stride 1 on H and 2 on W: 17x9.
        #expect(Self.convolution(g, "y")?.stride == AxisPair(height: 1, width: 2))
        #expect(g.node(named: "y")?.shapeDescription == "10x17x9")
        let report = AnalysisReport.make(graph: g, inputName: "w.net", full: false)
        // a: 8·16·7 weights + 2·16 norm = 928; y: 16·10·9 = 1,440.
        #expect(report.costs.params == 928 + 1440)
        #expect(g.nodes.map { LayerTable.opDescription($0.op) }.filter { $0.hasPrefix("conv") } == ["conv1x7", "conv3x3/1x2"])
    }

    @Test(".net: pools take per-axis windows and a trailing padding `pe`")
    func netPools() throws {
        let (graph, diagnostics) = Self.net("p = maxpool(x, kh=1, kw=3, s=1, pw=1)\nq = maxpool(p, 2, s=1, p=0, pe=1)\ny = conv(q, 4, k=1)\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let g = try #require(graph)
        #expect(g.node(named: "p")?.shapeDescription == "8x17x17")
        // A 2x2 stride-1 pool padded once after the map keeps 17x17 (darknet's yolov3-tiny pool).
        #expect(g.node(named: "q")?.shapeDescription == "8x17x17")
        #expect(g.node(named: "q")?.op == .passThrough(.maxPool(Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1))))
    }

    @Test(".net: a zero on one axis is E208 at the value; an unknown axis keyword suggests the right one")
    func netErrors() {
        let zero = Self.net("y = conv(10, kh=0, kw=3)\n").diagnostics
        #expect(zero.map(\.code.rawValue) == ["E208"])
        #expect(zero.first?.location?.line == 3 && zero.first?.location?.column == 17)
        let typo = Self.net("y = conv(10, kx=3)\n").diagnostics
        #expect(typo.map(\.code.rawValue) == ["E207"])
        #expect(typo.first?.helps == ["did you mean `kw`? per-axis values end in `h` (height) and `w` (width)"])
    }

    @Test("the .net printer and the graph JSON writer round-trip per-axis windows")
    func roundTrips() throws {
        let (graph, _) = Self.net("a = conv(16, kh=1, kw=7, sh=2, ph=1, dw=2)\np = avgpool(a, 3, s=1, p=1, pew=2)\ny = conv(p, 4, k=1)\n")
        let g = try #require(graph)
        let printed = NetPrinter.print(g)
        #expect(printed.contains("kh=1, kw=7, sh=2, sw=1") && printed.contains("pew=2"))
        let reprinted = try #require(NetReader.read(SourceFile(name: "p.net", text: printed)).graph)
        #expect(reprinted.isEquivalent(to: g))
        let json = GraphJSONWriter.write(g)
        #expect(json.contains("\"kernel\": [1, 7]") && json.contains("\"padding_end\": [1, 2]"))
        let reread = try #require(GraphJSONReader.read(SourceFile(name: "w.json", text: json)).graph)
        #expect(reread.isEquivalent(to: g))
    }

    @Test("graph JSON: a window field that is neither an integer nor [height, width] is E106")
    func jsonErrors() {
        let text = """
        {"name": "w", "nodes": [
          {"id": "x", "op": "input", "channels": 3, "height": 8, "width": 8},
          {"id": "c", "op": "conv", "channels": 4, "kernel": "3"},
          {"id": "p", "op": "maxpool", "kernel": [2, 2, 2]},
          {"id": "l", "op": "loss"}],
         "edges": [{"src": "x", "dst": "c"}, {"src": "c", "dst": "p"}, {"src": "p", "dst": "l"}]}
        """
        let diagnostics = GraphJSONReader.read(SourceFile(name: "w.json", text: text)).diagnostics
        #expect(diagnostics.map(\.code.rawValue) == ["E106", "E106"])
        #expect(diagnostics.map(\.message) == [
            "`kernel` of node `c` must be an integer or a pair [height, width]",
            "`kernel` of node `p` must be an integer or a pair [height, width]",
        ])
    }

    @Test("darknet: a 2x2 stride-1 maxpool keeps a 13x13 map (yolov3-tiny); stride_x ≠ stride_y prints both")
    func darknet() throws {
        let text = "[net]\nwidth=13\nheight=13\nchannels=3\n[convolutional]\nfilters=4\nsize=3\npad=1\nstride_x=1\nstride_y=2\n"
            + "[maxpool]\nsize=2\nstride=1\n[cost]\n"
        let file = SourceFile(name: "t.cfg", text: text)
        let result = DarknetReader.read(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let graph = try #require(result.graph)
        #expect(graph.node(named: "0")?.shapeDescription == "4x7x13")   // H (13 + 2 − 3)/2 + 1 = 7
        #expect(graph.node(named: "1")?.shapeDescription == "4x7x13")
        let table = DarknetTableWriter.write(AnalysisReport.make(graph: graph, inputName: "t.cfg"), sectionTypes: DarknetReader.sectionTypes(file))
        #expect(table.contains(" 3 x 3/ 1x 2"))   // stride_x × stride_y
    }
}
