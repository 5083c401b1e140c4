import GPathAnalysis
import GPathDiagnostics

/// A `.gpath.yml` file: rule settings, per-file overrides and an optional baseline path.
public struct CheckConfiguration: Sendable {
    /// The file it came from (nil for the built-in defaults).
    public var file: String?
    /// Settings that replace the defaults.
    public var rules: [Rule: RuleSetting] = [:]
    /// Settings for files matching glob patterns, applied in order after `rules`.
    public var overrides: [FileOverride] = []
    /// Path of the baseline file, relative to the configuration file.
    public var baseline: String?

    public init(file: String? = nil) { self.file = file }

    /// The rule configuration for one input file: defaults, then `rules`, then every override
    /// whose pattern matches `path`, then `flags` (command-line `--rule`).
    public func resolved(for path: String, flags: [Rule: RuleSetting] = [:]) -> RuleConfiguration {
        var result = RuleConfiguration.defaults
        for (rule, setting) in rules { result[rule] = setting }
        for override in overrides where override.matches(path) {
            for (rule, setting) in override.rules { result[rule] = setting }
        }
        for (rule, setting) in flags { result[rule] = setting }
        return result
    }
}

/// Rule settings for the files matching any of `patterns` (shell globs, `*` not crossing `/`
/// unless written `**`).
public struct FileOverride: Sendable {
    public var patterns: [String]
    public var rules: [Rule: RuleSetting]

    public init(patterns: [String], rules: [Rule: RuleSetting]) {
        self.patterns = patterns
        self.rules = rules
    }

    public func matches(_ path: String) -> Bool {
        patterns.contains { Glob.matches($0, path) || Glob.matches($0, path.split(separator: "/").last.map(String.init) ?? path) }
    }
}

