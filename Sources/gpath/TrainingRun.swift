import GPathRuntime

/// The training loop of `gpath train`: steps, progress, evaluations, and the per-layer
/// gradient norms at initialisation (the first step's gradients, before any update) and at
/// the end (the last step's).
struct TrainingRun {
    let configuration: TrainingConfiguration
    let threads: Int
    let evalSamples: Int
    let evalEvery: Int

    /// What happened.
    struct Result {
        var history: [StepResult] = []
        var evaluations: [(step: Int, loss: Double, accuracy: Double)] = []
        var initialNorms: [Network.LayerNorms] = []
        var finalNorms: [Network.LayerNorms] = []
        var divergence: TrainingDivergence?
    }

    func train(network: Network, data: DataSplit, progress: TrainingProgress) throws -> Result {
        let trainer = Trainer(network: network, data: data, configuration: configuration)
        var result = Result()
        do {
            for step in 1...configuration.steps {
                let outcome = try trainer.runStep { network in
                    if step == 1 { result.initialNorms = network.layerNorms }
                    if step == configuration.steps { result.finalNorms = network.layerNorms }
                }
                result.history.append(outcome)
                progress.report(outcome)
                if evalEvery > 0, evalSamples > 0, step % evalEvery == 0, step < configuration.steps {
                    let e = try trainer.evaluate(samples: evalSamples)
                    result.evaluations.append((step, e.loss, e.accuracy))
                }
            }
            if evalSamples > 0 {
                let e = try trainer.evaluate(samples: evalSamples)
                result.evaluations.append((configuration.steps, e.loss, e.accuracy))
            }
        } catch let divergence as TrainingDivergence {
            progress.interrupt()
            result.divergence = divergence
            if result.finalNorms.isEmpty { result.finalNorms = network.layerNorms }
        } catch let error as RuntimeError {
            progress.interrupt()
            throw CommandFailure.coded("error[\(error.code)]: \(error.description)")
        }
        return result
    }
}
