import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// Lexer and parser behaviour, observed through `NetReader`: tokens, statement boundaries,
/// quoting, expression precedence and error recovery.
@Suite("NetReader syntax")
struct NetSyntaxTests {
    private func graph(_ text: String) throws -> Graph {
        let (graph, diagnostics) = NetTestSupport.read(text)
        return try #require(graph, "\(NetTestSupport.describe(diagnostics))")
    }

    /// The value of an integer expression, read back as the channel count of a layer.
    private func value(_ expression: String) throws -> Int {
        let g = try graph("input x 1\nv = layer(x, \(expression))\nloss l = loss(v)")
        return try #require(g.node(named: "v")).channels
    }

    @Test("dimensions, number separators, semicolons and comments")
    func tokens() throws {
        let g = try graph("input x 3x32x32 # a comment\ninput y 1_0; a = conv(x, 8)\nloss l = loss(a, y) # done")
        #expect(g.node(named: "x")?.shapeDescription == "3x32x32")
        #expect(g.node(named: "y")?.channels == 10)
        #expect(g.node(named: "a")?.shapeDescription == "8x32x32")
    }

    @Test("input dimensions may be expressions separated by x")
    func dimensionExpressions() throws {
        let g = try graph("param c = 4\nparam r = 8\ninput x c x r x 2 * r\nloss l = loss(x)")
        #expect(g.node(named: "x")?.shapeDescription == "4x8x16")
    }

    @Test("a learned tensor may be gathered from a table of fewer entries: its params, its printing, its bounds")
    func learnedTable() throws {
        let g = try graph("param w = 3\ninput x 18x9x1\nlearned bias 18x9x1 table=(2 * w - 1) * 2\ns = add(x, bias)\nloss l = loss(s)")
        let bias = try #require(g.node(named: "bias"))
        #expect(bias.op == .learned(LearnedTable(entries: 10)))
        #expect(CostPass().run(on: g)[bias.id].params == 10)
        #expect(NetPrinter.print(g).contains("learned bias 18x9x1 table=10"))
        for (table, message) in [("0", "between 1 and its 162 values, not 0"), ("163", "between 1 and its 162 values, not 163")] {
            let (bad, diagnostics) = NetTestSupport.read("input x 18x9x1\nlearned bias 18x9x1 table=\(table)\ns = add(x, bias)\nloss l = loss(s)")
            #expect(bad == nil)
            #expect(diagnostics.map(\.code) == [.invalidValue] && diagnostics.first?.message.contains(message) == true, "\(NetTestSupport.describe(diagnostics))")
            #expect(diagnostics.first?.location?.column == 27)
        }
    }

    @Test("argument lists may span lines")
    func multilineArguments() throws {
        let g = try graph("input x 4\na = conv(\n  x,\n  8,\n  k=3,\n)\nloss l = loss(a)")
        #expect(g.node(named: "a")?.channels == 8)
    }

    @Test("backquoted names allow any text, with escapes")
    func quotedNames() throws {
        let g = try graph("network `my net`\ninput `in` 2\n`a-b \\` c` = relu(`in`)\nloss `loss` = loss(`a-b \\` c`)")
        #expect(g.name == "my net")
        #expect(g.node(named: "a-b ` c") != nil)
        #expect(g.node(named: "loss") != nil)
    }

    @Test("the network name defaults to the file stem")
    func defaultName() {
        let (graph, _) = NetReader.read(SourceFile(name: "dir/sub/my_model.net", text: "input x 1\nloss l = loss(x)"))
        #expect(graph?.name == "my_model")
    }

    @Test("arithmetic follows the usual precedence", arguments: [
        ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("2 ** 3 ** 2", 512), ("-2 ** 2 + 10", 6), ("17 / 5", 3),
        ("17 % 5", 2), ("3 < 4 and 4 < 3 or 1", 1), ("not 0 + 5 == 6", 1), ("(not 5 == 5) + 3", 3), ("max(1, 7, 3) - min(4, 2)", 5),
        ("log2(1) + log2(9)", 3), ("10 - 2 - 3", 5),
    ])
    func arithmetic(_ expression: String, _ expected: Int) throws {
        #expect(try value(expression) == expected)
    }

    @Test("if, else if and else choose one branch; else may start a new line")
    func conditionals() throws {
        for (n, expected) in [(1, 2), (2, 4), (3, 8)] {
            let text = """
                param n = \(n)
                input x 1
                if n == 1 {
                  v = layer(2)
                }
                else if n == 2 { v = layer(4) }
                else {
                  v = layer(8)
                }
                loss l = loss(v)
                """
            #expect(try graph(text).node(named: "v")?.channels == expected)
        }
    }

    @Test("loops run half-open and inclusive ranges")
    func loops() throws {
        let g = try graph("input x 1\nfor i in 0..<3 {\n  a[i] = layer(x, 1)\n}\nfor i in 1...2 {\n  b[i] = layer(x, 1)\n}\nfor i in 5..<5 {\n  c[i] = layer(x, 1)\n}\nloss l = loss(a, b)")
        #expect(g.layers.map(\.name) == ["a[0]", "a[1]", "a[2]", "b[1]", "b[2]"])
    }

    @Test("a syntax error is reported and parsing resumes on the next statement")
    func recovery() {
        let (graph, diagnostics) = NetTestSupport.read("input x 1\na = conv(8, k=)\nb = = relu\nblock b( {\n  conv(4)\n}\nc = relu(x) )\nloss l = loss(x)")
        #expect(graph == nil)
        #expect(diagnostics.allSatisfy { $0.code == .unexpectedToken })
        #expect(diagnostics.count >= 3)
    }

    @Test("pathological nesting is an error, not a crash")
    func deepNesting() {
        let text = "input x 1\nv = layer(x, " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + ")\nloss l = loss(v)"
        let (graph, diagnostics) = NetTestSupport.read(text)
        #expect(graph == nil)
        #expect(diagnostics.first?.code == .unexpectedToken)
    }

    @Test("arbitrary bytes never crash the reader", arguments: 0..<50)
    func fuzz(_ seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let alphabet = Array("abcxyz019 _.,;:()[]{}=+-*/%<>!@#`\\\n\té-> ..< ... conv bn relu add input loss for in if else block repeat split connect")
        var text = ""
        for _ in 0..<Int.random(in: 0...400, using: &random) { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
        _ = NetTestSupport.read(text)
        _ = NetTestSupport.read("input x 4x8x8\n" + text + "\nloss l = loss(x)")
    }
}
