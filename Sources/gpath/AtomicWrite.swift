import Foundation
import GPathDiagnostics

/// Writes a file atomically: a hidden temporary file in the target's folder (same file system,
/// so the rename is atomic), written fully, given the permissions of the file it replaces (or
/// 0644 under the umask), then renamed over the target. The temporary file is removed on any
/// failure and, through ``TemporaryFileCleanup``, when the process is interrupted.
enum AtomicWrite {
    /// Writes `bytes` as the new contents of `target`.
    static func write(_ bytes: [UInt8], to target: String, shownAs path: String) throws {
        try write(to: target, shownAs: path) { sink in try bytes.withUnsafeBytes { try sink($0) } }
    }

    /// Streams the new contents of `target`: `contents` hands its bytes, chunk by chunk, to the
    /// sink it is given, which writes them into the temporary file. Renamed into place only
    /// when `contents` returns; if it (or a write) throws, the target is left untouched.
    static func write(to target: String, shownAs path: String, contents: (@escaping Sink) throws -> Void) throws {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".gpath-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw failure(path, errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        TemporaryFileCleanup.register(temporary)
        defer { TemporaryFileCleanup.unregister() }
        var succeeded = false
        var isOpen = true
        defer {
            if isOpen { close(descriptor) }
            if !succeeded { unlink(temporary) }
        }
        var existing = stat()
        let mode: mode_t = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644 & ~currentUmask()
        fchmod(descriptor, mode)
        try contents { chunk in
            if let error = FileDescriptorWriter.writeAll(descriptor, chunk) { throw failure(path, error) }
        }
        isOpen = false
        guard close(descriptor) == 0 else { throw failure(path, errno) }
        guard rename(temporary, target) == 0 else { throw failure(path, errno) }
        succeeded = true
    }

    /// Receives the file's bytes in order.
    typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    private static func failure(_ path: String, _ code: Int32) -> CommandFailure {
        CommandFailure.input(.writeFailed, "cannot write `\(path)`: \(String(cString: strerror(code)))", at: SourceLocation(file: path))
    }

    /// The process umask (read by setting and restoring it).
    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}

/// Writes whole buffers to file descriptors, retrying short writes and EINTR.
enum FileDescriptorWriter {
    /// nil on success, else the errno of the failed write.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        guard let base = buffer.baseAddress else { return nil }
        while offset < buffer.count {
            let result = Glibc.write(descriptor, base + offset, buffer.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += result
        }
        return nil
    }
}
