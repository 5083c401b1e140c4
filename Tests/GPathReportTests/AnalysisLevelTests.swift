import GPathAnalysis
import GPathIR
import GPathReport
import GPathTestSupport
import Testing

struct AnalysisLevelTests {
    @Test("a default full JSON report whose count text would pass the budget is lowered; asked for, it is written (streamed, the text takes no memory)")
    func jsonTextBudget() throws {
        let graph = try #require(ResidualChain.builder(blocks: 100).build().graph)
        let paths = GradientPathPass().run(on: graph)
        let estimate = AnalysisMemoryEstimate(graph: graph, paths: paths)
        // Decimal text takes more bytes per digit than decimal limbs (18 digits in 8 bytes).
        try #require(estimate.fullJSONBytes > estimate.fullBytes)
        let budget = (estimate.fullBytes + estimate.fullJSONBytes) / 2

        let automatic = AnalysisLevel.choose(for: graph, paths: paths, requested: nil, budget: budget, json: true)
        #expect(automatic.level == .timestamps)
        #expect(automatic.notes.contains { $0.contains("path counts alone would be about") && $0.contains("(--analysis full writes them)") }, "\(automatic.notes)")

        let asked = AnalysisLevel.choose(for: graph, paths: paths, requested: .full, budget: budget, json: true)
        #expect(asked.level == .full && asked.notes.isEmpty, "\(asked.notes)")
        let table = AnalysisLevel.choose(for: graph, paths: paths, requested: nil, budget: budget, json: false)
        #expect(table.level == .full && table.notes.isEmpty, "\(table.notes)")

        let tight = AnalysisLevel.choose(for: graph, paths: paths, requested: .full, budget: estimate.fullBytes - 1, json: true)
        #expect(tight.level == .timestamps && tight.notes.contains { $0.contains("exact path counts and sources would need about") })
    }
}
