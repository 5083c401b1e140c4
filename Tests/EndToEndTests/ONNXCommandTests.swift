import Foundation
import GPathTestSupport
import Testing

/// `gpath` on ONNX files: the bundled examples, every report format, the ONNX options and
/// exit code 2 for every kind of broken file.
@Suite(.serialized)
struct ONNXCommandTests {
    private static let fixtures = "Tests/GPathFormatsTests/Fixtures/onnx"

    private func golden(_ text: String, _ name: String) -> Comment? {
        Golden.check(text, against: "Tests/EndToEndTests/Goldens/\(name)").map { Comment(rawValue: $0) }
    }

    @Test("analyze examples/onnx/c2f.onnx: the table")
    func c2f() throws {
        let result = try CommandRunner.run(["analyze", "examples/onnx/c2f.onnx"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let failure = golden(result.stdout, "analyze-onnx-c2f.txt")
        #expect(failure == nil, failure)
    }

    /// Every file in `examples/onnx/`.
    static let exampleFiles: [String] = {
        let folder = RepositoryPaths.root.appendingPathComponent("examples/onnx")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".onnx") }.sorted()
    }()

    @Test("every ONNX example analyses in every format", arguments: exampleFiles)
    func examples(name: String) throws {
        for format in ["table", "markdown", "csv", "json"] {
            let result = try CommandRunner.run(["analyze", "examples/onnx/\(name)", "--format", format])
            #expect(result.status == 0, "\(name) \(format): \(result.stderr)")
            #expect(result.stderr.isEmpty)
            if format == "json" {
                #expect(JSONTree(parsing: result.stdout)?["network"]?["longest_shortest_path"] != nil)
            }
        }
    }

    @Test("the ONNX examples are there")
    func examplesExist() {
        #expect(Self.exampleFiles == ["c2f.onnx", "resnet_sum.onnx"])
    }

    @Test("broken files: a clear error each, nothing on stdout, exit 2")
    func broken() throws {
        var transcript = ""
        for file in ["truncated", "corrupt", "wrong_magic", "not_a_model", "cycle", "missing_initializer", "unsupported"] {
            let result = try CommandRunner.run(["analyze", "\(Self.fixtures)/\(file).onnx"])
            #expect(result.status == 2, "\(file)")
            #expect(result.stdout.isEmpty, "\(file)")
            transcript += "$ gpath analyze \(file).onnx (exit \(result.status))\n\(result.stderr)\n"
        }
        let failure = golden(transcript, "onnx-errors.stderr")
        #expect(failure == nil, failure)
    }

    @Test("a missing file is an input error")
    func missingFile() throws {
        let result = try CommandRunner.run(["analyze", "\(Self.fixtures)/absent.onnx"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not exist"))
    }

    @Test("--treat-unknown-as identity turns the unsupported-operator error into a warning")
    func treatUnknown() throws {
        let result = try CommandRunner.run(["analyze", "\(Self.fixtures)/unsupported.onnx", "--treat-unknown-as", "identity"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning[W231]"))
        #expect(result.stdout.contains("fc"))
        let bad = try CommandRunner.run(["analyze", "\(Self.fixtures)/unsupported.onnx", "--treat-unknown-as", "zero"])
        #expect(bad.status == 2)
    }

    @Test("--loss names the loss tensors; an unknown name is exit 2 with a suggestion")
    func loss() throws {
        let result = try CommandRunner.run(["analyze", "examples/onnx/resnet_sum.onnx", "--loss", "block1.relu", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("loss:block1.relu.out"))
        let unknown = try CommandRunner.run(["analyze", "examples/onnx/resnet_sum.onnx", "--loss", "logit"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean `logits`?"))
        let empty = try CommandRunner.run(["analyze", "examples/onnx/resnet_sum.onnx", "--loss", "a,,b"])
        #expect(empty.status == 2)
    }

    @Test("--from onnx reads a file whose extension does not say")
    func from() throws {
        let result = try CommandRunner.run(["analyze", "Tests/EndToEndTests/Inputs/external_data.pb", "--from", "onnx"])
        #expect(result.status == 0, "\(result.stderr)")
        let guessed = try CommandRunner.run(["analyze", "Tests/EndToEndTests/Inputs/external_data.pb"])
        #expect(guessed.status == 2)
        #expect(guessed.stderr.contains("onnx"))
    }

    @Test("gpath check reads ONNX too")
    func check() throws {
        let result = try CommandRunner.run(["check", "examples/onnx/c2f.onnx"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
    }
}
