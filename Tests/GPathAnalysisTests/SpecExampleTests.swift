import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathReport
import GPathTestSupport
import Testing

/// The 29 worked examples of `docs/spec/gradient-paths.md` §6: every report must equal the
/// expected one as parsed JSON (extra gpath fields allowed).
struct SpecExampleTests {
    static let names: [String] = RepositoryPaths.specExampleNames

    static func report(for name: String) -> (AnalysisReport?, [Diagnostic]) {
        let url = RepositoryPaths.spec.appendingPathComponent("examples/\(name).json")
        let file = SourceFile(name: "\(name).json", text: RepositoryPaths.text(url))
        let (graph, diagnostics) = GraphJSONReader.read(file)
        return (graph.map { AnalysisReport.make(graph: $0, inputName: file.name) }, diagnostics)
    }

    @Test("all 29 worked examples are present")
    func examplesPresent() {
        #expect(Self.names.count == 29)
    }

    @Test("the full report equals the expected report", arguments: names)
    func fullReport(name: String) throws {
        let (report, diagnostics) = Self.report(for: name)
        let built = try #require(report, "\(diagnostics)")
        let actual = try #require(JSONTree(parsing: JSONReportWriter.write(built)))
        let expectedText = RepositoryPaths.text(RepositoryPaths.spec.appendingPathComponent("expected/\(name).json"))
        let expected = try #require(JSONTree(parsing: expectedText))
        let differences = actual.differences(from: expected)
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.joined(separator: "\n")))
    }

    @Test("the linear-time pass agrees with the enumerated timestamps", arguments: names)
    func linearPassAgrees(name: String) throws {
        let (report, _) = Self.report(for: name)
        let built = try #require(report)
        let analysis = try #require(built.analysis)
        for (fast, full) in zip(built.paths.layers, analysis.layers) {
            #expect(fast.shortest == full.shortestPath, "\(name) \(fast.name)")
            #expect(fast.longest == full.longestPath, "\(name) \(fast.name)")
            for unit in full.units {
                for channel in unit.channels.runs.flatMap({ Array($0.lower..<$0.upper) }) {
                    let run = fast.runs.first { $0.range.contains(channel) }
                    #expect(run?.shortest == unit.shortestPath, "\(name) \(unit.label) channel \(channel)")
                    #expect(run?.longest == unit.longestPath, "\(name) \(unit.label) channel \(channel)")
                }
            }
        }
        #expect(built.paths.longestShortestPath == analysis.longestShortestPath)
        #expect(built.paths.inputShortest == analysis.inputPaths.lengths.min)
        #expect(built.paths.inputLongest == analysis.inputPaths.lengths.max)
    }
}
