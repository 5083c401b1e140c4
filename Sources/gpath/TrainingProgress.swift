import Foundation
import GPathRuntime

/// Progress of `gpath train` on stderr: a single-line ticker redrawn in place on a TTY, a plain
/// line every `every` steps otherwise, nothing when quiet.
struct TrainingProgress {
    let total: Int
    let every: Int
    let isTTY: Bool
    let quiet: Bool
    let start = DispatchTime.now().uptimeNanoseconds

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    func report(_ result: StepResult) {
        guard !quiet else { return }
        let rate = Double(result.step) / max(elapsed, 1e-9)
        let line = "step \(result.step)/\(total)  loss \(Self.format(result.loss, 4))  acc \(Self.format(result.accuracy, 3))  lr \(Self.format(result.learningRate, 5))  \(Self.format(rate, 2)) steps/s"
        if isTTY {
            let remaining = Double(total - result.step) / max(rate, 1e-9)
            Terminal.writeError("\r\u{1B}[K" + line + "  eta \(Self.eta(remaining))")
            if result.step == total { Terminal.writeError("\n") }
        } else if result.step % every == 0 || result.step == total || result.step == 1 {
            Terminal.writeError(line + "\n")
        }
    }

    /// Ends an unfinished ticker line (before an error message).
    func interrupt() {
        if isTTY && !quiet { Terminal.writeError("\n") }
    }

    /// Seconds left as `12s`; `--` when not a finite number of seconds an `Int` holds
    /// (`--steps 9223372036854775807` at a few steps per second trapped converting it).
    static func eta(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "--" }
        return "\(Int(seconds.rounded()))s"
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : String(value)
    }
}
