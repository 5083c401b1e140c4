import GPathDiagnostics
import GPathIR

/// Reads the graph JSON format (`docs/spec/graph-json.md`) into the IR.
///
/// ``JSONParser`` reads the text in one pass (``GraphJSONDocument``), noting where each node
/// and edge is so diagnostics can point at them, and hands each to the builder as it is read;
/// a syntax error is E105 at its line and column, nesting beyond ``JSONParser/maximumNesting``
/// E217, and only that is reported. O(n) in the text.
public enum GraphJSONReader {
    /// Parses and verifies `file`. Returns the graph, or nil with every problem found.
    public static func read(_ file: SourceFile) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        // The reader takes nodes and edges as they are parsed; a syntax error drops all it did.
        var reader = Reader(file: file)
        let document: GraphJSONDocument
        do throws(JSONSyntaxError) {
            document = try GraphJSONDocument.parse(file.bytes, into: &reader)
        } catch {
            return (nil, [diagnostic(for: error, in: file)])
        }
        guard let members = document.members else {
            return (nil, [Diagnostic(.invalidField, "a graph must be a JSON object", at: file.location(ofOffset: document.rootOffset))])
        }
        return reader.finish(document, members: members)
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
