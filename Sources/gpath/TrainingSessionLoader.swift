import Foundation
import GPathIR
import GPathRuntime

/// The command side of a ``TrainingSession``: opening it with the CLI's data sources, running
/// it with progress on stderr, runtime errors as coded exits, and the JSON report's encoding.
/// Shared by `gpath train` and `gpath check --train`.
enum TrainingSessionLoader {
    static func open(_ graph: Graph, settings: TrainingSettings, data: String, file: String) throws -> TrainingSession {
        do {
            return try TrainingSession(graph: graph, settings: settings) { shape in
                try TrainingData.load(data, seed: settings.seed, input: shape)
            }
        } catch let error as RuntimeError {
            throw CommandFailure.coded("error[\(error.code)]: `\(file)`: \(error.description)")
        }
    }

    static func run(_ session: TrainingSession, progress: TrainingProgress) throws -> TrainingOutcome {
        do {
            let outcome = try session.run { progress.report($0) }
            if outcome.divergence != nil { progress.interrupt() }
            return outcome
        } catch let error as RuntimeError {
            progress.interrupt()
            throw CommandFailure.coded("error[\(error.code)]: \(error.description)")
        }
    }

    /// The report as JSON text: sorted keys, two-space indentation, non-finite numbers as strings.
    static func json(_ report: TrainingReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
