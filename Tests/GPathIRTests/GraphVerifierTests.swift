import GPathDiagnostics
import GPathIR
import Testing

/// Every check of spec §2.3 reports its own code and names the nodes involved.
struct GraphVerifierTests {
    /// in(2) → L(2) → loss, plus whatever `extra` adds.
    private func builder(_ extra: (inout GraphBuilder) -> Void) -> GraphBuilder {
        var b = GraphBuilder(name: "t")
        b.addNode("in", op: .input, channels: 2)
        b.addNode("L", op: .layer(groups: 1), channels: 2)
        b.addNode("loss", op: .loss(.generic))
        b.connect("in", to: "L")
        extra(&b)
        return b
    }

    private func codes(_ b: GraphBuilder) -> [String] {
        b.build().diagnostics.map(\.code.rawValue)
    }

    @Test("a valid graph builds with inferred widths and no diagnostics")
    func valid() throws {
        var b = builder { $0.connect("L", to: "loss") }
        b.addNode("A", op: .add)
        b.addNode("C", op: .concat)
        b.connect("L", to: "A")
        b.connect("in", to: "A", sourceRange: ChannelRange(0, 1), destinationRange: ChannelRange(1, 2))
        b.connect("A", to: "C")
        b.connect("L", to: "C", sourceRange: ChannelRange(1, 2))
        b.connect("C", to: "loss")
        let (graph, diagnostics) = b.build()
        #expect(diagnostics.isEmpty)
        let built = try #require(graph)
        #expect(built.node(named: "A")?.channels == 2)
        #expect(built.node(named: "C")?.channels == 3)
        #expect(built.node(named: "loss")?.inputWidth == 5)
        let order = built.topologicalOrder.map { built[$0].name }
        #expect(order.firstIndex(of: "L")! < order.firstIndex(of: "A")!)
        #expect(order.firstIndex(of: "A")! < order.firstIndex(of: "C")!)
    }

    @Test("a cycle is reported once, listing the nodes on it")
    func cycle() {
        var b = builder { $0.connect("L", to: "loss") }
        b.addNode("X", op: .layer(groups: 1), channels: 2)
        b.addNode("Y", op: .layer(groups: 1), channels: 2)
        b.connect("X", to: "Y")
        b.connect("Y", to: "X")
        let diagnostics = b.build().diagnostics
        #expect(diagnostics.map(\.code) == [.cycle])
        #expect(diagnostics.first?.message.contains("`X`") == true)
        #expect(diagnostics.first?.message.contains("`Y`") == true)
        #expect(diagnostics.first?.message.contains("`L`") == false)
    }

    @Test("no loss node")
    func missingLoss() {
        var b = GraphBuilder(name: "t")
        b.addNode("in", op: .input, channels: 1)
        b.addNode("L", op: .layer(groups: 1), channels: 1)
        b.connect("in", to: "L")
        #expect(codes(b) == ["E302"])
    }

    @Test("unknown node in an edge, with a suggestion")
    func unknownNode() {
        let b = builder { $0.connect("LL", to: "loss") }
        let diagnostics = b.build().diagnostics
        #expect(diagnostics.map(\.code.rawValue) == ["E303"])
        #expect(diagnostics.first?.helps == ["did you mean `L`?"])
    }

    @Test("edges into an input and out of a loss")
    func badEndpoints() {
        let b = builder {
            $0.connect("L", to: "loss")
            $0.connect("L", to: "in")
            $0.connect("loss", to: "L")
        }
        #expect(codes(b) == ["E304", "E304"])
    }

    @Test("duplicate id")
    func duplicate() {
        let b = builder {
            $0.addNode("L", op: .layer(groups: 1), channels: 3)
            $0.connect("L", to: "loss")
        }
        #expect(codes(b) == ["E312"])
    }

    @Test("slices outside the source or empty", arguments: [(0, 3), (2, 2), (-1, 1)])
    func badSlice(lower: Int, upper: Int) {
        let b = builder { $0.connect("L", to: "loss", sourceRange: ChannelRange(lower, upper)) }
        #expect(codes(b) == ["E305"])
    }

    @Test("destination slice on a non-add, or of the wrong width")
    func destinationSlice() {
        let notAdd = builder { $0.connect("L", to: "loss", destinationRange: ChannelRange(0, 2)) }
        #expect(codes(notAdd) == ["E306"])
        let wrongWidth = builder {
            $0.addNode("A", op: .add)
            $0.connect("L", to: "A", destinationRange: ChannelRange(0, 1))
            $0.connect("A", to: "loss")
        }
        #expect(codes(wrongWidth) == ["E306"])
    }

