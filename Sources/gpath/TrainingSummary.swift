import Foundation
import GPathIR
import GPathReport
import GPathRuntime

/// The outcome of `gpath train` as text, JSON and an SVG loss chart. Deterministic: no
/// timings (those go to stderr), so the same seed and thread count print the same bytes.
struct TrainingSummary {
    let command: GPath.Train
    let graph: Graph
    let data: DataSplit
    let result: TrainingRun.Result
    let run: TrainingRun
    let network: Network

    /// Steps averaged for the "initial" and "final" loss and accuracy.
    var window: Int { max(1, min(10, result.history.count / 2)) }
    var initialLoss: Double { mean(result.history.prefix(window).map(\.loss)) }
    var finalLoss: Double { mean(result.history.suffix(window).map(\.loss)) }
    var initialAccuracy: Double { mean(result.history.prefix(window).map(\.accuracy)) }
    var finalAccuracy: Double { mean(result.history.suffix(window).map(\.accuracy)) }
    /// Fraction by which the loss fell (negative when it rose; 0 when it diverged).
    var drop: Double {
        guard result.divergence == nil, initialLoss > 0, finalLoss.isFinite else { return 0 }
        return (initialLoss - finalLoss) / initialLoss
    }

    /// The loss change as the summary prints it: `-12.3%` (fell), `+4.0%` (rose), `0.0%`
    /// (never `-0.0%`), `+1.2e+20%` past a million percent, `diverged` after a divergence
    /// (the loss grew ~10^18 and the drop, set to 0, printed as `-0.0%`).
    var changeDescription: String {
        if result.divergence != nil { return "diverged" }
        guard initialLoss > 0, initialLoss.isFinite, finalLoss.isFinite else { return "change undefined" }
        let percent = (finalLoss - initialLoss) / initialLoss * 100
        if (percent * 10).rounded() == 0 { return "0.0%" }
        if abs(percent) >= 1e6 { return String(format: "%+.2g%%", percent) }
        return String(format: "%+.1f%%", percent)
    }

    var status: String {
        if result.divergence != nil { return "diverged" }
        if let required = command.requireDrop, drop < required { return "insufficient-drop" }
        return "trained"
    }

    var optimizerDescription: String {
        switch run.configuration.optimizer {
        case .sgd(let momentum, let decay): "sgd (momentum \(momentum), weight decay \(decay))"
        case .adam(_, _, _, let decay): "adam (weight decay \(decay))"
        }
    }

