import Foundation
import GPathIR
import GPathReport
import GPathRuntime

/// The outcome of `gpath train` as text and a loss chart (the JSON is ``TrainingReport``).
/// Deterministic: no timings (those go to stderr), so the same seed and thread count print
/// the same bytes.
struct TrainingSummary {
    let session: TrainingSession
    let outcome: TrainingOutcome
    let requiredDrop: Double?
    let evaluationSamples: Int

    /// The loss change as the summary prints it: `-12.3%` (fell), `+4.0%` (rose), `0.0%`
    /// (never `-0.0%`), `+1.2e+20%` past a million percent, `diverged` after a divergence
    /// (the loss grew ~10^18 and the drop, set to 0, printed as `-0.0%`).
    var changeDescription: String {
        if outcome.divergence != nil { return "diverged" }
        let (initial, final) = (outcome.initialLoss, outcome.finalLoss)
        guard initial > 0, initial.isFinite, final.isFinite else { return "change undefined" }
        let percent = (final - initial) / initial * 100
        if (percent * 10).rounded() == 0 { return "0.0%" }
        if abs(percent) >= 1e6 { return String(format: "%+.2g%%", percent) }
        return String(format: "%+.1f%%", percent)
    }

    var optimizerDescription: String {
        switch session.settings.optimizer {
        case .sgd(let momentum, let decay): "sgd (momentum \(momentum), weight decay \(decay))"
        case .adam(_, _, _, let decay): "adam (weight decay \(decay))"
        }
    }

    func text(verbose: Bool) -> String {
        let settings = session.settings
        let threads = settings.threads
        var lines = [
            "\(session.graph.name) on \(session.data.training.name): \(outcome.history.count) steps, batch \(settings.batchSize), \(optimizerDescription), lr \(settings.configuration.learningRateText), seed \(settings.seed), \(threads) thread\(threads == 1 ? "" : "s")",
            "parameters  \(session.network.parameters.scalarCount)",
            String(format: "loss        %.4f -> %.4f  (mean of the first and last %d steps; %@)", outcome.initialLoss, outcome.finalLoss, outcome.window, changeDescription),
            String(format: "accuracy    %.3f -> %.3f  (training batches, same steps)", outcome.initialAccuracy, outcome.finalAccuracy),
        ]
        if let last = outcome.evaluations.last {
            lines.append(String(format: "evaluation  loss %.4f, accuracy %.3f on %d held-out images (step %d)", last.loss, last.accuracy, min(evaluationSamples, session.data.evaluation.count), last.step))
        }
        if let divergence = outcome.divergence {
            lines.append("status      diverged: \(divergence)")
        } else {
            lines.append("status      \(outcome.status(requiredDrop: requiredDrop))")
        }
        if verbose {
            lines.append("")
            let width = max(5, outcome.initialNorms.map(\.name.count).max() ?? 5)
            lines.append("layer".padding(toLength: width, withPad: " ", startingAt: 0) + "  |grad W| init    |grad W| end")
            let final = Dictionary(outcome.finalNorms.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for norms in outcome.initialNorms {
                let end = final[norms.name].map { String(format: "%.4e", $0.weightGradient) } ?? "-"
                lines.append(norms.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "%.4e", norms.weightGradient) + "     " + end)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The loss chart as SVG text (the small SVG writer).
    func chart() -> String {
        LineChartWriter.svg(title: chartTitle, xLabel: "step", yLabel: "loss", series: chartSeries)
    }

    /// The loss chart as pinned DOT for Graphviz (PNG and PDF).
    func chartDOT() -> String {
        LineChartDOTWriter.write(title: chartTitle, xLabel: "step", yLabel: "loss", series: chartSeries)
    }

    private var chartTitle: String { "\(session.graph.name) on \(session.data.training.name), seed \(session.settings.seed)" }

    private var chartSeries: [ChartSeries] {
        var series = [ChartSeries(
            name: "training loss", points: outcome.history.map { (Double($0.step), $0.loss) }, color: "#1f77b4")]
        if !outcome.evaluations.isEmpty {
            series.append(ChartSeries(
                name: "held-out loss", points: outcome.evaluations.map { (Double($0.step), $0.loss) }, color: "#d62728", markers: true))
        }
        return series
    }
}

extension TrainingConfiguration {
    /// `0.05 (warm-up 25, cosine)`.
    var learningRateText: String {
        "\(schedule.base) (warm-up \(schedule.warmupSteps), \(schedule.decay.rawValue))"
    }
}
