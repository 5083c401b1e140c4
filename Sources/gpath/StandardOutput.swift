import Foundation
import GPathDiagnostics

/// Standard output with write errors checked: `gpath analyze x.net > /dev/full` fails with
/// E604 and exit 2 instead of exiting 0 with the report lost.
enum StandardOutput {
    static func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        if let error = bytes.withUnsafeBytes({ FileDescriptorWriter.writeAll(STDOUT_FILENO, $0) }) {
            throw CommandFailure.input(.writeFailed, "cannot write to standard output: \(String(cString: strerror(error)))")
        }
    }
}
