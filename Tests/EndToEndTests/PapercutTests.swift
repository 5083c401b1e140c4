import Foundation
import GPathTestSupport
import Testing

/// The small things a new user hits first: misspelt commands, no arguments, `~` in paths,
/// names that read as numbers, the order of JSON layers, one error per mistake.
@Suite(.serialized)
struct PapercutTests {
    @Test("a misspelt command gets a \"did you mean\", exit 2")
    func misspeltCommand() throws {
        let result = try CommandRunner.run(["analyse", "examples/resnet.net"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: unknown command `analyse`\n  = help: did you mean `analyze`?\n"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a misspelt flag gets a \"did you mean\", exit 2")
    func misspeltFlag() throws {
        let result = try CommandRunner.run(["analyze", "examples/resnet.net", "--formt", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Did you mean '--format'?"))
    }

    @Test("no arguments print the usage on stderr and exit 2")
    func noArguments() throws {
        let result = try CommandRunner.run([])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("USAGE: gpath <subcommand>"))
        #expect(result.stderr.contains("analyze"))
    }

    @Test("~ expands in path arguments the shell leaves alone (--output=~/…, cifar10:~/…)")
    func tilde() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let written = try CommandRunner.run(["analyze", "examples/resnet.net", "--output=~/report.txt"], environment: ["HOME": home.path])
        #expect(written.status == 0, Comment(rawValue: written.stderr))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("report.txt").path))
        let quoted = try CommandRunner.run(["analyze", "examples/resnet.net", "-o", "~/quoted.txt"], environment: ["HOME": home.path])
        #expect(quoted.status == 0)
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("quoted.txt").path))
        let data = try CommandRunner.run(
            ["train", "examples/resnet20.net", "--data", "cifar10:~/no-such-data", "--steps", "1"], environment: ["HOME": home.path])
        #expect(data.status == 2)
        #expect(data.stderr.contains("`\(home.path)/no-such-data`"), Comment(rawValue: data.stderr))
    }

    @Test("layer names in summaries are quoted, so a Darknet layer `0` does not read as a count")
    func quotedNames() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-quoted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = """
            {"nodes": [{"id": "in", "op": "input", "channels": 2}, {"id": "0", "op": "layer", "channels": 2},
                       {"id": "1", "op": "layer", "channels": 2}, {"id": "loss", "op": "loss"}],
             "edges": [{"src": "in", "dst": "0"}, {"src": "0", "dst": "1", "stop_gradient": true}, {"src": "1", "dst": "loss"}]}
            """
        let path = folder.appendingPathComponent("numbers.json").path
        try graph.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["analyze", path])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        #expect(result.stdout.contains("unreachable units       `0`\n"), Comment(rawValue: result.stdout))
        #expect(result.stdout.contains("longest shortest path   1  (`1`)"), Comment(rawValue: result.stdout))
    }

    @Test("JSON layers carry their topological index, whatever order the keys are read in")
    func layerIndex() throws {
        let result = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json"])
        let tree = try #require(JSONTree(parsing: result.stdout))
        guard case .object(let layers)? = tree["layers"] else {
            Issue.record("no layers object")
            return
        }
        let indices = layers.compactMap { name, layer -> (String, Int)? in
            guard case .number(let index)? = layer["index"] else { return nil }
            return (name, Int(index))
        }
        #expect(indices.count == layers.count)
        #expect(Set(indices.map(\.1)) == Set(0..<layers.count))
        let byIndex = Dictionary(uniqueKeysWithValues: indices.map { ($0.1, $0.0) })
        #expect(byIndex[0] == "stem")
        #expect(byIndex[layers.count - 1] == "fc")
    }

    @Test("one error per root cause in .net: a misspelt op does not cause follow-on errors")
    func oneErrorPerCause() throws {
        let result = try CommandRunner.run(["analyze", "Tests/EndToEndTests/Inputs/check/broken.net"])
        #expect(result.status == 2)
        let failure = Golden.check(result.stderr, against: "Tests/EndToEndTests/Goldens/broken.stderr")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
        #expect(!result.stderr.contains("unknown name `in`"))
    }

    @Test("analyze --units as a golden (PRN's masked channels)")
    func units() throws {
        let result = try CommandRunner.run(["analyze", "examples/prn.net", "--units"])
        #expect(result.status == 0)
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/analyze-prn-units.txt")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }
}
