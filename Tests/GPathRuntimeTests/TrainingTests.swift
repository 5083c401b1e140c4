import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathRuntime
import Testing

/// Training end to end on a tiny network: the loss falls, runs are repeatable, divergence is
/// caught with the step and layer, and the optimizers and schedules do what they state.
@Suite("training")
struct TrainingTests {
    /// A small ResNet (8 and 16 channels, one residual block each) on 16×16 inputs.
    static let smallResNet = """
        network small_resnet
        input image 3x16x16
        \(FamilyNetworks.basicBlock)
        conv(8, k=3) bn relu
        basic(8)
        basic(16, 2)
        gap
        fc = linear(8)
        loss ce = cross_entropy(fc)
        """

    /// A trainer on `synthetic:textures` at 16×16 (8 classes; chance is 1/8).
    static func trainer(_ text: String = smallResNet, seed: UInt64 = 1, lr: Double = 0.1, optimizer: OptimizerKind = .sgd(momentum: 0.9, weightDecay: 5e-4), steps: Int = 100) throws -> Trainer {
        let graph = try #require(NetReader.read(SourceFile(name: "small.net", text: text)).graph)
        let network = try Network(graph: graph, initialization: Initialization(seed: seed))
        let split = SyntheticTextures.split(seed: seed, height: 16, width: 16, evaluationCount: 400)
        let configuration = TrainingConfiguration(
            steps: steps, batchSize: 16, schedule: LearningRateSchedule(base: lr, warmupSteps: 5, totalSteps: steps),
            optimizer: optimizer, seed: seed)
        return Trainer(network: network, data: split, configuration: configuration)
    }

