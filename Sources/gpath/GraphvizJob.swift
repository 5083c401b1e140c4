import Foundation
import GPathDiagnostics
import GPathRender

/// Runs one Graphviz render on a worker thread (with a large stack: Graphviz's layout recurses)
/// and waits at most `timeout` seconds. Graphviz cannot be cancelled, so on a timeout the
/// command fails (exit 2) and the process exit ends the worker; nothing has been written yet.
enum GraphvizJob {
    static func render(_ dot: String, as format: RenderFormat, dpi: Int, timeout: Double, layout: String = "dot") throws -> GraphvizRenderer.Output {
        let box = ResultBox()
        let thread = Thread {
            do {
                let renderer = try GraphvizRenderer()
                box.result = .success(try renderer.render(dot: dot, as: format, dpi: dpi, layout: layout))
            } catch let error as RenderError {
                box.result = .failure(error)
            } catch {
                box.result = .failure(.unavailable("\(error)"))
            }
            box.done.signal()
        }
        thread.stackSize = 256 << 20
        thread.start()
        guard box.done.wait(timeout: .now() + timeout) == .success, let result = box.result else {
            throw CommandFailure.input(
                .renderFailed, "graphviz layout did not finish within \(NumberFormatter.localizedString(from: timeout as NSNumber, number: .decimal)) s",
                helps: ["draw less (--collapse DEPTH, --fold-repeats, a smaller --max-nodes) or wait longer (--layout-timeout)"])
        }
        switch result {
        case .success(let output): return output
        case .failure(let error): throw CommandFailure.input(.renderFailed, "\(error)")
        }
    }

    /// Hands the worker's result to the waiting thread; the semaphore orders the accesses.
    private final class ResultBox: @unchecked Sendable {
        var result: Result<GraphvizRenderer.Output, RenderError>?
        let done = DispatchSemaphore(value: 0)
    }
}
