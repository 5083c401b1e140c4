import Foundation
import GPathDiagnostics

/// Writes command results: to standard output, or atomically to a file — a temporary file
/// beside the target, then a rename — so an interrupted or failed run never leaves a
/// half-written report, and never a file in place of an input, a device or a link.
///
/// Before anything is written (and before slow work, through ``checkWritable(_:inputs:)``),
/// the path is resolved through symbolic links and refused (E603) when it names one of the
/// command's inputs, a directory or a device; a missing or read-only folder is E604.
enum OutputFile {
    /// Writes `text` to `path`, or to standard output when `path` is nil or `-`.
    static func emit(_ text: String, to path: String?, inputs: [String]) throws {
        guard let path, path != "-" else {
            try StandardOutput.write(text)
            return
        }
        try write(Array(text.utf8), to: path, inputs: inputs)
    }

    /// Streams what `contents` produces to `path` (atomically: a temporary file beside it,
    /// renamed into place at the end) or to standard output when `path` is nil or `-`; the
    /// output is never held whole in memory.
    static func stream(to path: String?, inputs: [String], contents: (@escaping AtomicWrite.Sink) throws -> Void) throws {
        guard let path, path != "-" else {
            try contents { chunk in try StandardOutput.write(chunk) }
            return
        }
        let target = try checkWritable(path, inputs: inputs)
        try AtomicWrite.write(to: target, shownAs: path, contents: contents)
    }

    /// Writes `bytes` to `path` atomically, through a symbolic link to its target.
    static func write(_ bytes: [UInt8], to path: String, inputs: [String]) throws {
        let target = try checkWritable(path, inputs: inputs)
        try AtomicWrite.write(bytes, to: target, shownAs: path)
    }

    /// The file that writing `path` will replace (symbolic links followed), after checking
    /// that it may be written. Call it before slow work, so a bad `-o` fails fast.
    @discardableResult
    static func checkWritable(_ path: String, inputs: [String]) throws -> String {
        let target = FilePath.resolvingLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw refused(path, "it is a directory") }
            if kind != S_IFREG {
                throw refused(path, "it is a device or special file, not a regular file", helps: ["write to standard output with `-o -` (or leave out -o) and redirect it"])
            }
            for input in inputs where FilePath.sameFile(target, input) {
                throw refused(path, "it is `\(input)`, an input of this command: writing it would replace the input", helps: ["choose another output path"])
            }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let shownFolder = folder.isEmpty ? "." : folder
        var folderInfo = stat()
        guard stat(shownFolder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw CommandFailure.input(.writeFailed, "cannot write `\(path)`: the folder `\(shownFolder)` does not exist", at: SourceLocation(file: path))
        }
        guard access(shownFolder, W_OK) == 0 else {
            throw CommandFailure.input(.writeFailed, "cannot write `\(path)`: the folder `\(shownFolder)` is not writable", at: SourceLocation(file: path))
        }
        return target
    }

    private static func refused(_ path: String, _ reason: String, helps: [String] = []) -> CommandFailure {
        CommandFailure.input(.refusedOutput, "refusing to write `\(path)`: \(reason)", at: SourceLocation(file: path), helps: helps)
    }
}
