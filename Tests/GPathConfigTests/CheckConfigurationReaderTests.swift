import Foundation
import GPathAnalysis
import GPathConfig
import GPathDiagnostics
import GPathTestSupport
import Testing

struct CheckConfigurationReaderTests {
    private func read(_ text: String) -> (CheckConfiguration?, [Diagnostic]) {
        CheckConfigurationReader.read(SourceFile(name: "c.yml", text: text))
    }

    @Test("scalars, lists, maps and severities become settings")
    func forms() throws {
        let (configuration, diagnostics) = read("""
            rules:
              max_shortest_gradient_path: { warning: 30, error: 40 }
              max_longest_gradient_path: [150, 200]
              max_params: 70e6
              no_unreachable_units: warning
              no_unreachable_layers: off
              GP009: 1e9
            baseline: base.json
            """)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(configuration)
        #expect(parsed.rules[.maxShortestGradientPath] == RuleSetting(warning: 30, error: 40))
        #expect(parsed.rules[.maxLongestGradientPath] == RuleSetting(warning: 150, error: 200))
        #expect(parsed.rules[.maxParams] == RuleSetting(error: 70e6))
        #expect(parsed.rules[.noUnreachableUnits] == RuleSetting(presence: .warning))
        #expect(parsed.rules[.noUnreachableLayers] == .off)
        #expect(parsed.rules[.maxFLOPs] == RuleSetting(error: 1e9))
        #expect(parsed.baseline == "base.json")
    }

    @Test("every problem is reported with its line, unknown rules with a suggestion")
    func problems() {
        let (configuration, diagnostics) = read("""
            rules:
              max_longest_gradient_pth: 3
              max_params: lots
              no_unreachable_units: 5
            extra: 1
            """)
        #expect(configuration == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E211", "E212", "E212", "E213"])
        #expect(diagnostics.map { $0.location?.line } == [2, 3, 4, 5])
        #expect(diagnostics.first?.helps == ["did you mean `max_longest_gradient_path`?"])
    }

    @Test("invalid YAML is E108 with a position")
    func syntax() {
        let (_, diagnostics) = read("rules:\n  max_params: [1, 2\n  x: 3\n")
        #expect(diagnostics.map(\.code.rawValue) == ["E108"])
        #expect(diagnostics.first?.location?.line == 3)
    }

    @Test("resolution order: defaults, rules, matching overrides, command-line flags")
    func resolution() throws {
        let (configuration, _) = read("""
            rules:
              max_shortest_gradient_path: 20
            overrides:
              - files: ["legacy/**"]
                rules: { max_shortest_gradient_path: off, max_params: 5 }
            """)
        let parsed = try #require(configuration)
        #expect(parsed.resolved(for: "models/x.net")[.maxShortestGradientPath] == RuleSetting(error: 20))
        #expect(parsed.resolved(for: "models/x.net")[.noUnreachableLayers] == RuleSetting(presence: .error))
        #expect(parsed.resolved(for: "models/x.net")[.maxLongestGradientPath] == .off)
        #expect(parsed.resolved(for: "legacy/old/x.net")[.maxShortestGradientPath] == .off)
        #expect(parsed.resolved(for: "legacy/old/x.net")[.maxParams] == RuleSetting(error: 5))
        let flagged = parsed.resolved(for: "legacy/x.net", flags: [.maxParams: RuleSetting(error: 9)])
        #expect(flagged[.maxParams] == RuleSetting(error: 9))
    }

    @Test("command-line rule values use the file's syntax")
    func flags() {
        #expect(CheckConfigurationReader.setting(for: .maxParams, text: "{warning: 5e6, error: 8e6}") == RuleSetting(warning: 5e6, error: 8e6))
        #expect(CheckConfigurationReader.setting(for: .noUnreachableUnits, text: "off") == .off)
        #expect(CheckConfigurationReader.setting(for: .noUnreachableUnits, text: "12") == nil)
        #expect(CheckConfigurationReader.setting(for: .maxParams, text: "error") == nil)
    }

    @Test("override globs: * stays within a folder, ** crosses folders")
    func globs() {
        let override = FileOverride(patterns: ["models/*.net"], rules: [:])
        #expect(override.matches("models/a.net"))
        #expect(!override.matches("models/sub/a.net"))
        #expect(FileOverride(patterns: ["models/**.net"], rules: [:]).matches("models/sub/a.net"))
        #expect(FileOverride(patterns: ["*.cfg"], rules: [:]).matches("deep/path/yolo.cfg"))
        #expect(!FileOverride(patterns: ["a?c"], rules: [:]).matches("a/c"))
    }
}

struct ExampleConfigurationTests {
    @Test("docs/gpath.example.yml parses without diagnostics")
    func example() throws {
        let url = GPathTestSupport.RepositoryPaths.root.appendingPathComponent("docs/gpath.example.yml")
        let (configuration, diagnostics) = CheckConfigurationReader.read(SourceFile(name: "docs/gpath.example.yml", text: GPathTestSupport.RepositoryPaths.text(url)))
        #expect(diagnostics.isEmpty)
        let parsed = try #require(configuration)
        #expect(parsed.rules.count == 6)
        #expect(parsed.overrides.first?.matches("models/legacy/yolo/v3.cfg") == true)
        #expect(parsed.baseline == ".gpath-baseline.json")
    }

    @Test("deep YAML nesting is refused before Yams recurses (issue #16 regression fixture)")
    func deepNesting() {
        let url = RepositoryPaths.root.appendingPathComponent("Tests/GPathFormatsTests/Fixtures/regressions/config_nesting.gpath.yml")
        let (configuration, diagnostics) = CheckConfigurationReader.read(SourceFile(name: "config_nesting.gpath.yml", text: RepositoryPaths.text(url)))
        #expect(configuration == nil)
        #expect(diagnostics.map(\.code.rawValue) == ["E217"])
        #expect(diagnostics.first?.location?.line == 2)
    }
}
