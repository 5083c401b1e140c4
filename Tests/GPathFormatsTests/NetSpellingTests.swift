import GPathDiagnostics
@testable import GPathFormats
import GPathIR
import Testing

/// The `.net` half of the op table: every ``OpKind`` has a `.net` spelling, and every sample
/// op of its definition survives `NetPrinter.print` → `NetReader.read` unchanged.
struct NetSpellingTests {
    @Test("every kind has a .net spelling", arguments: OpKind.allCases)
    func spelled(kind: OpKind) {
        let spellings = NetOperation.table.filter { $0.value.kind.opKind == kind }.keys.sorted()
        if kind == .input {
            #expect(NetKeyword.all.contains("input"), "`input` is a statement keyword")
        } else {
            #expect(!spellings.isEmpty, "\(kind) has no .net spelling")
        }
    }

    @Test("every op round-trips through the .net printer and reader", arguments: OpKind.allCases)
    func roundTrip(kind: OpKind) throws {
        for op in kind.definition.samples {
            var b = GraphBuilder(name: "one")
            b.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 6, width: 5))
            var name = "x"
            if op.definition.arity != .none {
                b.addNode("op", op: op, channels: op.definition.channels == .declared ? 4 : nil)
                b.connect("x", to: "op")
                name = "op"
            }
            if op.family != .objective {
                b.addNode("loss", op: .loss(.crossEntropy))
                b.connect(name, to: "loss")
            }
            let graph = try #require(b.build().graph, "\(op)")
            let text = NetPrinter.print(graph)
            let (again, diagnostics) = NetReader.read(SourceFile(name: "one.net", text: text))
            let read = try #require(again, "\(op): \(diagnostics.map(\.message))\n\(text)")
            #expect(graph.isEquivalent(to: read), "\(op): \(graph.firstDifference(from: read) ?? "")\n\(text)")
            #expect(read.nodes.first { $0.name == name }?.op == op, "\(op)\n\(text)")
        }
    }
}
