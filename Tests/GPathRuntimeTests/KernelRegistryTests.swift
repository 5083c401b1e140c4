import GPathIR
import GPathRuntime
import GPathTestSupport
import Testing

/// The registry from `OpKind` to kernels: every op compiles and runs forward and backward,
/// and configurations the runtime cannot execute are rejected with the node and op named.
@Suite("op registry")
struct KernelRegistryTests {
    /// Every sample op of every kind except inputs and losses (a learned tensor feeds the loss
    /// beside the convolution).
    static var everyOp: [Op] {
        OpKind.allCases.flatMap(\.definition.samples).filter { $0 != .input && $0.family != .objective }
    }

    @Test("every op runs forward and backward in a tiny graph", arguments: everyOp.indices)
    func runs(index: Int) throws {
        let op = Self.everyOp[index]
        // ``OneOpGraph`` with a 1×1 convolution `pre` in front of the op.
        var (b, _) = OneOpGraph.builder(op, pre: .convolution(Convolution(kernel: 1)))
        if op == .add || op == .concat { b.connect("pre", to: "op") }
        let graph = try #require(b.build().graph, "\(op.kindName)")
        let network = try Network(graph: graph)
        var inputs = [OpCheck.tensor(TensorShape(batch: 2, channels: 4, height: OneOpGraph.spatial.height, width: OneOpGraph.spatial.width), seed: 1)]
        if graph.inputs.count > 1 {
            let shape = network.inputShape(1)
            inputs.append(OpCheck.tensor(TensorShape(batch: 2, channels: shape.channels, height: shape.height, width: shape.width), seed: 2))
        }
        // Labels below 3: a matrix product x·y has y's 3 channels.
        let losses = try network.forward(inputs, labels: [1, 2], mode: .training)
        network.backward()
        #expect(losses.count == 1 && losses[0].value.isFinite, "\(op.kindName)")
        let pre = try #require(network.parameters.parameters.first { $0.name == "pre.weight" })
        let expectsGradient = op != .stopGradient
        #expect(pre.gradient.contains { $0 != 0 } == expectsGradient, "\(op.kindName): gradient reaching `pre`")
        try network.forward(inputs, labels: [1, 2], mode: .inference)
    }

    static func single(_ op: Op, channels: Int? = 4, spatial: Spatial? = Spatial(height: 4, width: 4)) -> Graph? {
        var b = GraphBuilder(name: "bad")
        b.addNode("x", op: .input, channels: 4, spatial: spatial)
        b.addNode("odd", op: op, channels: channels)
        b.connect("x", to: "odd")
        b.addNode("loss", op: .loss(.crossEntropy))
        b.connect("odd", to: "loss")
        return b.build().graph
    }

    @Test("zero strides and scales never reach the runtime: the IR verifier rejects them (E208)")
    func rejections() throws {
        let cases: [Op] = [
            .passThrough(.upsample(scale: 0)),
            .convolution(Convolution(kernel: 3, stride: 0)),
            .passThrough(.maxPool(Pooling(kernel: 2, stride: 0))),
        ]
        for op in cases {
            #expect(Self.single(op, channels: op.isWeighted ? 4 : nil, spatial: nil) == nil, "\(op.kindName) accepted")
        }
    }

    @Test("an input without a spatial size needs one from the data")
    func unknownSpatial() throws {
        let graph = try #require(Self.single(.passThrough(.identity), spatial: nil))
        #expect(throws: RuntimeError.self) { try Network(graph: graph) }
        let network = try Network(graph: graph, inputSpatial: Spatial(height: 3, width: 3))
        #expect(network.inputShape(0) == TensorShape(batch: 1, channels: 4, height: 3, width: 3))
        let declared = try #require(Self.single(.passThrough(.identity)))
        do {
            _ = try Network(graph: declared, inputSpatial: Spatial(height: 5, width: 5))
            Issue.record("a declared 4x4 input accepted 5x5 data")
        } catch let error as RuntimeError {
            #expect(error.description.contains("declared 4x4x4 but the data is 4x5x5"), "\(error)")
        }
    }

    @Test("bad batches and labels are errors, not crashes")
    func badBatches() throws {
        let network = try Network(graph: try #require(Self.single(.passThrough(.identity))))
        let x = Tensor(zeros: TensorShape(batch: 2, channels: 4, height: 4, width: 4))
        #expect(throws: RuntimeError.self) { try network.forward([x], labels: [0], mode: .training) }
        #expect(throws: RuntimeError.self) { try network.forward([x], labels: [0, 4], mode: .training) }
        #expect(throws: RuntimeError.self) { try network.forward([Tensor(zeros: TensorShape(batch: 2, channels: 3, height: 4, width: 4))], labels: [0, 1], mode: .training) }
        #expect(throws: RuntimeError.self) { try network.forward([], labels: [], mode: .training) }
    }
}
