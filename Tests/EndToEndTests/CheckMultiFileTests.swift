import Foundation
import GPathTestSupport
import Testing

/// `gpath check` over several files when one of them does not load: the broken file is one more
/// finding (its codes, file, line, column) in every format, every other file is still checked,
/// the report file is still written (atomically), and the exit code is 2.
@Suite(.serialized)
struct CheckMultiFileTests {
    static let config = "Tests/EndToEndTests/Inputs/check/vovnet.gpath.yml"
    static let broken = "Tests/EndToEndTests/Inputs/check/broken.net"
    static let files = ["examples/vovnet_deep.net", broken, "examples/vovnet_planned.net"]

    /// Runs the check with `-o` into a fresh folder and returns (status, file text, stderr).
    private func run(_ format: String) throws -> (status: Int32, report: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-multi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.\(format)").path
        let result = try CommandRunner.run(["check"] + Self.files + ["--config", Self.config, "--format", format, "-o", output])
        let report = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(leftovers == ["report.\(format)"], "only the report is left behind: \(leftovers)")
        return (result.status, report, result.stderr)
    }

    @Test("every format reports the broken file's errors and the other files' findings, exit 2",
          arguments: ["table", "json", "sarif", "junit", "github"])
    func formats(format: String) throws {
        let result = try run(format)
        #expect(result.status == 2, Comment(rawValue: result.stderr))
        let failure = Golden.check(result.report, against: "Tests/EndToEndTests/Goldens/check/multi.\(format)")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }

    @Test("SARIF: the input errors are located results, their codes are driver rules")
    func sarif() throws {
        let sarif = try #require(JSONTree(parsing: try run("sarif").report))
        guard case .array(let runs)? = sarif["runs"], let run = runs.first,
              case .array(let rules)? = run["tool"]?["driver"]?["rules"],
              case .array(let results)? = run["results"]
        else {
            Issue.record("not SARIF 2.1.0 shaped")
            return
        }
        #expect(sarif["version"] == .string("2.1.0"))
        let ruleIDs = rules.compactMap { rule -> String? in if case .string(let id)? = rule["id"] { id } else { nil } }
        #expect(ruleIDs.contains("E201") && ruleIDs.contains("GP001"))
        let inputResults = results.filter { $0["ruleId"] == .string("E201") }
        #expect(inputResults.count == 2)
        let lines: [Double] = inputResults.compactMap { entry -> Double? in
            guard case .array(let locations)? = entry["locations"], let first = locations.first,
                  case .number(let line)? = first["physicalLocation"]?["region"]?["startLine"],
                  first["physicalLocation"]?["artifactLocation"]?["uri"] == .string(Self.broken)
            else { return nil }
            return line
        }
        #expect(lines.sorted() == [8, 12])
        for entry in results {
            guard case .number(let index)? = entry["ruleIndex"], case let position = Int(index), position < rules.count else {
                Issue.record("result without a valid ruleIndex")
                continue
            }
            #expect(rules[position]["id"] == entry["ruleId"])
        }
    }

    @Test("a missing file is an E601 finding; the others are still checked")
    func missingFile() throws {
        let result = try CommandRunner.run(["check", "examples/resnet.net", "examples/resnte.net", "--format", "github"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("::error file=examples/resnte.net,title=gpath/E601::cannot read `examples/resnte.net`: the file does not exist%0Ahelp: did you mean `examples/resnet.net`?"))
        let table = try CommandRunner.run(["check", "examples/resnet.net", "examples/resnte.net"])
        #expect(table.status == 2)
        #expect(table.stdout.contains("examples/resnet.net: 21 layers, 0 errors, 0 warnings — passed"))
        #expect(table.stdout.hasSuffix("1 error, 0 warnings in 1 of 2 files\n"))
    }

    @Test("analyze-style commands with several inputs: compare reports the broken design and compares the rest, exit 2")
    func compare() throws {
        let result = try CommandRunner.run(["compare", "examples/vovnet_deep.net", Self.broken, "examples/vovnet_planned.net", "--format", "csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error[E201]: unknown op `covn`"))
        #expect(result.stderr.contains("1 of 3 designs did not load"))
        #expect(result.stdout.contains("vovnet_deep.net") && result.stdout.contains("vovnet_planned.net"))
        #expect(!result.stdout.contains("broken.net"))
    }

    @Test("--write-baseline refuses to record a baseline while a file does not load")
    func baselineRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-baseline-\(UUID().uuidString).json").path
        let result = try CommandRunner.run(["check"] + Self.files + ["--config", Self.config, "--write-baseline", path])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(result.stderr.contains("did not load"))
    }
}
