import Foundation
import GPathTestSupport
import Testing

/// `gpath check`: exit codes, every output format as a golden, configuration errors, baselines.
@Suite(.serialized)
struct CheckCommandTests {
    static let config = "Tests/EndToEndTests/Inputs/check/vovnet.gpath.yml"
    static let both = ["examples/vovnet_deep.net", "examples/vovnet_planned.net"]

    private func golden(_ text: String, _ name: String) -> Comment? {
        Golden.check(text, against: "Tests/EndToEndTests/Goldens/check/\(name)").map { Comment(rawValue: $0) }
    }

    @Test("a passing design exits 0 with the default rules")
    func passing() throws {
        let result = try CommandRunner.run(["check", "examples/resnet.net"])
        #expect(result.status == 0, Comment(rawValue: result.stdout + result.stderr))
        #expect(result.stdout.contains("examples/resnet.net: 21 layers, 0 errors, 0 warnings — passed"))
    }

    @Test("deep VoVNet fails the shortest-path rule where planned VoVNet passes the same config")
    func vovnet() throws {
        let deep = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--config", Self.config])
        #expect(deep.status == 1)
        #expect(deep.stdout.contains("error[GP001]"))
        let planned = try CommandRunner.run(["check", "examples/vovnet_planned.net", "--config", Self.config])
        #expect(planned.status == 0, Comment(rawValue: planned.stdout))
    }

    @Test("a stop-gradient that orphans a block fails the unreachable rule at the right lines")
    func orphan() throws {
        let result = try CommandRunner.run(["check", "Tests/EndToEndTests/Inputs/check/orphan.net", "--format", "github"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=Tests/EndToEndTests/Inputs/check/orphan.net,line=8,col=1,title=gpath/GP004::"))
        // Both orphaned layers are one cause (neighbours behind one stop-gradient): one
        // annotation, with the second line as a further location.
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("::error") }.count == 1)
        #expect(result.stdout.contains("%0Aalso at Tests/EndToEndTests/Inputs/check/orphan.net:9:1"))
    }

    @Test("every output format as a golden", arguments: ["table", "json", "sarif", "junit", "github"])
    func formats(format: String) throws {
        let result = try CommandRunner.run(["check"] + Self.both + ["--config", Self.config, "--format", format])
        #expect(result.status == 1)
        let failure = golden(result.stdout, "vovnet.\(format)")
        #expect(failure == nil, failure)
    }

    @Test("SARIF has the 2.1.0 structure: version, schema, driver rules, results with line numbers")
    func sarifStructure() throws {
        let result = try CommandRunner.run(["check"] + Self.both + ["--config", Self.config, "--format", "sarif"])
        let sarif = try #require(JSONTree(parsing: result.stdout))
        #expect(sarif["version"] == .string("2.1.0"))
        #expect(sarif["$schema"] != nil)
        guard case .array(let runs)? = sarif["runs"], let run = runs.first else {
            Issue.record("no runs")
            return
        }
        guard case .array(let rules)? = run["tool"]?["driver"]?["rules"] else {
            Issue.record("no driver rules")
            return
        }
        #expect(run["tool"]?["driver"]?["name"] == .string("gpath"))
        for rule in rules {
            #expect(rule["id"] != nil && rule["shortDescription"]?["text"] != nil && rule["defaultConfiguration"]?["level"] != nil)
        }
        guard case .array(let results)? = run["results"] else {
            Issue.record("no results")
            return
        }
        // Deep VoVNet's four GP001 layers (the stem and one OSA module) are one grouped finding.
        #expect(results.count == 1)
        if case .array(let related)? = results.first?["relatedLocations"] {
            #expect(related.count == 1)
        } else {
            Issue.record("the grouped finding has no related location")
        }
        for entry in results {
            #expect(entry["ruleId"] == .string("GP001"))
            #expect(entry["level"] == .string("error"))
            #expect(entry["message"]?["text"] != nil)
            guard case .array(let locations)? = entry["locations"], let location = locations.first else {
                Issue.record("result without location")
                continue
            }
            #expect(location["physicalLocation"]?["artifactLocation"]?["uri"] == .string("examples/vovnet_deep.net"))
            guard case .number(let line)? = location["physicalLocation"]?["region"]?["startLine"] else {
                Issue.record("no startLine")
                continue
            }
            #expect(line >= 1)
        }
    }

