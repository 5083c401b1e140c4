import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// What `.net` statements lower to: nodes, names, edges, slices, folding and parameters.
@Suite("NetReader lowering")
struct NetLoweringTests {
    private func graph(_ text: String, parameters: [String: Int] = [:]) throws -> Graph {
        let (graph, diagnostics) = NetTestSupport.read(text, parameters: parameters)
        return try #require(graph, "\(NetTestSupport.describe(diagnostics))")
    }

    /// Parameters of a weighted layer with folded norm as scale + shift.
    private func parameterCount(_ graph: Graph) -> Int {
        graph.nodes.reduce(0) { total, node in
            let inputs = node.inputWidth
            switch node.op {
            case .convolution(let c):
                let weights = c.kernel.height * c.kernel.width * (inputs / c.groups) * node.channels
                return total + weights + (c.normalized ? 2 * node.channels : (c.bias ? node.channels : 0))
            case .linear(let l):
                let area = node.inputs.first.map { graph[$0.source].spatial?.area ?? 1 } ?? 1
                return total + inputs * area * node.channels + (l.bias ? node.channels : 0) + (l.normalized ? 2 * node.channels : 0)
            default:
                return total
            }
        }
    }

    @Test("ResNet-18 has 11,689,512 parameters and a 512x7x7 last stage")
    func resnet18() throws {
        let g = try #require(NetReader.read(NetTestSupport.source(NetTestSupport.examples.appendingPathComponent("resnet.net"))).graph)
        #expect(g.name == "resnet18")
        #expect(parameterCount(g) == 11_689_512)
        #expect(g.layers.count == 21)
        #expect(g.node(named: "stage4.basic2.relu1")?.shapeDescription == "512x7x7")
        #expect(g.node(named: "stage2.basic1.shortcut") != nil)
        #expect(g.node(named: "stage2.basic2.shortcut") == nil)
        #expect(g.node(named: "pool")?.shapeDescription == "64x56x56")
    }

    @Test("conv bn relu folds into one weighted node")
    func folding() throws {
        let g = try graph("input x 3x8x8\na = conv(16, k=3, s=2) bn relu\nb = conv(4) relu bn\nloss l = mse(b)")
        let a = try #require(g.node(named: "a"))
        #expect(a.op == .convolution(Convolution(kernel: 3, stride: 2, normalized: true, activation: .relu)))
        #expect(a.shapeDescription == "16x4x4")
        #expect(g.node(named: "conv1")?.op == .convolution(Convolution(kernel: 1, activation: .relu)))
        #expect(g.node(named: "b")?.op == .passThrough(.normalization))
        #expect(g.nodes.count == 5)
    }

    @Test("unnamed nodes get per-kind counters and block instances give dotted paths")
    func hierarchicalNames() throws {
        let text = """
        block unit(c) {
          conv(c) relu
          conv(c)
          relu
        }
        block pair(c) {
          repeat 2 unit(c)
        }
        input x 4
        stage1 = pair(4)
        pair(4)
        loss = loss(x)
        """
        let g = try graph(text)
        let names = Set(g.nodes.map(\.name))
        for expected in ["stage1.unit1.conv1", "stage1.unit1.conv2", "stage1.unit1.relu1", "stage1.unit2.conv1", "pair1.unit2.relu1", "loss"] {
            #expect(names.contains(expected), "missing \(expected) in \(names.sorted())")
        }
    }

    @Test("automatic names skip names the scope assigns explicitly")
    func reservedNames() throws {
        let g = try graph("input x 4\nconv(4)\nconv1 = conv(4)\nloss l = loss(conv1)")
        #expect(g.node(named: "conv1")?.inputs.first.map { g[$0.source].name } == "conv2")
    }

    @Test("a named repeat puts its instances under the name")
    func namedRepeat() throws {
        let g = try graph("block b(c) {\n conv(c)\n}\ninput x 4\nbody = repeat 3 b(4)\nloss l = loss(body)")
        #expect(g.node(named: "body.b3.conv1") != nil)
        #expect(g.node(named: "l")?.inputs.first.map { g[$0.source].name } == "body.b3.conv1")
    }

    @Test("nodes are located at the top-level statement that produced them")
    func locations() throws {
        let g = try graph("block b(c) {\n  conv(c)\n}\ninput x 4\n\nout = b(4)\nloss l = loss(out)")
        let conv = try #require(g.node(named: "out.conv1"))
        #expect(conv.location?.line == 6)
        #expect(conv.location?.column == 1)
    }

    @Test("a masked residual adds the shortcut onto the first channels")
    func maskedAdd() throws {
        let g = try graph("input x 8\nb = conv(8)\nm = add(b, x[0:8/2])\nloss l = loss(m)")
        let add = try #require(g.node(named: "m"))
        #expect(add.channels == 8)
        #expect(add.inputs.map(\.sourceRange) == [ChannelRange(0, 8), ChannelRange(0, 4)])
        #expect(add.inputs.map { $0.destinationOffset ?? 0 } == [0, 0])
    }

    @Test("placement, width and detach give arbitrary add edges")
    func explicitPlacement() throws {
        let g = try graph("input x 4\na = add(x[0:2] @ 2, detach(x[2:4]), width=4)\nloss l = loss(a)")
        let add = try #require(g.node(named: "a"))
        #expect(add.channels == 4)
        #expect(add.inputs.map { $0.destinationOffset ?? 0 } == [2, 0])
        #expect(add.inputs.map(\.stopsGradient) == [false, true])
    }