    func text(verbose: Bool) -> String {
        let c = run.configuration
        var lines = [
            "\(graph.name) on \(data.training.name): \(result.history.count) steps, batch \(c.batchSize), \(optimizerDescription), lr \(c.learningRateText), seed \(c.seed), \(run.threads) thread\(run.threads == 1 ? "" : "s")",
            "parameters  \(network.parameters.scalarCount)",
            String(format: "loss        %.4f -> %.4f  (mean of the first and last %d steps; %@)", initialLoss, finalLoss, window, changeDescription),
            String(format: "accuracy    %.3f -> %.3f  (training batches, same steps)", initialAccuracy, finalAccuracy),
        ]
        if let last = result.evaluations.last {
            lines.append(String(format: "evaluation  loss %.4f, accuracy %.3f on %d held-out images (step %d)", last.loss, last.accuracy, min(command.evalSamples, data.evaluation.count), last.step))
        }
        if let divergence = result.divergence { lines.append("status      diverged: \(divergence)") } else { lines.append("status      \(status)") }
        if verbose {
            lines.append("")
            let width = max(5, result.initialNorms.map(\.name.count).max() ?? 5)
            lines.append("layer".padding(toLength: width, withPad: " ", startingAt: 0) + "  |grad W| init    |grad W| end")
            let final = Dictionary(uniqueKeysWithValues: result.finalNorms.map { ($0.name, $0) })
            for norms in result.initialNorms {
                let end = final[norms.name].map { String(format: "%.4e", $0.weightGradient) } ?? "-"
                lines.append(norms.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "%.4e", norms.weightGradient) + "     " + end)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        let c = run.configuration
        let optimizer: JSONText = switch c.optimizer {
        case .sgd(let momentum, let decay): .object(["kind": .string("sgd"), "momentum": .decimal(momentum), "weight_decay": .number(String(decay))])
        case .adam(let b1, let b2, let eps, let decay): .object(["kind": .string("adam"), "beta1": .decimal(b1), "beta2": .decimal(b2), "epsilon": .number(String(eps)), "weight_decay": .number(String(decay))])
        }
        let final = Dictionary(uniqueKeysWithValues: result.finalNorms.map { ($0.name, $0) })
        let layers: [JSONText] = result.initialNorms.map { initial in
            let end = final[initial.name]
            return .object([
                "name": .string(initial.name),
                "kind": .string(graph.node(named: initial.name)?.op.kindName ?? "?"),
                "gradient_norm_initial": Self.exact(initial.weightGradient),
                "gradient_norm_final": end.map { Self.exact($0.weightGradient) } ?? .null,
                "weight_norm_initial": Self.exact(initial.weight),
                "weight_norm_final": end.map { Self.exact($0.weight) } ?? .null,
            ])
        }
        var document: [String: JSONText] = [
            "schema_version": .int(1),
            "tool": .object(["name": .string("gpath"), "version": .string(GPath.configuration.version)]),
            "input": .string(command.input.file),
            "network": .string(graph.name),
            "data": .string(data.training.name),
            "parameters": .int(network.parameters.scalarCount),
            "configuration": .object([
                "steps": .int(c.steps), "batch": .int(c.batchSize), "seed": .number(String(c.seed)),
                "threads": .int(run.threads), "optimizer": optimizer,
                "learning_rate": .object([
                    "peak": .number(String(c.schedule.base)), "warmup_steps": .int(c.schedule.warmupSteps),
                    "decay": .string(c.schedule.decay.rawValue),
                ]),
                "zero_init_residual": .bool(command.zeroInitResidual),
            ]),
            "history": .object([
                "loss": .array(result.history.map { .decimal($0.loss) }),
                "accuracy": .array(result.history.map { .decimal($0.accuracy) }),
                "learning_rate": .array(result.history.map { .number(String($0.learningRate)) }),
            ]),
            "evaluations": .array(result.evaluations.map {
                .object(["step": .int($0.step), "loss": .decimal($0.loss), "accuracy": .decimal($0.accuracy)])
            }),
            "summary": .object([
                "initial_loss": .decimal(initialLoss), "final_loss": .decimal(finalLoss),
                "initial_accuracy": .decimal(initialAccuracy), "final_accuracy": .decimal(finalAccuracy),
                "loss_drop": .decimal(drop), "window_steps": .int(window), "status": .string(status),
            ]),
            "layers": .array(layers),
            "diverged": .null,
        ]
        if let d = result.divergence {
            document["diverged"] = .object(["step": .int(d.step), "layer": .string(d.node), "phase": .string(d.phase)])
        }
        return JSONText.object(document).rendered() + "\n"
    }

    /// The loss chart as SVG text (the small SVG writer).
    func chart() -> String {
        LineChartWriter.svg(title: chartTitle, xLabel: "step", yLabel: "loss", series: chartSeries)
    }

    /// The loss chart as pinned DOT for Graphviz (PNG and PDF).
    func chartDOT() -> String {
        LineChartDOTWriter.write(title: chartTitle, xLabel: "step", yLabel: "loss", series: chartSeries)
    }

    private var chartTitle: String { "\(graph.name) on \(data.training.name), seed \(run.configuration.seed)" }

    private var chartSeries: [ChartSeries] {
        var series = [ChartSeries(
            name: "training loss", points: result.history.map { (Double($0.step), $0.loss) }, color: "#1f77b4")]
        if !result.evaluations.isEmpty {
            series.append(ChartSeries(
                name: "held-out loss", points: result.evaluations.map { (Double($0.step), $0.loss) }, color: "#d62728", markers: true))
        }
        return series
    }

    /// Full precision (gradient norms can be far below the 6 decimals of `.decimal`).
    static func exact(_ value: Double) -> JSONText { value.isFinite ? .number(String(value)) : .null }

    private func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}

extension TrainingConfiguration {
    /// `0.05 (warm-up 25, cosine)`.
    var learningRateText: String {
        "\(schedule.base) (warm-up \(schedule.warmupSteps), \(schedule.decay.rawValue))"
    }
}
