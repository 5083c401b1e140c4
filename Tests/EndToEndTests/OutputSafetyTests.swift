import Foundation
import GPathTestSupport
import Testing

/// Output is never lost: `-o` onto an input, a directory or a device is refused (E603), a
/// symbolic link is written through to its target, unwritable places and a failing standard
/// output are E604 with exit 2, and nothing is left behind.
@Suite(.serialized)
struct OutputSafetyTests {
    /// A scratch folder holding a copy of `examples/resnet.net` as `model.net`.
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("examples/resnet.net"))
        try model.write(to: folder.appendingPathComponent("model.net"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("-o naming an input is refused by every command, and the input is untouched", arguments: [
        ["analyze", "MODEL", "-o", "MODEL"],
        ["analyze", "MODEL", "-o", "ALIAS"],
        ["check", "MODEL", "-o", "MODEL"],
        ["check", "MODEL", "--write-baseline", "MODEL"],
        ["convert", "MODEL", "-o", "MODEL"],
        ["dot", "MODEL", "-o", "MODEL"],
        ["compare", "MODEL", "-o", "MODEL"],
        ["train", "MODEL", "--steps", "1", "-o", "MODEL"],
    ])
    func inputRefused(arguments: [String]) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.net").path
        let alias = folder.appendingPathComponent("alias.net").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: "model.net")
        let before = try String(contentsOfFile: model, encoding: .utf8)
        let result = try CommandRunner.run(arguments.map { $0 == "MODEL" ? model : $0 == "ALIAS" ? alias : $0 })
        #expect(result.status == 2, Comment(rawValue: result.stderr))
        #expect(result.stderr.hasPrefix("error[E603]: refusing to write `"), Comment(rawValue: result.stderr))
        #expect(try String(contentsOfFile: model, encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["alias.net", "model.net"])
    }

    @Test("a symbolic link is written through to its target and stays a link")
    func symlink() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("latest.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "reports/r1.txt")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let result = try CommandRunner.run(["analyze", folder.appendingPathComponent("model.net").path, "-o", link])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "reports/r1.txt")
        let written = try String(contentsOfFile: folder.appendingPathComponent("reports/r1.txt").path, encoding: .utf8)
        #expect(written.contains("resnet18"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("reports").path) == ["r1.txt"])
    }

    @Test("devices and directories are refused; a folder that cannot be written is E604", arguments: [
        ("/dev/null", "error[E603]: refusing to write `/dev/null`: it is a device or special file"),
        ("FOLDER", "error[E603]: refusing to write `FOLDER`: it is a directory"),
        ("/proc/gpath-report.txt", "error[E604]: cannot write `/proc/gpath-report.txt`"),
        ("FOLDER/missing/report.txt", "error[E604]: cannot write `FOLDER/missing/report.txt`: the folder `FOLDER/missing` does not exist"),
    ])
    func refusedPlaces(target: String, expected: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = target.replacingOccurrences(of: "FOLDER", with: folder.path)
        let result = try CommandRunner.run(["analyze", folder.appendingPathComponent("model.net").path, "-o", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(expected.replacingOccurrences(of: "FOLDER", with: folder.path)), Comment(rawValue: result.stderr))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.net"])
    }

    @Test("a standard output that fails (a full disk) is E604 and exit 2, not a lost report and exit 0")
    func fullStandardOutput() throws {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["analyze", "examples/resnet.net"]
        process.currentDirectoryURL = RepositoryPaths.root
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(stderr.hasPrefix("error[E604]: cannot write to standard output: No space left on device"), Comment(rawValue: stderr))
    }

    @Test("every exit 2 is a coded diagnostic: usage errors, unreadable inputs, a missing loss at the file", arguments: [
        (["analyze", "examples/resnet.net", "--formt", "json"], "error[E605]: "),
        (["analyze", "examples"], "error[E602]: "),
        (["analyze", "examples/nothing.net"], "error[E601]: cannot read `examples/nothing.net`: the file does not exist"),
        (["explain", "E999"], "error[E605]: unknown diagnostic code `E999`"),
        (["analyze", "Tests/EndToEndTests/Inputs/no_loss.net"], "error[E302]: "),
    ])
    func coded(arguments: [String], prefix: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(prefix), Comment(rawValue: result.stderr))
        if prefix == "error[E302]: " {
            #expect(result.stderr.contains(" --> Tests/EndToEndTests/Inputs/no_loss.net\n"), Comment(rawValue: result.stderr))
        }
    }
}
