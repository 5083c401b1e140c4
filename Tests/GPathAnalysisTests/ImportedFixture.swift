import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Loading importer fixtures for the analysis tests.
enum ImportedFixture {
    /// The graph of a `.cfg` or `.yaml` file (path relative to the repository root).
    static func load(_ path: String, scale: String? = nil) throws -> Graph {
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = path.hasSuffix(".cfg") ? DarknetReader.read(file) : YOLOYAMLReader.read(file, scale: scale)
        return try #require(graph, "\(path): \(diagnostics.map { "\($0.code) \($0.message)" })")
    }

    /// The inputs of node `name` as `source[lo:hi]`, in input order (empty when there is no such node).
    static func inputs(_ graph: Graph, _ name: String) -> [String] {
        graph.node(named: name)?.inputs.map { "\(graph[$0.source].name)\($0.sourceRange)" } ?? []
    }

    /// Every weighted layer's `shortest/longest` gradient path (`-` when unreachable).
    static func paths(_ graph: Graph) -> [String: String] {
        Dictionary(uniqueKeysWithValues: GradientPathPass().run(on: graph).layers.map {
            ($0.name, "\($0.shortest.map(String.init) ?? "-")/\($0.longest.map(String.init) ?? "-")")
        })
    }
}