    @Test("an add channel covered by no edge")
    func uncovered() {
        let b = builder {
            $0.addNode("A", op: .add, channels: 4)
            $0.connect("L", to: "A")
            $0.connect("A", to: "loss")
        }
        let diagnostics = b.build().diagnostics
        #expect(diagnostics.map(\.code.rawValue) == ["E307"])
        #expect(diagnostics.first?.message.contains("[2:4]") == true)
    }

    @Test("concat declared width differs from its inputs")
    func concatWidth() {
        let b = builder {
            $0.addNode("C", op: .concat, channels: 5)
            $0.connect("L", to: "C")
            $0.connect("C", to: "loss")
        }
        #expect(codes(b) == ["E308"])
    }

    @Test("identity with two inputs or a mismatched width")
    func passThrough() {
        let two = builder {
            $0.addNode("I", op: .passThrough(.identity))
            $0.connect("L", to: "I")
            $0.connect("in", to: "I")
            $0.connect("I", to: "loss")
        }
        #expect(codes(two) == ["E309"])
        let width = builder {
            $0.addNode("I", op: .stopGradient, channels: 3)
            $0.connect("L", to: "I")
            $0.connect("I", to: "loss")
        }
        #expect(codes(width) == ["E309"])
    }

    @Test("groups must divide input and output widths")
    func groups() {
        let b = builder {
            $0.addNode("G", op: .layer(groups: 3), channels: 3)
            $0.connect("L", to: "G")
            $0.connect("G", to: "loss")
        }
        #expect(codes(b) == ["E310"])
    }

    @Test("layers and inputs need a channel count")
    func missingChannels() {
        let b = builder {
            $0.addNode("M", op: .layer(groups: 1))
            $0.connect("L", to: "M")
            $0.connect("M", to: "loss")
        }
        #expect(codes(b) == ["E311"])
    }

    @Test("every problem is reported, not just the first")
    func manyProblems() {
        let b = builder {
            $0.connect("L", to: "loss", sourceRange: ChannelRange(0, 9))
            $0.connect("nowhere", to: "loss")
            $0.addNode("L", op: .input, channels: 1)
        }
        #expect(Set(codes(b)) == ["E305", "E303", "E312"])
    }

    @Test("spatial sizes are inferred through convolutions and pooling")
    func spatial() throws {
        var b = GraphBuilder(name: "s")
        b.addNode("img", op: .input, channels: 3, spatial: Spatial(height: 224, width: 224))
        b.addNode("stem", op: .convolution(Convolution(kernel: 7, stride: 2)), channels: 64)
        b.addNode("pool", op: .passThrough(.maxPool(Pooling(kernel: 3, stride: 2, padding: 1))))
        b.addNode("loss", op: .loss(.crossEntropy))
        b.connect("img", to: "stem")
        b.connect("stem", to: "pool")
        b.connect("pool", to: "loss")
        let graph = try #require(b.build().graph)
        #expect(graph.node(named: "stem")?.spatial == Spatial(height: 112, width: 112))
        #expect(graph.node(named: "pool")?.spatial == Spatial(height: 56, width: 56))
    }

    @Test("a 100,000-node chain verifies without recursion")
    func deepChain() throws {
        var b = GraphBuilder(name: "deep")
        b.addNode("n0", op: .input, channels: 4)
        for index in 1...100_000 {
            b.addNode("n\(index)", op: .layer(groups: 1), channels: 4)
            b.connect("n\(index - 1)", to: "n\(index)")
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect("n100000", to: "loss")
        let graph = try #require(b.build().graph)
        #expect(graph.topologicalOrder.count == 100_002)
    }
}

struct AttributeValidationTests {
    @Test("zero strides, kernels and scales are E208, not a crash", arguments: [
        Op.convolution(Convolution(kernel: 3, stride: 0)), .convolution(Convolution(kernel: 0)),
        .convolution(Convolution(kernel: 3, dilation: 0)), .passThrough(.maxPool(Pooling(kernel: 2, stride: 0))),
        .passThrough(.averagePool(Pooling(kernel: 0, stride: 1))), .passThrough(.upsample(scale: 0)), .layer(groups: 0),
        .convolution(Convolution(kernel: AxisPair(height: 1, width: 0))), .convolution(Convolution(kernel: 3, stride: AxisPair(height: 2, width: 0))),
        .passThrough(.maxPool(Pooling(kernel: 2, trailingPadding: AxisPair(height: 0, width: -1)))),
    ])
    func invalid(op: Op) {
        var b = GraphBuilder(name: "t")
        b.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 8, width: 8))
        b.addNode("n", op: op, channels: op.isWeighted ? 4 : nil)
        b.addNode("loss", op: .loss(.generic))
        b.connect("x", to: "n")
        b.connect("n", to: "loss")
        let (graph, diagnostics) = b.build()
        #expect(graph == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E208"])
    }
}
