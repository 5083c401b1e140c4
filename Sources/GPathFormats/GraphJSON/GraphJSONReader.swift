import GPathDiagnostics
import GPathIR

/// Reads the graph JSON format (`docs/spec/graph-json.md`) into the IR.
///
/// ``GraphJSONFastReader`` reads a well-formed file straight into the builder; when it meets
/// anything it does not expect it gives up and the full reader reads the file: ``JSONParser``
/// reads the text in one pass (``GraphJSONDocument``), noting where each node and edge is so
/// diagnostics can point at them, and hands each to the builder as it is read; a syntax error
/// is E105 at its line and column, nesting beyond ``JSONParser/maximumNesting`` E217, and only
/// that is reported. Both give the same graph and diagnostics. O(n) in the text.
public enum GraphJSONReader {
    /// Parses and verifies `file`. Returns the graph, or nil with every problem found.
    public static func read(_ file: SourceFile) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        switch declare(file, fast: true) {
        case .declared(var reader, let document, let members): reader.finish(document, members: members)
        case .finished(let graph, let diagnostics): (graph, diagnostics)
        }
    }

    /// What reading a file comes to before the graph is built.
    enum Declaration {
        /// Every node and edge handed to the reader, ready for ``Reader/finish(_:members:)``.
        case declared(Reader, GraphJSONDocument, members: [String: JSONValue])
        /// A problem that ends reading before the build (a syntax error, a root that is not an
        /// object).
        case finished(graph: Graph?, diagnostics: [Diagnostic])
    }

    /// Reads `file` up to the build: with ``GraphJSONFastReader`` first when `fast`, and with
    /// the full reader when it gives up (or when not `fast`).
    static func declare(_ file: SourceFile, fast: Bool) -> Declaration {
        if fast, let (reader, document, members) = GraphJSONFastReader.declare(file) {
            return .declared(reader, document, members: members)
        }
        // The reader takes nodes and edges as they are parsed; a syntax error drops all it did.
        var reader = Reader(file: file)
        let document: GraphJSONDocument
        do throws(JSONSyntaxError) {
            document = try GraphJSONDocument.parse(file.bytes, into: &reader)
        } catch {
            return .finished(graph: nil, diagnostics: [diagnostic(for: error, in: file)])
        }
        guard let members = document.members else {
            return .finished(graph: nil, diagnostics: [Diagnostic(
                .invalidField, "a graph must be a JSON object", at: file.location(ofOffset: document.rootOffset))])
        }
        return .declared(reader, document, members: members)
    }

    /// Reads `file` up to the build, with the fast path (`fast`) or the full reader alone: the
    /// builder with every node and edge declared, or nil when reading ended early (or, with
    /// `fast`, when the fast path gave up). For `gpath-bench`, which times the JSON part of a
    /// load apart from `GraphBuilder.build()`.
    @_spi(Benchmarks)
    public static func declaredBuilder(_ file: SourceFile, fast: Bool) -> GraphBuilder? {
        if fast { return GraphJSONFastReader.declare(file)?.reader.builder }
        guard case .declared(var reader, let document, _) = declare(file, fast: false) else { return nil }
        for (index, entry) in document.deferredEdges.enumerated() { reader.readEdge(entry, index: index) }
        return reader.builder
    }

    /// Parses `file` without building the graph: the number of `nodes` and `edges` entries, or
    /// nil on a syntax error. For `gpath-bench`, which times the parse apart from the build.
    @_spi(Benchmarks)
    public static func countEntries(_ file: SourceFile) -> Int? {
        struct Counter: GraphJSONEntryReader {
            var count = 0
            mutating func readNode(_ entry: GraphJSONDocument.Entry, index: Int) { count += 1 }
            mutating func readEdge(_ entry: GraphJSONDocument.Entry, index: Int) { count += 1 }
        }
        var counter = Counter()
        do throws(JSONSyntaxError) {
            let document = try GraphJSONDocument.parse(file.bytes, into: &counter)
            return counter.count + document.deferredEdges.count
        } catch {
            return nil
        }
    }

    /// E105 for broken syntax, E217 for nesting beyond the limit, at the offending byte.
    static func diagnostic(for error: JSONSyntaxError, in file: SourceFile) -> Diagnostic {
        let location = file.location(ofOffset: error.offset)
        switch error.kind {
        case .syntax:
            return Diagnostic(.malformedJSON, "malformed JSON: \(error.message)", at: location)
        case .nesting:
            return Diagnostic(
                .sizeLimit, "JSON nesting beyond gpath's limit: \(error.message)", at: location,
                label: "nested too deeply", notes: ["gpath's size limits are listed in docs/reliability.md"])
        }
    }
}