    @Test("the spec's flat examples written in .net equal their graph JSON", arguments: ["fig7b_prn", "prn_asymmetric", "fig9b_sg_identity", "fig9a_sg_block"])
    func matchesSpecExample(_ name: String) throws {
        let texts: [String: String] = [
            "fig7b_prn": """
                network fig7b_prn
                input `in` 2
                L1 = layer(2)
                L2 = layer(2)
                L3 = layer(2)
                A3 = add(L3, L1[0:1])
                L4 = layer(2)
                L5 = layer(2)
                A5 = add(L5, A3[0:1])
                loss `loss` = A5
                """,
            "prn_asymmetric": "network prn_asymmetric\ninput `in` 1\nL1 = layer(4)\nL2 = layer(2)\nA = add(L2, L1[0:2])\nL3 = layer(2)\nloss `loss` = L3",
            "fig9b_sg_identity": """
                network fig9b_sg_identity
                input `in` 1
                S = layer(1)
                a1 = layer(1)
                b1 = layer(1)
                sg1 = stop_gradient(S)
                s1 = add(b1, sg1)
                a2 = s1 -> layer(1)
                b2 = layer(1)
                sg2 = stop_gradient(s1)
                s2 = add(b2, sg2)
                a3 = s2 -> layer(1)
                b3 = layer(1)
                sg3 = stop_gradient(s2)
                s3 = add(b3, sg3)
                loss `loss` = s3
                """,
            "fig9a_sg_block": """
                network fig9a_sg_block
                input `in` 1
                S = layer(1)
                a1 = detach(S) -> layer(1)
                b1 = layer(1)
                s1 = add(b1, S)
                a2 = detach(s1) -> layer(1)
                b2 = layer(1)
                s2 = add(b2, s1)
                a3 = detach(s2) -> layer(1)
                b3 = layer(1)
                s3 = add(b3, s2)
                loss `loss` = s3
                """,
        ]
        let url = RepositoryPaths.spec.appendingPathComponent("examples/\(name).json")
        let json = try #require(try? String(contentsOf: url, encoding: .utf8), "spec example \(name) not found")
        let expected = try #require(GraphJSONReader.read(SourceFile(name: "\(name).json", text: json)).graph)
        let g = try graph(try #require(texts[name]))
        #expect(g.isEquivalent(to: expected), "\(g.firstDifference(from: expected) ?? "")")
    }

    @Test("dense and sparse connectivity come from spreads over tensor arrays")
    func spreads() throws {
        let dense = try graph("""
            input x 2
            for i in 1...4 {
              f[i] = layer(x, for j in 1..<i: f[j], 2)
            }
            loss l = loss(f)
            """)
        #expect(dense.node(named: "f[4]")?.inputs.count == 4)
        #expect(dense.node(named: "l")?.inputs.count == 4)
        let sparse = try graph("""
            input x 1
            f[0] = x
            for i in 1...7 {
              f[i] = layer(for k in 0...log2(i): f[i - 2**k], 1)
            }
            loss l = loss(f[7])
            """)
        let sources = try #require(sparse.node(named: "f[7]")).inputs.map { sparse[$0.source].name }
        #expect(sources == ["f[6]", "f[5]", "f[3]"])
    }

    @Test("split makes slice nodes and connect adds an edge")
    func splitAndConnect() throws {
        let g = try graph("input x 6\na, b = split(x, 2, 4)\nc = concat(b, a)\nd = c -> add()\nconnect x -> d\nloss l = loss(d)")
        #expect(g.node(named: "b")?.inputs.first?.sourceRange == ChannelRange(2, 6))
        #expect(g.node(named: "b")?.op == .passThrough(.slice))
        #expect(g.node(named: "d")?.inputs.count == 2)
    }

    @Test("parameters override param declarations")
    func parameterOverride() throws {
        let url = NetTestSupport.examples.appendingPathComponent("resnet_deep.net")
        let small = try #require(NetReader.read(NetTestSupport.source(url)).graph)
        let deep = try #require(NetReader.read(NetTestSupport.source(url), parameters: ["blocks": 18]).graph)
        #expect(small.layers.count == 6 * 3 + 2 + 2)
        #expect(deep.layers.count == 6 * 18 + 2 + 2)
        let (none, diagnostics) = NetReader.read(NetTestSupport.source(url), parameters: ["blokcs": 2])
        #expect(none == nil)
        #expect(diagnostics.first?.code == .unknownName)
        #expect(diagnostics.first?.helps == ["did you mean `blocks`?"])
    }

    @Test("100,000 layers expand without overflowing the stack")
    func veryDeepNetwork() throws {
        let text = """
            block basic(c) {
              conv(c, k=3) bn relu
              b = conv(c, k=3) bn
              add(b, in) relu
            }
            input x 16x8x8
            stem = conv(16, k=3)
            body = repeat 50000 basic(16)
            loss l = mse(body)
            """
        let g = try graph(text)
        #expect(g.layers.count == 100_001)
    }

    @Test("recursive blocks expand until their condition stops them")
    func recursion() throws {
        let g = try graph("block tower(n) {\n  conv(4)\n  if n > 1 {\n    tower(n - 1)\n  }\n}\ninput x 4\nt = tower(10)\nloss l = loss(t)")
        #expect(g.layers.count == 10)
        #expect(g.node(named: "t.tower1.tower1.conv1") != nil)
    }
}
