import GPathAnalysis
import GPathDiagnostics
import Yams

extension CheckConfigurationReader {
    /// Walks the YAML tree, collecting diagnostics instead of stopping at the first problem.
    struct Reader {
        let file: SourceFile
        var diagnostics: [Diagnostic] = []

        init(file: SourceFile) { self.file = file }

        private func location(_ node: Node) -> SourceLocation {
            guard let mark = node.mark else { return SourceLocation(file: file.name, line: 1, column: 1) }
            return SourceLocation(file: file.name, line: mark.line, column: max(1, mark.column), length: max(1, node.string?.count ?? 1))
        }

        mutating func configuration(_ root: Node?) -> CheckConfiguration {
            var configuration = CheckConfiguration(file: file.name)
            guard let root else { return configuration }
            guard let mapping = root.mapping else {
                diagnostics.append(Diagnostic(.invalidRuleValue, "a configuration must be a mapping with `rules`", at: location(root)))
                return configuration
            }
            for (key, value) in mapping {
                switch key.string ?? "" {
                case "rules": configuration.rules = rules(value)
                case "overrides": configuration.overrides = overrides(value)
                case "baseline":
                    if let path = value.string { configuration.baseline = path } else {
                        diagnostics.append(Diagnostic(.invalidRuleValue, "`baseline` must be a file path", at: location(value)))
                    }
                default:
                    let name = key.string ?? ""
                    diagnostics.append(Diagnostic(
                        .unknownConfigKey, "unknown configuration key `\(name)`", at: location(key),
                        label: "not a gpath setting", notes: ["top-level keys are `rules`, `overrides` and `baseline`"],
                        helps: Suggestion.help(for: name, among: ["rules", "overrides", "baseline"])))
                }
            }
            return configuration
        }

        mutating func rules(_ node: Node) -> [Rule: RuleSetting] {
            guard let mapping = node.mapping else {
                diagnostics.append(Diagnostic(.invalidRuleValue, "`rules` must map rule names to settings", at: location(node)))
                return [:]
            }
            var result: [Rule: RuleSetting] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard let rule = Rule.named(name) else {
                    diagnostics.append(Diagnostic(
                        .unknownRule, "unknown rule `\(name)`", at: location(key), label: "not a rule",
                        notes: ["`gpath explain rules` lists every rule"],
                        helps: Suggestion.help(for: name, among: Rule.allCases.map(\.name))))
                    continue
                }
                if let setting = setting(value, for: rule) { result[rule] = setting }
            }
            return result
        }

        private mutating func overrides(_ node: Node) -> [FileOverride] {
            guard let sequence = node.sequence else {
                diagnostics.append(Diagnostic(.invalidRuleValue, "`overrides` must be a list of `{ files, rules }`", at: location(node)))
                return []
            }
            var result: [FileOverride] = []
            for entry in sequence {
                guard let mapping = entry.mapping, let files = mapping["files"], let rulesNode = mapping["rules"] else {
                    diagnostics.append(Diagnostic(.invalidRuleValue, "each override needs `files` and `rules`", at: location(entry)))
                    continue
                }
                let patterns = files.sequence.map { $0.compactMap(\.string) } ?? files.string.map { [$0] } ?? []
                if patterns.isEmpty {
                    diagnostics.append(Diagnostic(.invalidRuleValue, "`files` must be a glob or a list of globs", at: location(files)))
                }
                result.append(FileOverride(patterns: patterns, rules: rules(rulesNode)))
            }
            return result
        }

        /// `40`, `70e6`, `[30, 40]`, `{ warning: 30, error: 40 }`, `error`, `warning`, `off`, booleans.
        mutating func setting(_ node: Node, for rule: Rule) -> RuleSetting? {
            let invalid = { (reader: inout Reader, why: String) -> RuleSetting? in
                reader.diagnostics.append(Diagnostic(
                    .invalidRuleValue, "invalid setting for `\(rule.name)`: \(why)", at: reader.location(node),
                    helps: [rule.kind == .presence
                        ? "write `error`, `warning` or `off`"
                        : "write a threshold (`40`), `[warning, error]`, `{ warning: 30, error: 40 }` or `off`"]))
                return nil
            }
            if let text = node.string, node.scalar != nil {
                switch text.lowercased() {
                case "off", "false", "no", "disabled": return .off
                case "error", "true", "yes": return rule.kind == .presence ? RuleSetting(presence: .error) : invalid(&self, "`\(text)` needs a threshold")
                case "warning": return rule.kind == .presence ? RuleSetting(presence: .warning) : invalid(&self, "`\(text)` needs a threshold")
                default:
                    guard rule.kind != .presence else { return invalid(&self, "`\(text)` is not a severity") }
                    guard let value = Double(text), value.isFinite else { return invalid(&self, "`\(text)` is not a number") }
                    return RuleSetting(error: value)
                }
            }
            guard rule.kind != .presence else { return invalid(&self, "expected a severity") }
            if let sequence = node.sequence {
                let values = sequence.compactMap { $0.string.flatMap(Double.init) }
                guard values.count == 2, sequence.count == 2 else { return invalid(&self, "a list must be `[warning, error]`") }
                return RuleSetting(warning: values[0], error: values[1])
            }
            if let mapping = node.mapping {
                var setting = RuleSetting()
                for (key, value) in mapping {
                    guard let number = value.string.flatMap(Double.init) else { return invalid(&self, "`\(key.string ?? "")` must be a number") }
                    switch key.string ?? "" {
                    case "warning": setting.warning = number
                    case "error": setting.error = number
                    default: return invalid(&self, "keys are `warning` and `error`, not `\(key.string ?? "")`")
                    }
                }
                return setting
            }
            return invalid(&self, "unsupported value")
        }
    }
}
