import ArgumentParser
import Foundation
import GPathIR
import GPathReport
import GPathRuntime

extension GPath {
    /// `gpath train FILE`: trains the analysed graph on CPU and reports whether the loss falls.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the network on CPU (synthetic data or MNIST/CIFAR-10 files) and report the loss.",
            discussion: """
                Data: \(DataSource.forms.joined(separator: ", ")). Same seed and --threads give \
                identical numbers. Exit codes: 0 trained, 1 diverged (NaN/Inf) or the loss fell \
                less than --require-drop, 2 usage, input or data errors.
                """)

        @OptionGroup var input: InputOptions

        @Option(help: ArgumentHelp("Training data.", valueName: "source"))
        var data = "synthetic:shapes"

        @Option(help: "Training steps.")
        var steps = 500

        @Option(help: "Images per step.")
        var batch = 32

        @Option(help: "Peak learning rate.")
        var lr = 0.05

        @Option(help: "Seed for initialisation, data and sample order.")
        var seed: UInt64 = 1

        @Option(help: "sgd or adam.")
        var optimizer: OptimizerName = .sgd

        @Option(help: "SGD momentum.")
        var momentum = 0.9

        @Option(name: .customLong("weight-decay"), help: "Weight decay on conv/linear weights (L2 for SGD, decoupled for Adam).")
        var weightDecay = 5e-4

        @Option(help: "Linear warm-up steps (default: 5% of --steps).")
        var warmup: Int?

        @Option(help: "Learning-rate decay after warm-up: cosine or constant.")
        var schedule: LearningRateSchedule.Decay = .cosine

        @Option(help: "Worker threads (default: all cores); same seed and threads give identical numbers.")
        var threads: Int?

        @Flag(name: .customLong("zero-init-residual"), help: "Start the last norm of every residual branch at scale 0.")
        var zeroInitResidual = false

        @Option(name: .customLong("eval-samples"), help: "Held-out images evaluated at the end (0: none).")
        var evalSamples = 1000

        @Option(name: .customLong("eval-every"), help: "Also evaluate every N steps (0: only at the end).")
        var evalEvery = 0

        @Option(name: .customLong("log-every"), help: "Progress line every N steps when stderr is not a terminal (default: steps/10).")
        var logEvery: Int?

        @Option(name: .customLong("require-drop"), help: ArgumentHelp("Exit 1 unless the loss falls by at least this fraction (0-1).", valueName: "fraction"))
        var requireDrop: Double?

        @Option(help: "Output format: text or json.")
        var format: TrainFormat = .text

        @Option(name: [.short, .long], help: "Write the result to this file (atomically) instead of stdout.")
        var output: String?

        @Option(help: ArgumentHelp("Write the loss curve as a chart: .svg, .png or .pdf.", valueName: "file"))
        var plot: String?

        @Flag(name: [.short, .long], help: "No progress on stderr.")
        var quiet = false

        @Flag(name: [.short, .long], help: "Text output lists every layer's gradient norm at initialisation and at the end.")
        var verbose = false

        func validate() throws {
            if steps < 1 { throw ValidationError("--steps must be at least 1") }
            if batch < 1 { throw ValidationError("--batch must be at least 1") }
            if !(lr > 0) || !lr.isFinite { throw ValidationError("--lr must be a positive number") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
            if let warmup, warmup < 0 { throw ValidationError("--warmup must not be negative") }
            if evalSamples < 0 || evalEvery < 0 { throw ValidationError("--eval-samples and --eval-every must not be negative") }
            if let logEvery, logEvery < 1 { throw ValidationError("--log-every must be at least 1") }
            if let requireDrop, !(0...1).contains(requireDrop) { throw ValidationError("--require-drop must lie between 0 and 1") }
            if let plot, !["svg", "png", "pdf"].contains(URL(fileURLWithPath: plot).pathExtension.lowercased()) {
                throw ValidationError("--plot writes .svg, .png or .pdf; got `\(plot)`")
            }
            if DataSource(data) == nil {
                throw ValidationError("unknown data source `\(data)`; use one of \(DataSource.forms.joined(separator: ", "))")
            }
        }

        func run() throws {
            for path in [output, plot].compactMap({ $0 }) where path != "-" {
                try OutputFile.checkWritable(path, inputs: [input.file])
            }
            let graph = try GraphLoader.load(input)
            // The runtime's workers run convolutions on chunks of samples side by side, each GEMM
            // on one OpenBLAS thread.
            BLAS.setThreads(1)
            let session = try TrainingSessionLoader.open(graph, settings: settings, data: data, file: input.file)
            let progress = TrainingProgress(
                total: steps, every: logEvery ?? max(1, steps / 10),
                isTTY: Terminal.isTTY(STDERR_FILENO), quiet: quiet)
            let outcome = try TrainingSessionLoader.run(session, progress: progress)
            let summary = TrainingSummary(session: session, outcome: outcome, requiredDrop: requireDrop, evaluationSamples: evalSamples)
            if let plot {
                let format = try PictureFormat(path: plot)
                if let device = format.device, format != .svg {
                    try OutputFile.write(try GraphvizJob.render(summary.chartDOT(), as: device, dpi: 96, timeout: 60, layout: "nop").bytes, to: plot, inputs: [input.file])
                } else {
                    try OutputFile.emit(summary.chart(), to: plot, inputs: [input.file])
                }
            }
            let text = format == .json
                ? try TrainingSessionLoader.json(TrainingReport(
                    session: session, outcome: outcome, input: input.file, toolVersion: AnalysisReport.toolVersion, requiredDrop: requireDrop))
                : summary.text(verbose: verbose)
            try OutputFile.emit(text, to: output, inputs: [input.file])
            if !quiet {
                Terminal.writeError(String(format: "time %.1f s (%.0f ms/step)\n", progress.elapsed, progress.elapsed * 1000 / Double(max(1, outcome.history.count))))
            }
            if let divergence = outcome.divergence {
                Terminal.writeError("error: \(divergence)\n")
                throw CommandFailure.silent(1)
            }
            if let requireDrop, outcome.drop < requireDrop {
                Terminal.writeError(String(format: "error: the loss fell by %.1f%%, less than the required %.1f%% (--require-drop)\n", outcome.drop * 100, requireDrop * 100))
                throw CommandFailure.silent(1)
            }
        }

        /// The run's settings from the flags (warm-up defaults to the session's one default).
        private var settings: TrainingSettings {
            TrainingSettings(
                steps: steps, batchSize: batch, learningRate: lr, warmupSteps: warmup, decay: schedule,
                optimizer: optimizer == .sgd
                    ? .sgd(momentum: momentum, weightDecay: weightDecay)
                    : .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: weightDecay),
                seed: seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                zeroInitResidual: zeroInitResidual, evaluationSamples: evalSamples, evaluateEvery: evalEvery)
        }
    }
}

/// Optimizers `--optimizer` accepts.
enum OptimizerName: String, ExpressibleByArgument, CaseIterable {
    case sgd
    case adam
}

/// Formats `gpath train` writes.
enum TrainFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

extension LearningRateSchedule.Decay: ExpressibleByArgument {}
