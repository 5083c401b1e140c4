import GPathDiagnostics
import GPathFormats
import GPathReport
import GPathTestSupport
import Testing

/// Reports of bundled examples and fixtures for the picture writers' tests.
enum PictureTestInputs {
    static func example(_ name: String, parameters: [String: Int] = [:], full: Bool = false) throws -> AnalysisReport {
        let url = RepositoryPaths.root.appendingPathComponent("examples/\(name).net")
        let file = SourceFile(name: "examples/\(name).net", text: RepositoryPaths.text(url))
        let graph = try #require(NetReader.read(file, parameters: parameters).graph)
        return AnalysisReport.make(graph: graph, inputName: file.name, full: full)
    }

    static func nastyNames() throws -> AnalysisReport {
        let file = SourceFile(name: "nasty.json", text: PictureFixtures.nastyNamesJSON)
        let (graph, diagnostics) = GraphJSONReader.read(file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        return AnalysisReport.make(graph: try #require(graph), inputName: file.name)
    }

    static func golden(_ text: String, _ name: String) -> Comment? {
        Golden.check(text, against: "Tests/GPathReportTests/Goldens/dot/\(name)").map { Comment(rawValue: $0) }
    }
}
