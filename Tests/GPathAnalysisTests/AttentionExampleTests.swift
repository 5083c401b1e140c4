import Foundation
import GPathDiagnostics
import GPathFormats
import GPathReport
import GPathTestSupport
import Testing

/// The worked examples of `docs/gradient-paths.md` § "Attention, norms and tokens": each graph
/// in `docs/examples/attention/` against its hand-derived expected report in `expected/`
/// (every field written there must match; the report may hold more).
struct AttentionExampleTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("docs/examples/attention")
    static let names = ["attention_head", "groupnorm_groups", "softmax_axes"]

    @Test("the report holds the hand-derived figures", arguments: names)
    func expectedReport(name: String) throws {
        let file = SourceFile(name: "\(name).json", text: RepositoryPaths.text(Self.folder.appendingPathComponent("\(name).json")))
        let (graph, diagnostics) = GraphJSONReader.read(file)
        let built = try #require(graph, "\(diagnostics)")
        let actual = try #require(JSONTree(parsing: JSONReportWriter.write(AnalysisReport.make(graph: built, inputName: file.name))))
        let expected = try #require(JSONTree(parsing: RepositoryPaths.text(Self.folder.appendingPathComponent("expected/\(name).json"))))
        let differences = actual.differences(from: expected)
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.joined(separator: "\n")))
    }

    @Test("every example in the folder is listed and documented")
    func listed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Self.names))
        let page = RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("docs/gradient-paths.md"))
        for name in Self.names { #expect(page.contains("`\(name)`"), "\(name) is not in docs/gradient-paths.md") }
    }
}
