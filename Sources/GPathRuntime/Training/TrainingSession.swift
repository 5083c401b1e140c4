import GPathIR

/// One training run of an analysed graph: compiles the network, loads its data for the
/// network's input shape, runs the loop (progress, periodic evaluation, norms at the first and
/// last step) and returns a ``TrainingOutcome``. Used by `gpath train` and `gpath check
/// --train` alike, so both build, train and summarise the same way.
public final class TrainingSession {
    public let graph: Graph
    public let settings: TrainingSettings
    public let network: Network
    public let data: DataSplit

    /// - Parameter loadData: the data for the network's input shape (called once, after the
    ///   network compiled).
    /// - Throws: ``RuntimeError`` (E502 for a graph without exactly one input), or whatever
    ///   `loadData` throws.
    public init(graph: Graph, settings: TrainingSettings, loadData: (TensorShape) throws -> DataSplit) throws {
        guard graph.inputs.count == 1 else {
            throw RuntimeError.badBatch(message: "`\(graph.name)` has \(graph.inputs.count) inputs; training feeds one image per sample")
        }
        self.graph = graph
        self.settings = settings
        network = try Network(graph: graph, initialization: Initialization(seed: settings.seed, zeroInitResidualNorms: settings.zeroInitResidual))
        network.workers = settings.threads
        data = try loadData(network.inputShape(0))
    }

    /// Trains; `onStep` sees every step (for progress). A NaN/Inf ends the run and is recorded
    /// in the outcome, not thrown; other runtime errors are thrown.
    public func run(onStep: (StepResult) -> Void = { _ in }) throws -> TrainingOutcome {
        let configuration = settings.configuration
        let trainer = Trainer(network: network, data: data, configuration: configuration)
        var outcome = TrainingOutcome()
        let evaluations = settings.evaluationSamples
        do {
            for step in 1...configuration.steps {
                let result = try trainer.runStep { network in
                    if step == 1 { outcome.initialNorms = network.layerNorms }
                    if step == configuration.steps { outcome.finalNorms = network.layerNorms }
                }
                outcome.history.append(result)
                onStep(result)
                if settings.evaluateEvery > 0, evaluations > 0, step % settings.evaluateEvery == 0, step < configuration.steps {
                    let e = try trainer.evaluate(samples: evaluations)
                    outcome.evaluations.append(.init(step: step, loss: e.loss, accuracy: e.accuracy))
                }
            }
            if evaluations > 0 {
                let e = try trainer.evaluate(samples: evaluations)
                outcome.evaluations.append(.init(step: configuration.steps, loss: e.loss, accuracy: e.accuracy))
            }
        } catch let divergence as TrainingDivergence {
            outcome.divergence = divergence
            if outcome.finalNorms.isEmpty { outcome.finalNorms = network.layerNorms }
        }
        return outcome
    }
}