    @Test("--exit-zero and --fail-on")
    func exitPolicy() throws {
        let zero = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--config", Self.config, "--exit-zero"])
        #expect(zero.status == 0)
        let warnOnly = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--rule", "max_shortest_gradient_path={warning: 4}"])
        #expect(warnOnly.status == 0)
        let strict = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--rule", "max_shortest_gradient_path={warning: 4}", "--fail-on", "warning"])
        #expect(strict.status == 1)
    }

    @Test("a malformed configuration is reported with line numbers and exit 2")
    func brokenConfig() throws {
        let broken = try CommandRunner.run(["check", "examples/resnet.net", "--config", "Tests/EndToEndTests/Inputs/check/broken.gpath.yml"])
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        let failure = golden(broken.stderr, "broken-config.stderr")
        #expect(failure == nil, failure)
        let yaml = try CommandRunner.run(["check", "examples/resnet.net", "--config", "Tests/EndToEndTests/Inputs/check/invalid-yaml.gpath.yml"])
        #expect(yaml.status == 2)
        #expect(yaml.stderr.contains("error[E108]"))
        #expect(yaml.stderr.contains("invalid-yaml.gpath.yml:3:"))
    }

    @Test("unknown rules on the command line are rejected with a suggestion")
    func unknownRuleFlag() throws {
        let result = try CommandRunner.run(["check", "examples/resnet.net", "--rule", "max_shortest_gradint_path=3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean `max_shortest_gradient_path`?"))
    }

    @Test("the nearest .gpath.yml above the input is used, and --print-config shows it")
    func discovery() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-discovery-\(UUID().uuidString)")
        let nested = folder.appendingPathComponent("models/deep")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "rules:\n  max_shortest_gradient_path: 4\n".write(to: folder.appendingPathComponent(".gpath.yml"), atomically: true, encoding: .utf8)
        let model = nested.appendingPathComponent("vovnet.net")
        try RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("examples/vovnet_deep.net")).write(to: model, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", model.path])
        #expect(result.status == 1)
        let shown = try CommandRunner.run(["check", model.path, "--print-config"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("max_shortest_gradient_path: 4  # GP001"))
        #expect(shown.stdout.contains(".gpath.yml"))
    }

    @Test("a baseline accepts existing violations and fails only on new ones")
    func baseline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--config", Self.config, "--write-baseline", path])
        #expect(written.status == 0)
        let accepted = try CommandRunner.run(["check", "examples/vovnet_deep.net", "--config", Self.config, "--baseline", path])
        #expect(accepted.status == 0, Comment(rawValue: accepted.stdout))
        #expect(accepted.stdout.contains("4 in baseline"))
        let deeper = try CommandRunner.run(["check", "examples/vovnet_deep.net", "-D", "modules=4", "--config", Self.config, "--baseline", path])
        #expect(deeper.status == 1)
        #expect(deeper.stdout.contains("osa4.c1") == false)
        #expect(deeper.stdout.contains("osa2.c1"))
    }

    @Test("--train: a short seeded run on a tiny network passes the training rules")
    func trainPasses() throws {
        let result = try CommandRunner.run(["check", "Tests/EndToEndTests/Inputs/check/tiny_train.net", "--train", "--train-steps", "200", "--train-lr", "0.1", "--format", "junit"])
        #expect(result.status == 0, Comment(rawValue: result.stdout + result.stderr))
        for rule in ["GP101", "GP102", "GP103"] { #expect(result.stdout.contains("classname=\"gpath.\(rule)\"")) }
    }

    @Test("--train: a diverging run fails train_finite at the layer where NaN appeared")
    func trainDiverges() throws {
        let result = try CommandRunner.run(["check", "Tests/EndToEndTests/Inputs/check/tiny_train.net", "--train", "--train-lr", "100000"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("error[GP102]: training produced NaN/Inf at step"))
    }

    @Test("--train: a run whose loss does not fall fails train_loss_reduction")
    func trainStalls() throws {
        let result = try CommandRunner.run(["check", "Tests/EndToEndTests/Inputs/check/tiny_train.net", "--train", "--train-steps", "40", "--train-lr", "0.000001", "--format", "github"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("title=gpath/GP101::short training run: loss went from"))
    }
}
