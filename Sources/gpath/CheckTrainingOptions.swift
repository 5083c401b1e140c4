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

    /// Trains `graph` and summarises the run. The loss at the start and the end are means over
    /// the first and last 10% of steps (at least 3), so one noisy batch does not decide.
    func measure(_ graph: Graph, file: String, unreachable: Set<String>) throws -> TrainingMeasurements {
        guard graph.inputs.count == 1 else {
            throw CommandFailure.coded("error[E502]: `\(file)` has \(graph.inputs.count) inputs; --train feeds one image per sample")
        }
        BLAS.setThreads(1)
        let network: Network
        do {
            network = try Network(graph: graph, initialization: Initialization(seed: seed, zeroInitResidualNorms: false))
        } catch let error as RuntimeError {
            throw CommandFailure.coded("error[\(error.code)]: `\(file)`: \(error.description)")
        }
        let split = try TrainingData.load(data, seed: seed, input: network.inputShape(0))
        let run = TrainingRun(
            configuration: TrainingConfiguration(
                steps: steps, batchSize: batch,
                schedule: LearningRateSchedule(base: lr, warmupSteps: steps / 10, totalSteps: steps, decay: .cosine),
                optimizer: .sgd(momentum: 0.9, weightDecay: 5e-4), seed: seed),
            threads: 1, evalSamples: 0, evalEvery: 0)
        let progress = TrainingProgress(total: steps, every: steps, isTTY: false, quiet: true)
        let result = try run.train(network: network, data: split, progress: progress)
        let losses = result.history.map(\.loss)
        let window = max(3, steps / 10)
        func mean(_ values: ArraySlice<Double>) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
        var norms: [String: Double] = [:]
        for layer in result.initialNorms where !unreachable.contains(layer.name) { norms[layer.name] = layer.weightGradient }
        return TrainingMeasurements(
            initialLoss: mean(losses.prefix(window)), finalLoss: mean(losses.suffix(window)),
            nonFinite: result.divergence.map { (step: $0.step, layer: $0.node) },
            initialGradientNorms: norms)
    }
}
