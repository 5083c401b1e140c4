import Foundation

extension OutputFile {
    /// Fails early (before a slow layout) when `path`'s folder is missing or not writable.
    static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure.input("error: cannot write `\(path)`: the folder `\(folder)` does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CommandFailure.input("error: cannot write `\(path)`: the folder `\(folder)` is not writable")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure.input("error: cannot write `\(path)`: it is a folder")
        }
    }

    /// Writes `bytes` atomically: a temporary file beside the target, then a rename, so a
    /// failed or interrupted run never leaves a half-written picture.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure.input("error: cannot write `\(path)`: \(error.localizedDescription)")
        }
    }
}
