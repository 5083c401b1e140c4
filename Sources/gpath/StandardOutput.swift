import Foundation
import GPathDiagnostics

/// Standard output with write errors checked: `gpath analyze x.net > /dev/full` fails with
/// E604 and exit 2 instead of exiting 0 with the report lost.
enum StandardOutput {
    static func write(_ text: String) throws {
        try Array(text.utf8).withUnsafeBytes { try write($0) }
    }

    /// Writes raw bytes (one chunk of a streamed report).
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let error = FileDescriptorWriter.writeAll(STDOUT_FILENO, bytes) {
            throw CommandFailure.input(.writeFailed, "cannot write to standard output: \(String(cString: strerror(error)))")
        }
    }
}
