import Foundation
import GPathTestSupport
import Testing

/// The built `gpath` binary: stdout, stderr and exit code, compared with goldens.
@Suite(.serialized)
struct AnalyzeCommandTests {
    private func golden(_ text: String, _ name: String) -> Comment? {
        Golden.check(text, against: "Tests/EndToEndTests/Goldens/\(name)").map { Comment(rawValue: $0) }
    }

    @Test("analyze resnet.net: the README's main job")
    func resnet() throws {
        let result = try CommandRunner.run(["analyze", "examples/resnet.net"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let failure = golden(result.stdout, "analyze-resnet.txt")
        #expect(failure == nil, failure)
    }

    @Test("every example analyses cleanly in every format", arguments: RepositoryPaths.examples(withExtension: "net").map(\.lastPathComponent)
        + RepositoryPaths.examples(withExtension: "net", in: "paper").map { "paper/" + $0.lastPathComponent })
    func examples(name: String) throws {
        for format in ["table", "markdown", "csv", "json"] {
            let result = try CommandRunner.run(["analyze", "examples/\(name)", "--format", format])
            #expect(result.status == 0, "\(name) \(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
            if format == "json" {
                let tree = JSONTree(parsing: result.stdout)
                #expect(tree?["network"]?["longest_shortest_path"] != nil, "\(name)")
                #expect(tree?["schema_version"] == .number(1))
            }
        }
    }

    @Test("--compact writes the same JSON report on one line, to stdout and through -o")
    func compactJSON() throws {
        let pretty = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json"])
        let compact = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json", "--compact"])
        #expect(compact.status == 0)
        #expect(compact.stdout.hasSuffix("}\n") && compact.stdout.filter { $0 == "\n" }.count == 1)
        #expect(compact.stdout.utf8.count < pretty.stdout.utf8.count / 2)
        let tree = try #require(JSONTree(parsing: pretty.stdout))
        #expect(JSONTree(parsing: compact.stdout) == tree)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json")
        let written = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json", "--compact", "-o", file.path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(RepositoryPaths.text(file) == compact.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        let refused = try CommandRunner.run(["analyze", "examples/resnet.net", "--compact"])
        #expect(refused.status == 2 && refused.stderr.contains("--compact applies to --format json only"))
    }

    @Test("a graph JSON worked example through the CLI equals the expected report")
    func graphJSON() throws {
        let input = RepositoryPaths.spec.appendingPathComponent("examples/fig9b_sg_identity.json").path
        let result = try CommandRunner.run(["analyze", input, "--format", "json"])
        #expect(result.status == 0)
        let expected = try #require(JSONTree(parsing: RepositoryPaths.text(RepositoryPaths.spec.appendingPathComponent("expected/fig9b_sg_identity.json"))))
        let actual = try #require(JSONTree(parsing: result.stdout))
        #expect(actual.differences(from: expected).isEmpty)
    }

    @Test("a file with several mistakes: every one reported, rustc style, exit 2, nothing on stdout")
    func diagnostics() throws {
        let result = try CommandRunner.run(["analyze", "Tests/EndToEndTests/Inputs/typos.net"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let failure = golden(result.stderr, "typos.stderr")
        #expect(failure == nil, failure)
        #expect(result.stderr.contains("did you mean `conv`?"))
    }

    @Test("a cycle in graph JSON names the nodes on it")
    func cycle() throws {
        let result = try CommandRunner.run(["analyze", "Tests/EndToEndTests/Inputs/cycle.json"])
        #expect(result.status == 2)
        let failure = golden(result.stderr, "cycle.stderr")
        #expect(failure == nil, failure)
    }

    @Test("usage and input errors exit 2", arguments: [
        ["analyze", "examples/nope.net"],
        ["analyze", "examples/resnet.net", "--format", "yaml"],
        ["analyze", "examples/resnet.net", "-D", "blocks"],
        ["analyze", "README.md"],
        ["analyze", "examples/resnet.net", "--paths", "stage9.conv"],
        ["explain", "E999"],
        ["frobnicate"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test("-D overrides a parameter")
    func define() throws {
        let small = try CommandRunner.run(["analyze", "examples/vovnet_deep.net", "-D", "modules=2", "--format", "json"])
        let large = try CommandRunner.run(["analyze", "examples/vovnet_deep.net", "-D", "modules=5", "--format", "json"])
        let a = try #require(JSONTree(parsing: small.stdout)?["network"]?["longest_shortest_path"])
        let b = try #require(JSONTree(parsing: large.stdout)?["network"]?["longest_shortest_path"])
        #expect(a == .number(4))
        #expect(b == .number(7))
    }

    @Test("--output writes the same report to a file")
    func output() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-e2e-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try CommandRunner.run(["analyze", "examples/prn.net", "--format", "csv", "-o", path])
        let printed = try CommandRunner.run(["analyze", "examples/prn.net", "--format", "csv"])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect((try? String(contentsOfFile: path, encoding: .utf8)) == printed.stdout)
    }

    @Test("--timestamps prints the Figure 7 grid for a .net file")
    func timestamps() throws {
        let result = try CommandRunner.run(["analyze", "examples/prn.net", "--timestamps"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("timestamp combinations: 14"))
        #expect(result.stdout.hasPrefix("t  | stem[0:16] | stem[16:32]"))
    }

    @Test("--paths prints one layer's distribution; explain prints a code")
    func pathsAndExplain() throws {
        let paths = try CommandRunner.run(["analyze", "examples/resnet.net", "--paths", "stem"])
        #expect(paths.status == 0)
        #expect(paths.stdout.hasPrefix("gradient paths ending at stem: 256"))
        let explain = try CommandRunner.run(["explain", "e301"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("E301"))
    }

    @Test("the JSON report records its analysis level; above 20,000 nodes the default is timestamps, with a note, and --analysis full forces the rest")
    func analysisLevel() throws {
        let full = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json"])
        #expect(JSONTree(parsing: full.stdout)?["analysis"] == .string("full"))
        for flags in [["--analysis", "paths"], ["--paths-only"]] {
            let paths = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json"] + flags)
            let tree = JSONTree(parsing: paths.stdout)
            #expect(tree?["analysis"] == .string("paths"), "\(flags)")
            #expect(tree?["timestamp_table"] == nil, "\(flags)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-level-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let chain = (0..<20_001).map { "{\"id\": \"L\($0)\", \"op\": \"layer\", \"channels\": 1}" }
        let edges = (0..<20_000).map { "{\"src\": \"L\($0)\", \"dst\": \"L\($0 + 1)\"}" }
        let graph = "{\"nodes\": [{\"id\": \"in\", \"op\": \"input\", \"channels\": 1}, " + chain.joined(separator: ", ")
            + ", {\"id\": \"loss\", \"op\": \"loss\"}], \"edges\": [{\"src\": \"in\", \"dst\": \"L0\"}, " + edges.joined(separator: ", ")
            + ", {\"src\": \"L20000\", \"dst\": \"loss\"}]}"
        let path = folder.appendingPathComponent("chain.json").path
        try graph.write(toFile: path, atomically: true, encoding: .utf8)
        let automatic = try CommandRunner.run(["analyze", path, "--format", "json"])
        #expect(automatic.status == 0)
        let automaticTree = JSONTree(parsing: automatic.stdout)
        #expect(automaticTree?["analysis"] == .string("timestamps"))
        #expect(automaticTree?["layers"]?["L0"]?["timestamp_progressions"] == .array([.array([.number(20_001), .number(20_001), .number(1)])]))
        #expect(automatic.stderr.contains("--analysis full asks for them"))
        let forced = try CommandRunner.run(["analyze", path, "--format", "json", "--analysis", "full"])
        #expect(forced.status == 0)
        #expect(JSONTree(parsing: forced.stdout)?["analysis"] == .string("full"))
        #expect(forced.stderr.isEmpty)
    }

    @Test("--analysis timestamps: each layer's timestamps as the full analysis has them, no units, counts or sources")
    func timestampsLevel() throws {
        let full = try #require(JSONTree(parsing: try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json"]).stdout))
        let result = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json", "--analysis", "timestamps"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let tree = try #require(JSONTree(parsing: result.stdout))
        #expect(tree["analysis"] == .string("timestamps"))
        guard case .object(let layers)? = tree["layers"], case .object(let fullLayers)? = full["layers"] else {
            Issue.record("no layers")
            return
        }
        #expect(layers.count == fullLayers.count && !layers.isEmpty)
        for (name, layer) in layers {
            guard case .array(let progressions)? = layer["timestamp_progressions"], case .array(let expected)? = fullLayers[name]?["timestamps"] else {
                Issue.record("\(name): no timestamps")
                continue
            }
            var values: [JSONTree] = []
            for case .array(let triple) in progressions {
                guard triple.count == 3, case .number(let first) = triple[0], case .number(let last) = triple[1], case .number(let step) = triple[2] else { continue }
                values += stride(from: Int(first), through: Int(last), by: Int(step)).map { .number(Double($0)) }
            }
            #expect(values == expected && layer["timestamp_count"] == .number(Double(expected.count)), "\(name)")
            #expect(layer["units"] == nil && layer["path_count_by_length"] == nil, "\(name)")
        }
        #expect(tree["timestamp_table"] == nil)
        let table = try CommandRunner.run(["analyze", "examples/resnet.net", "--analysis", "timestamps"])
        #expect(table.stdout.contains("timestamps, total"))
        let view = try CommandRunner.run(["analyze", "examples/resnet.net", "--analysis", "timestamps", "--timestamps"])
        #expect(view.status == 2 && view.stderr.contains("need the full analysis"))
    }

    @Test("a full analysis estimated above the memory budget is refused before it allocates, with the estimate; timestamps are reported")
    func memoryBudgetRefusal() throws {
        let result = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json", "--analysis", "full", "--memory-budget", "0.000001"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("exact path counts and sources would need about") && result.stderr.contains("about 7 kB (Σ|T| up to 137, counts up to 9 bits), above the 1 kB budget"), "\(result.stderr)")
        #expect(result.stderr.contains("timestamp sets would need about"), "\(result.stderr)")
        #expect(JSONTree(parsing: result.stdout)?["analysis"] == .string("paths"))
        let roomy = try CommandRunner.run(["analyze", "examples/resnet.net", "--format", "json", "--analysis", "full", "--memory-budget", "0.000005"])
        #expect(JSONTree(parsing: roomy.stdout)?["analysis"] == .string("timestamps"), "\(roomy.stderr)")
        let bad = try CommandRunner.run(["analyze", "examples/resnet.net", "--memory-budget", "-1"])
        #expect(bad.status == 2 && bad.stderr.contains("E605"))
    }
}

/// Input files that are not regular files: a named pipe reports size 0, and must still be read
/// whole.
struct AnalyzeFromPipeTests {
    @Test("analyze reads a named pipe to its end, as it reads the same file")
    func namedPipe() throws {
        let example = RepositoryPaths.root.appendingPathComponent("examples/resnet.net").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-fifo-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("resnet.net").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let contents = try #require(FileManager.default.contents(atPath: example))
        let writer = Thread {
            // Opening for writing waits until gpath opens the pipe for reading.
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(contents)
            try? handle.close()
        }
        writer.start()
        let fromPipe = try CommandRunner.run(["analyze", fifo, "--format", "json"])
        let fromFile = try CommandRunner.run(["analyze", example, "--format", "json"])
        #expect(fromPipe.status == 0, "\(fromPipe.stderr)")
        #expect(fromFile.status == 0)
        #expect(fromPipe.stdout.replacingOccurrences(of: fifo, with: example) == fromFile.stdout)
    }
}
