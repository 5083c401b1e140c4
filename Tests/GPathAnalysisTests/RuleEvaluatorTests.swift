import GPathAnalysis
import GPathDiagnostics
import GPathIR
import Testing

struct RuleEvaluatorTests {
    /// x → a → b → c → loss, with `d` hanging off `a` behind a stop-gradient.
    private func graph() throws -> Graph {
        var b = GraphBuilder(name: "chain")
        b.addNode("x", op: .input, channels: 2)
        for name in ["a", "b", "c", "d"] { b.addNode(name, op: .layer(groups: 1), channels: 2, location: SourceLocation(file: "f", line: name == "d" ? 9 : 1, column: 1)) }
        b.addNode("cat", op: .concat)
        b.addNode("loss", op: .loss(.generic))
        b.connect("x", to: "a")
        b.connect("a", to: "b")
        b.connect("b", to: "c")
        b.connect("a", to: "d")
        b.connect("c", to: "cat")
        b.connect("d", to: "cat", stopsGradient: true)
        b.connect("cat", to: "loss")
        return try #require(b.build().graph)
    }

    private func evaluate(_ settings: [Rule: RuleSetting]) throws -> [Violation] {
        let g = try graph()
        var configuration = RuleConfiguration(settings: [:])
        for (rule, setting) in settings { configuration[rule] = setting }
        return RuleEvaluator(configuration: configuration).evaluate(
            graph: g, paths: GradientPathPass().run(on: g), analysis: GradientAnalysisPass().run(on: g), costs: CostPass().run(on: g))
    }

    @Test("thresholds pick the highest severity crossed, per layer")
    func thresholds() throws {
        let found = try evaluate([.maxShortestGradientPath: RuleSetting(warning: 1, error: 2)])
        #expect(found.map(\.subject) == ["a", "b"])
        #expect(found.map(\.severity) == [.error, .warning])
        #expect(found.first?.message == "shortest gradient path of `a` is 3 > 2")
    }

    @Test("unreachable layers are reported where they are declared")
    func unreachable() throws {
        let found = try evaluate([.noUnreachableLayers: RuleSetting(presence: .error)])
        #expect(found.map(\.subject) == ["d"])
        #expect(found.first?.location?.line == 9)
    }

    @Test("minimum rules and off rules")
    func minimum() throws {
        #expect(try evaluate([.minTimestampCombinations: RuleSetting(error: 5)]).map(\.rule) == [.minTimestampCombinations])
        #expect(try evaluate([.minTimestampCombinations: RuleSetting(error: 3)]).isEmpty)
        #expect(try evaluate([:]).isEmpty)
    }

    @Test("training measurements: loss reduction, non-finite values, vanishing gradients")
    func training() throws {
        let g = try graph()
        let configuration = RuleConfiguration.defaults
        let measured = TrainingMeasurements(
            initialLoss: 2.3, finalLoss: 2.2, nonFinite: nil,
            initialGradientNorms: ["a": 1e-7, "b": 0.5, "c": 1.0])
        let found = RuleEvaluator(configuration: configuration).evaluate(
            graph: g, paths: GradientPathPass().run(on: g), analysis: nil, costs: CostPass().run(on: g), training: measured)
        #expect(found.contains { $0.rule == .trainLossReduction && $0.severity == .error })
        #expect(found.filter { $0.rule == .trainVanishingGradient }.map(\.subject) == ["a"])
        #expect(!found.contains { $0.rule == .trainFinite })
    }

    @Test("every rule has a unique id and name, an explanation, and round-trips by name")
    func registry() {
        #expect(Set(Rule.allCases.map(\.name)).count == Rule.allCases.count)
        for rule in Rule.allCases {
            #expect(Rule.named(rule.name) == rule)
            #expect(Rule.named(rule.id.lowercased()) == rule)
            #expect(!rule.explanation.isEmpty && !rule.summary.isEmpty)
        }
    }
}
