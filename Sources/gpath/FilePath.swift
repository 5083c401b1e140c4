import Foundation

/// Path facts the output checks need: where a chain of symbolic links ends, and whether two
/// paths name the same file (device and inode, so `./a.net`, `a.net` and a link to it agree).
enum FilePath {
    /// `path` with symbolic links at its end followed (at most 40 hops, as the kernel allows);
    /// a dangling link resolves to the file it would create.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return current
    }

    /// True when both paths exist and are the same file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat()
        var y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }
}
