import ArgumentParser
import Foundation
import GPathAnalysis
import GPathConfig
import GPathDiagnostics
import GPathReport

extension GPath {
    /// `gpath check FILE...`: the CI gate. Exit 0 when no finding reaches `--fail-on`, 1 when
    /// one does, 2 on usage, input or configuration errors. A file that does not load is
    /// reported as a finding of its own (its diagnostic code and location) in every format,
    /// the other files are still checked, and the exit code is 2.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate gradient-path rules (CI gate): exit 0 pass, 1 violations, 2 input errors.",
            discussion: "Rules and thresholds come from .gpath.yml (found by walking up from each input, or --config) and --rule flags. `gpath explain rules` lists the rules.")

        @Argument(help: "Network files: .net, graph JSON, Darknet .cfg, YOLO YAML or ONNX.")
        var files: [String]

        @Option(name: .long, help: "Configuration file (default: the nearest .gpath.yml above each input).")
        var config: String?

        @Option(name: .customLong("rule"), help: ArgumentHelp("Override a rule, e.g. --rule max_shortest_gradient_path=40 or --rule 'max_params={warning: 5e6, error: 8e6}' or --rule no_unreachable_units=off.", valueName: "name=value"))
        var ruleFlags: [String] = []

        @Option(name: .long, help: "Output format: table, json, sarif, junit, github.")
        var format: CheckFormat = .table

        @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
        var output: String?

        @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the check: error or warning.")
        var failOn: FailLevel = .error

        @Flag(name: .customLong("exit-zero"), help: "Report violations but always exit 0 (input errors still exit 2).")
        var exitZero = false

        @Flag(name: .customLong("print-config"), help: "Print the resolved configuration for each input and exit.")
        var printConfig = false

        @Option(name: .long, help: "Baseline file: violations recorded there are reported as known and do not fail.")
        var baseline: String?

        @Option(name: .customLong("write-baseline"), help: "Record every current violation in this baseline file and exit 0.")
        var writeBaseline: String?

        @OptionGroup(title: "Loading (applies to every file)")
        var load: LoadOptions

        private var noColor: Bool { load.noColor }

        @OptionGroup(title: "Training check (--train)")
        var training: CheckTrainingOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one network file") }
            _ = try flagSettings()
        }

        /// Files this run reads, which `-o` and `--write-baseline` must never replace.
        private var protectedInputs: [String] { files + [config, baseline].compactMap { $0 } }

        func run() throws {
            if let output, output != "-" { try OutputFile.checkWritable(output, inputs: protectedInputs) }
            if let writeBaseline { try OutputFile.checkWritable(writeBaseline, inputs: protectedInputs) }
            if training.enabled && !printConfig { BLASSetup.ensureVectorKernels() }
            let flags = try flagSettings()
            let explicitConfig = try config.map { try ConfigLoader.load(path: $0, noColor: noColor) }
            var results: [CheckResult] = []
            var sources: [SourceFile] = []
            var baselineSet = try baseline.map(Baseline.read) ?? []
            for file in files {
                let configuration = try explicitConfig ?? ConfigLoader.nearest(to: file, noColor: noColor)
                let rules = configuration.resolved(for: file, flags: flags)
                if printConfig {
                    try StandardOutput.write(ConfigLoader.describe(rules, for: file, source: configuration.file) + "\n")
                    continue
                }
                if baseline == nil, writeBaseline == nil, let path = configuration.baselinePath {
                    baselineSet.formUnion(try Baseline.read(path))
                }
                let options = try InputOptions.make(file: file, load: load)
                let loaded: GraphLoader.Loaded
                switch try GraphLoader.attempt(options) {
                case .failed(let diagnostics, let source):
                    results.append(CheckResult(file: file, inputDiagnostics: diagnostics))
                    if let source { sources.append(source) }
                    continue
                case .loaded(let value):
                    loaded = value
                    GraphLoader.printDiagnostics(value.warnings, file: value.file, options)
                }
                let graph = loaded.graph
                let evaluator = RuleEvaluator(configuration: rules)
                let full = evaluator.needsFullAnalysis && AnalysisLevel.refusal(for: graph) == nil
                let report = AnalysisReport.make(graph: graph, inputName: file, full: full)
                let measured = try training.enabled ? training.measure(graph, file: file, unreachable: Set(report.paths.unreachableLayers.map(\.name))) : nil
                let violations = evaluator.evaluate(graph: graph, paths: report.paths, analysis: report.analysis, costs: report.costs, training: measured)
                let kept = violations.filter { !baselineSet.contains($0.fingerprint) }
                results.append(CheckResult(
                    file: file, network: graph.name, layers: report.paths.layers.count, violations: kept,
                    baselined: violations.count - kept.count, rules: rules.enabledRules.filter { training.enabled || !$0.needsTraining }))
                sources.append(loaded.file)
            }
            if printConfig { return }
            if let writeBaseline {
                let broken = results.filter(\.failedToLoad)
                if !broken.isEmpty {
                    Terminal.writeError(CheckTextWriter.write(broken, sources: sources, color: Terminal.wantsColor(STDERR_FILENO, disabled: noColor)))
                    Terminal.writeError("error: baseline `\(writeBaseline)` not written: \(broken.count) file\(broken.count == 1 ? "" : "s") did not load\n")
                    throw CommandFailure.silent(2)
                }
                try Baseline.write(results.flatMap(\.violations), to: writeBaseline, inputs: protectedInputs)
                Terminal.writeError("wrote \(results.reduce(0) { $0 + $1.violations.count }) violations to baseline `\(writeBaseline)`\n")
                return
            }
            let text: String = switch format {
            case .table: CheckTextWriter.write(results, sources: sources, color: output == nil && Terminal.wantsColor(STDOUT_FILENO, disabled: noColor))
            case .json: CheckJSONWriter.write(results)
            case .sarif: SARIFWriter.write(results)
            case .junit: JUnitWriter.write(results)
            case .github: GitHubAnnotationsWriter.write(results)
            }
            try OutputFile.emit(text, to: output, inputs: protectedInputs)
            if results.contains(where: \.failedToLoad) { throw CommandFailure.silent(2) }
            let failing = results.flatMap(\.findings).contains { $0.severity >= failOn.severity }
            if failing && !exitZero { throw CommandFailure.silent(1) }
        }

        /// `--rule` flags parsed into settings (a usage error names the bad flag).
        private func flagSettings() throws -> [Rule: RuleSetting] {
            var result: [Rule: RuleSetting] = [:]
            for flag in ruleFlags {
                let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--rule expects name=value, got `\(flag)`") }
                guard let rule = Rule.named(parts[0]) else {
                    let help = Suggestion.closest(to: parts[0], among: Rule.allCases.map(\.name)).map { " (did you mean `\($0)`?)" } ?? ""
                    throw ValidationError("unknown rule `\(parts[0])`\(help)")
                }
                guard let setting = CheckConfigurationReader.setting(for: rule, text: parts[1]) else {
                    throw ValidationError("invalid value `\(parts[1])` for rule `\(rule.name)`")
                }
                result[rule] = setting
            }
            return result
        }
    }
}

/// Output formats of `gpath check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, sarif, junit, github
}

/// `--fail-on` levels.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning

    var severity: Severity { self == .error ? .error : .warning }
}
