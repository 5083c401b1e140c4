import Foundation

/// Runs headless Chromium on a local HTML file and returns the DOM after the page's scripts
/// ran (`--dump-dom`) and the browser's log (stderr, where uncaught exceptions and console
/// messages land with `--enable-logging=stderr`).
struct HeadlessChromium {
    /// What one page load produced.
    struct Page {
        let dom: String
        let log: String
        let status: Int32
    }

    let executable: URL

    /// The first of `chromium` and `chromium-browser` on `PATH`.
    static func locate() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for folder in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Loads `file` with a fresh profile in `profile` (so several browsers can run at once),
    /// giving the page 5 s of virtual time; kills the browser after `timeout` real seconds.
    func load(_ file: URL, profile: URL, timeout: TimeInterval = 90) throws -> Page {
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0", "--dump-dom", file.absoluteString,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let group = DispatchGroup()
        nonisolated(unsafe) var log = Data()
        group.enter()
        DispatchQueue.global().async {
            log = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Page(dom: String(decoding: dom, as: UTF8.self), log: String(decoding: log, as: UTF8.self), status: process.terminationStatus)
    }
}