    @Test("a small ResNet's loss falls within 100 steps", arguments: [OptimizerKind.sgd(momentum: 0.9, weightDecay: 5e-4), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)])
    func lossFalls(optimizer: OptimizerKind) throws {
        let isAdam = if case .adam = optimizer { true } else { false }
        let trainer = try Self.trainer(lr: isAdam ? 0.01 : 0.1, optimizer: optimizer)
        var losses: [Double] = []
        for _ in 0..<100 { losses.append(try trainer.runStep().loss) }
        let first = losses.prefix(10).reduce(0, +) / 10
        let last = losses.suffix(10).reduce(0, +) / 10
        #expect(last < 0.85 * first, "loss \(first) -> \(last)")
        let evaluation = try trainer.evaluate(samples: 400)
        #expect(evaluation.accuracy > 0.2, "held-out accuracy \(evaluation.accuracy) (chance 0.125)")
    }

    @Test("same seed gives identical numbers; another seed does not")
    func deterministic() throws {
        func run(_ seed: UInt64) throws -> [Double] {
            let trainer = try Self.trainer(seed: seed, steps: 6)
            return try (0..<6).map { _ in try trainer.runStep().loss }
        }
        let a = try run(1)
        #expect(a == (try run(1)))
        #expect(a != (try run(2)))
        func parallel() throws -> [Double] {
            let trainer = try Self.trainer(seed: 1, steps: 6)
            trainer.network.workers = 2
            return try (0..<6).map { _ in try trainer.runStep().loss }
        }
        let p = try parallel()
        #expect(p == (try parallel()), "2 workers: identical run to run")
        #expect(zip(p, a).allSatisfy { abs($0 - $1) < 1e-3 * abs($1) }, "2 workers stay within rounding of 1 worker")
    }

    @Test("divergence is reported with its step and layer")
    func divergence() throws {
        let trainer = try Self.trainer(lr: 1e30, optimizer: .sgd(momentum: 0, weightDecay: 0))
        var caught: TrainingDivergence?
        do {
            for _ in 0..<10 { _ = try trainer.runStep() }
        } catch let error as TrainingDivergence {
            caught = error
        }
        let d = try #require(caught)
        #expect(d.step >= 1 && d.step <= 10)
        #expect(trainer.network.graph.node(named: d.node) != nil, "\(d)")
        #expect(d.description.contains("training diverged at step \(d.step)"))
    }

    @Test("SGD with momentum and weight decay follows its update rule")
    func sgdRule() {
        let store = ParameterStore()
        store.parameters = [Parameter(name: "w", node: NodeID(0), role: .weight, fanIn: 1, value: [1, -2])]
        store.parameters[0].gradient = [0.5, 0.5]
        var sgd = SGD(momentum: 0.9, weightDecay: 0.1)
        sgd.step(store, learningRate: 0.1)
        // v = g + λw = [0.6, 0.3]; w -= 0.1·v
        #expect(abs(store.parameters[0].value[0] - 0.94) < 1e-6)
        #expect(abs(store.parameters[0].value[1] - (-2.03)) < 1e-6)
        sgd.step(store, learningRate: 0.1)
        // v = 0.9·0.6 + 0.5 + 0.1·0.94 = 1.134
        #expect(abs(store.parameters[0].value[0] - (0.94 - 0.1134)) < 1e-6)
    }

    @Test("Adam's first step moves every weight by the learning rate; no decay on biases")
    func adamRule() {
        let store = ParameterStore()
        store.parameters = [
            Parameter(name: "w", node: NodeID(0), role: .weight, fanIn: 1, value: [1, -2]),
            Parameter(name: "b", node: NodeID(0), role: .bias, fanIn: 1, value: [3]),
        ]
        store.parameters[0].gradient = [0.5, -0.001]
        store.parameters[1].gradient = [2]
        var adam = Adam(weightDecay: 0.5)
        adam.step(store, learningRate: 0.01)
        #expect(abs(store.parameters[0].value[0] - (1 - 0.01 - 0.01 * 0.5)) < 1e-5)
        #expect(abs(store.parameters[0].value[1] - (-2 + 0.01 + 0.01 * 0.5 * 2)) < 1e-5)
        #expect(abs(store.parameters[1].value[0] - 2.99) < 1e-5)
    }

    @Test("warm-up then cosine decay")
    func schedule() {
        let s = LearningRateSchedule(base: 0.1, warmupSteps: 10, totalSteps: 110)
        #expect(abs(s.rate(at: 0) - 0.01) < 1e-12)
        #expect(abs(s.rate(at: 9) - 0.1) < 1e-12)
        #expect(abs(s.rate(at: 10) - 0.1) < 1e-12)
        #expect(abs(s.rate(at: 60) - 0.05) < 1e-12)
        #expect(s.rate(at: 110) < 1e-12)
        let constant = LearningRateSchedule(base: 0.1, warmupSteps: 0, totalSteps: 5, decay: .constant)
        #expect((0..<5).allSatisfy { constant.rate(at: $0) == 0.1 })
    }

    @Test("He initialisation, and zero scales on residual branches only when asked")
    func initialization() throws {
        let graph = try FamilyNetworks.graph("resnet")
        let plain = try Network(graph: graph, initialization: Initialization(seed: 5))
        let zeroed = try Network(graph: graph, initialization: Initialization(seed: 5, zeroInitResidualNorms: true))
        let weight = try #require(plain.parameters.parameters.first { $0.name == "basic1.conv1.weight" })
        let variance = weight.value.reduce(0) { $0 + Double($1 * $1) } / Double(weight.value.count)
        #expect(abs(variance - 2.0 / Double(weight.fanIn)) < 0.5 * 2.0 / Double(weight.fanIn))
        let scales = Dictionary(uniqueKeysWithValues: zeroed.parameters.parameters.filter { $0.role == .scale }.map { ($0.name, $0.value) })
        #expect(scales["basic1.main.scale"]?.allSatisfy { $0 == 0 } == true)
        #expect(scales["basic2.main.scale"]?.allSatisfy { $0 == 0 } == true)
        #expect(scales["basic2.shortcut.scale"]?.allSatisfy { $0 == 1 } == true)
        #expect(scales["basic1.conv1.scale"]?.allSatisfy { $0 == 1 } == true)
        #expect(plain.parameters.parameters.filter { $0.role == .scale }.allSatisfy { $0.value.allSatisfy { $0 == 1 } })
    }
}
