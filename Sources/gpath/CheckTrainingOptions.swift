import ArgumentParser
import Foundation
import GPathAnalysis
import GPathIR
import GPathRuntime

/// `gpath check --train`: a short, seeded training run on the runtime whose measurements feed
/// the `train_*` rules (GP101 loss reduction, GP102 finite values, GP103 vanishing gradients).
struct CheckTrainingOptions: ParsableArguments {
    @Flag(name: .customLong("train"), help: "Also train each network briefly on synthetic data and apply the train_* rules.")
    var enabled = false

    @Option(name: .customLong("train-steps"), help: "Training steps of the check.")
    var steps = 100

    @Option(name: .customLong("train-batch"), help: "Images per step.")
    var batch = 16

    @Option(name: .customLong("train-lr"), help: "Peak learning rate (SGD with momentum, warm-up + cosine).")
    var lr = 0.05

    @Option(name: .customLong("train-data"), help: "Training data, as for `gpath train --data`.")
    var data = "synthetic:shapes"

    @Option(name: .customLong("train-seed"), help: "Seed for initialisation, data and order.")
    var seed: UInt64 = 1

    func validate() throws {
        if steps < 2 { throw ValidationError("--train-steps must be at least 2") }
        if batch < 1 { throw ValidationError("--train-batch must be at least 1") }
        if !(lr > 0) { throw ValidationError("--train-lr must be positive") }
    }

    /// Trains `graph` in a ``TrainingSession`` (one thread, no evaluation) and summarises the
    /// run with the session's one definition of the loss at the start and the end.
    func measure(_ graph: Graph, file: String, unreachable: Set<String>) throws -> TrainingMeasurements {
        BLAS.setThreads(1)
        let settings = TrainingSettings(steps: steps, batchSize: batch, learningRate: lr, seed: seed)
        let session = try TrainingSessionLoader.open(graph, settings: settings, data: data, file: file)
        let outcome = try TrainingSessionLoader.run(session, progress: TrainingProgress(total: steps, every: steps, isTTY: false, quiet: true))
        var norms: [String: Double] = [:]
        for layer in outcome.initialNorms where !unreachable.contains(layer.name) { norms[layer.name] = layer.weightGradient }
        return TrainingMeasurements(
            initialLoss: outcome.initialLoss, finalLoss: outcome.finalLoss,
            nonFinite: outcome.divergence.map { (step: $0.step, layer: $0.node) },
            initialGradientNorms: norms)
    }
}
