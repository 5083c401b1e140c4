import Foundation

/// Removes the temporary file of an atomic write when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP), then lets the signal end the process as it would have.
///
/// Signal handlers cannot capture context, so the path lives in one process-wide C buffer —
/// the only global mutable state in gpath, written before the handlers can read it and read
/// only with the async-signal-safe `unlink`. One write is in progress at a time (commands
/// write their outputs one after another).
enum TemporaryFileCleanup {
    private static let capacity = 4096
    nonisolated(unsafe) private static let buffer: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()
    nonisolated(unsafe) private static var installed = false

    /// Remembers `path` for removal on a signal, installing the handlers on first use.
    static func register(_ path: String) {
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else { return }
        buffer[0] = 0
        for (index, byte) in bytes.enumerated() { buffer[index + 1] = CChar(bitPattern: byte) }
        buffer[bytes.count + 1] = 0
        // Publish the path before it can be seen: the first byte marks it present.
        buffer[0] = 1
        if !installed {
            installed = true
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber) { received in
                    if TemporaryFileCleanup.buffer[0] == 1 { unlink(TemporaryFileCleanup.buffer + 1) }
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    /// Forgets the path (the write finished or cleaned up after itself).
    static func unregister() {
        buffer[0] = 0
    }
}
