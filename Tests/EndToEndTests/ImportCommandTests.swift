import Foundation
import GPathTestSupport
import Testing

/// Darknet `.cfg` and YOLO YAML through the built binary: every bundled example in every
/// format, `convert`, `--from`/`--scale`, and exit 2 with `file:line` on malformed input.
@Suite(.serialized)
struct ImportCommandTests {
    static let examples: [String] = ["darknet": "cfg", "yolo": "yaml"].sorted { $0.key < $1.key }.flatMap { folder, ext in
        let url = RepositoryPaths.root.appendingPathComponent("examples/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { "examples/\(folder)/\($0)" }
    }

    @Test("the imported examples exist")
    func exampleSet() {
        #expect(Self.examples.count >= 3, "\(Self.examples)")
    }

    @Test("every imported example analyses cleanly in every format", arguments: examples)
    func analyze(path: String) throws {
        for format in ["table", "markdown", "csv", "json"] {
            let result = try CommandRunner.run(["analyze", path, "--format", format])
            #expect(result.status == 0, "\(path) \(format): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(path): \(result.stderr)")
            if format == "json" {
                #expect(JSONTree(parsing: result.stdout)?["network"]?["longest_shortest_path"] != nil)
            }
        }
    }

    @Test("convert writes .net and graph JSON that analyse to the same numbers", arguments: examples)
    func convert(path: String) throws {
        let original = try CommandRunner.run(["analyze", path, "--format", "json"])
        let a = JSONTree(parsing: original.stdout)?["network"]
        for ext in ["net", "json"] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-convert-\(UUID().uuidString).\(ext)").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let converted = try CommandRunner.run(["convert", path, "-o", output])
            #expect(converted.status == 0, "\(converted.stderr)")
            let reread = try CommandRunner.run(["analyze", output, "--format", "json"])
            #expect(reread.status == 0, "\(reread.stderr)")
            let b = JSONTree(parsing: reread.stdout)?["network"]
            for key in ["params", "macs", "longest_shortest_path", "longest_path", "timestamp_combinations_count"] {
                #expect(a?[key] != nil && a?[key] == b?[key], "\(path) -> .\(ext) \(key)")
            }
        }
    }

    @Test("convert --to graph-json writes graph JSON to stdout")
    func convertToStdout() throws {
        let result = try CommandRunner.run(["convert", "examples/darknet/csp_prn_tiny.cfg", "--to", "graph-json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\n  \"name\": \"csp_prn_tiny\","))
        #expect(result.stdout.contains(#"{"src": "1", "dst": "2", "src_slice": [8, 16]}"#))
    }

    @Test("--format darknet prints darknet's load table for a .cfg")
    func darknetTable() throws {
        let result = try CommandRunner.run(["analyze", "examples/darknet/csp_prn_tiny.cfg", "--format", "darknet"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/analyze-csp_prn_tiny-darknet.txt")
        #expect(failure == nil, Comment(rawValue: failure ?? ""))
    }

    @Test("--format darknet on anything but a .cfg is a usage error (exit 2)", arguments: [
        ["analyze", "examples/resnet.net", "--format", "darknet"],
        ["analyze", "examples/yolo/elan_tiny.yaml", "--format", "darknet"],
        ["compare", "examples/resnet.net", "--format", "darknet"],
    ])
    func darknetTableNeedsCfg(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--format darknet"), "\(result.stderr)")
    }

    @Test("malformed imports exit 2 with file:line diagnostics", arguments: [
        ("Tests/GPathFormatsTests/Fixtures/darknet/bad_index.cfg", "bad_index.cfg:11:8"),
        ("Tests/GPathFormatsTests/Fixtures/darknet/truncated.cfg", "truncated.cfg:10:1"),
        ("Tests/GPathFormatsTests/Fixtures/darknet/channel_mismatch.cfg", "channel_mismatch.cfg:10:2"),
        ("Tests/GPathFormatsTests/Fixtures/yolo/unknown_module.yaml", "unknown_module.yaml:5:12"),
        ("Tests/GPathFormatsTests/Fixtures/yolo/truncated.yaml", "truncated.yaml:5:1"),
    ])
    func malformed(path: String, location: String) throws {
        let result = try CommandRunner.run(["analyze", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(location), "\(result.stderr)")
    }

    @Test("--from and --scale")
    func options() throws {
        let forced = try CommandRunner.run(["analyze", "examples/darknet/csp_prn_tiny.cfg", "--from", "darknet", "--paths-only"])
        #expect(forced.status == 0)
        let nano = try CommandRunner.run(["analyze", "examples/yolo/c2f_multihead.yaml", "--scale", "n", "--format", "json"])
        #expect(JSONTree(parsing: nano.stdout)?["network"]?["params"] == .number(285_016))
        let missing = try CommandRunner.run(["analyze", "examples/yolo/c2f_multihead.yaml", "--scale", "q"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("did you mean") || missing.stderr.contains("available: n, s"))
    }
}
