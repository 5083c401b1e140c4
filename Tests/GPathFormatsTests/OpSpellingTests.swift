import GPathDiagnostics
@testable import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// The formats' half of the op table: every ``OpKind`` has a `.net` spelling, and every sample
/// op of its definition survives `NetPrinter.print` → `NetReader.read` and `GraphJSONWriter` →
/// `GraphJSONReader` unchanged.
struct OpSpellingTests {
    /// `x` (4 channels, 6×5) → the op → a loss (the op itself when it is one; `x` when it is
    /// an input); returns the graph and the op's node name.
    static func graph(_ op: Op) throws -> (Graph, String) {
        let (b, name) = OneOpGraph.builder(op)
        return (try #require(b.build().graph, "\(op)"), name)
    }

    @Test("every kind has a .net spelling", arguments: OpKind.allCases)
    func spelled(kind: OpKind) {
        let spellings = NetOperation.table.filter { $0.value.kind.opKind == kind }.keys.sorted()
        if kind == .input || kind == .learned {
            #expect(NetKeyword.all.contains(kind.definition.spelling), "`\(kind.definition.spelling)` is a statement keyword")
        } else {
            #expect(!spellings.isEmpty, "\(kind) has no .net spelling")
        }
        if kind.definition.plainOp != nil, kind.definition.arity == .one {
            #expect(spellings == [kind.definition.spelling], "an attribute-free op is spelled by its definition")
        }
    }

    @Test("every op round-trips through the .net printer and reader", arguments: OpKind.allCases)
    func roundTrip(kind: OpKind) throws {
        for op in kind.definition.samples {
            let (graph, name) = try Self.graph(op)
            let text = NetPrinter.print(graph)
            let (again, diagnostics) = NetReader.read(SourceFile(name: "one.net", text: text))
            let read = try #require(again, "\(op): \(diagnostics.map(\.message))\n\(text)")
            #expect(graph.isEquivalent(to: read), "\(op): \(graph.firstDifference(from: read) ?? "")\n\(text)")
            #expect(read.nodes.first { $0.name == name }?.op == op, "\(op)\n\(text)")
        }
    }

    @Test("every op round-trips through graph JSON", arguments: OpKind.allCases)
    func graphJSON(kind: OpKind) throws {
        for op in kind.definition.samples {
            let (graph, name) = try Self.graph(op)
            let text = GraphJSONWriter.write(graph)
            let (again, diagnostics) = GraphJSONReader.read(SourceFile(name: "one.json", text: text))
            let read = try #require(again, "\(op): \(diagnostics.map(\.message))\n\(text)")
            #expect(graph.isEquivalent(to: read), "\(op): \(graph.firstDifference(from: read) ?? "")\n\(text)")
            #expect(read.nodes.first { $0.name == name }?.op == op, "\(op)\n\(text)")
        }
    }
}
