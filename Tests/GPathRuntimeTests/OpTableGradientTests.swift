import GPathIR
import GPathTestSupport
@testable import GPathRuntime
import Testing

/// The runtime half of the op table: every ``OpKind`` has a kernel (``OpKind/kernel``), and for
/// every sample op of its definition the compiled kernel's backward equals central finite
/// differences — for its input (each operand, with the others fixed, for a kernel whose edges
/// stay apart) and every parameter — with `OpCheck`'s tolerance (h = 10⁻²,
/// rtol = 10⁻², atol = 10⁻³), on inputs placed as the kernel's ``GradientCheckPlan`` says
/// (0.1 from every kink, or pairwise 0.05 apart for a max). A stop-gradient's backward must
/// send nothing; an input has nothing to check.
@Suite("op table gradients")
struct OpTableGradientTests {
    /// Every sample op with its kind, as test arguments.
    static let samples: [(OpKind, Int)] = OpKind.allCases.flatMap { kind in kind.definition.samples.indices.map { (kind, $0) } }

    @Test("every kind has its own kernel", arguments: OpKind.allCases)
    func registry(kind: OpKind) {
        #expect(kind.kernel.kind == kind)
    }

    /// `x` (4 channels, 6×5) → the op → a loss (the op itself when it is one; `x` when it is
    /// an input); returns the graph and the op's node name.
    static func graph(_ op: Op) throws -> (Graph, String) {
        let (b, name) = OneOpGraph.builder(op)
        let (graph, diagnostics) = b.build()
        return (try #require(graph, "\(op): \(diagnostics)"), name)
    }

    /// Values in [−3, 3] at least 0.1 from every kink, or a distinct grid for a max.
    static func input(_ shape: TensorShape, kinks: [Float], distinct: Bool, seed: UInt64 = 5) -> Tensor {
        if distinct { return OpCheck.distinct(shape, seed: seed - 1) }
        var x = OpCheck.tensor(shape, seed: seed)
        for i in 0..<x.count {
            var v = x.storage[i] * 3
            for kink in kinks where abs(v - kink) < 0.1 { v = v < kink ? kink - 0.1 : kink + 0.1 }
            x.storage[i] = v
        }
        return x
    }

    @Test("every op's kernel: backward equals finite differences", arguments: samples)
    func gradients(kind: OpKind, index: Int) throws {
        let op = kind.definition.samples[index]
        let (graph, name) = try Self.graph(op)
        let network = try Network(graph: graph, initialization: Initialization(seed: 3))
        let node = try #require(graph.nodes.first { $0.name == name })
        let planned = network.plan.inputShape(of: node)
        let shape = TensorShape(batch: 3, channels: planned.channels, height: planned.height, width: planned.width)
        let context = KernelContext(
            mode: .training, parameters: network.parameters, workspace: network.workspace, randomSeed: 7, parallelism: .serial)
        switch (network.compiled[node.id.index], kind.kernel.gradientCheck) {
        case (.input, .none):
            break
        case (.kernel(let kernel), .blocked):
            let x = Self.input(shape, kinks: [], distinct: false)
            let y = kernel.forward(x, context: context)
            #expect(kernel.backward(y, needsInputGradient: true, context: context) == nil, "\(op)")
        case (.kernel(let kernel), .finiteDifferences(let kinks, let distinct)):
            let x = Self.input(shape, kinks: kinks(op), distinct: distinct)
            Self.expectPassed(OpCheck.input(x, forward: { kernel.forward($0, context: context) }) { x, dy in
                _ = kernel.forward(x, context: context)
                return kernel.backward(dy, needsInputGradient: true, context: context)!
            }, "\(op) input")
            try Self.checkParameters(of: node, context: context, op: op, forward: { kernel.forward(x, context: context) }) { dy in
                _ = kernel.forward(x, context: context)
                _ = kernel.backward(dy, needsInputGradient: false, context: context)
            }
        case (.operands(let kernel), .finiteDifferences(let kinks, let distinct)):
            // Each edge's operand apart (none for a learned tensor), each checked with the others fixed.
            let shapes = network.plan.operandShapes(of: node).map { TensorShape(batch: 3, channels: $0.channels, height: $0.height, width: $0.width) }
            let operands = shapes.enumerated().map { Self.input($1, kinks: kinks(op), distinct: distinct, seed: 5 + UInt64($0)) }
            let needs = operands.map { _ in true }
            for k in operands.indices {
                func replacing(_ x: Tensor) -> [Tensor] {
                    var all = operands
                    all[k] = x
                    return all
                }
                Self.expectPassed(OpCheck.input(operands[k], forward: { kernel.forward(replacing($0), batch: 3, context: context) }) { x, dy in
                    _ = kernel.forward(replacing(x), batch: 3, context: context)
                    return kernel.backward(dy, needsGradients: needs, context: context)[k]!
                }, "\(op) operand \(k)")
            }
            try Self.checkParameters(of: node, context: context, op: op, forward: { kernel.forward(operands, batch: 3, context: context) }) { dy in
                _ = kernel.forward(operands, batch: 3, context: context)
                _ = kernel.backward(dy, needsGradients: operands.map { _ in false }, context: context)
            }
        case (.loss(let loss), .finiteDifferences):
            let x = Self.input(shape, kinks: [], distinct: false)
            let labels = [1, 3, 0]
            _ = try loss.evaluate(x, labels: labels)
            let report = try OpCheck.check.run(point: x.storage, analytic: loss.gradient().storage, indices: Array(0..<x.count)) {
                try loss.evaluate(Tensor(shape: x.shape, storage: $0), labels: labels).value
            }
            Self.expectPassed(report, "\(op)")
        default:
            Issue.record("\(op): the compiled kernel does not fit its gradient-check plan")
        }
    }

    /// Every parameter of the op's node, each checked with the input fixed: `forward` runs the
    /// kernel on it, `backward` runs forward then backward for an output gradient.
    static func checkParameters(
        of node: Node, context: KernelContext, op: Op, forward: () -> Tensor, backward: (Tensor) -> Void
    ) throws {
        let store = context.parameters
        for index in store.parameters.indices where store.parameters[index].node == node.id {
            let original = store.parameters[index].value
            let report = OpCheck.parameter(original, forward: { w in
                store.parameters[index].value = w
                return forward()
            }) { dy in
                store.parameters[index].value = original
                store.zeroGradients()
                backward(dy)
                return store.parameters[index].gradient
            }
            store.parameters[index].value = original
            expectPassed(report, "\(op) \(store.parameters[index].name)")
        }
    }

    static func expectPassed(_ report: GradientCheck.Report, _ what: String) {
        #expect(report.passed, "\(what): \(report)")
        #expect(report.nonSmooth == 0, "\(what): \(report)")
        #expect(report.checked > 0, "\(what): nothing checked")
    }
}
