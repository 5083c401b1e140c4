@testable import GPathFormats
import Testing

/// `JSONParser` on hand-picked inputs: the values Foundation's `JSONDecoder` gave gpath before
/// (numbers, strings, duplicates, the extensions it accepted), and its errors' messages and
/// offsets. `JSONParserDifferentialTests` compares it with Foundation on random documents.
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func error(_ text: String) -> JSONSyntaxError? {
        error(bytes: Array(text.utf8))
    }

    private func error(bytes: [UInt8]) -> JSONSyntaxError? {
        do throws(JSONSyntaxError) {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("numbers: integers that fit Int are .integer, as JSONDecoder decoded them", arguments: [
        ("0", JSONValue.integer(0)), ("-0", .integer(0)), ("-0.0", .integer(0)), ("1.0", .integer(1)),
        ("1e3", .integer(1000)), ("1E+2", .integer(100)), ("1e0001", .integer(10)), ("0.1e1", .integer(1)),
        ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
        ("12345678901234567.0", .integer(12_345_678_901_234_567)), ("1e17", .integer(100_000_000_000_000_000)),
        ("100000000000000000000e-2", .integer(1_000_000_000_000_000_000)),
        ("1.0000000000000001", .integer(1)), ("1e-400", .integer(0)), ("-1e-400", .integer(0)),
        ("1.5", .number(1.5)), ("-1.5E-3", .number(-0.0015)), ("1e-3", .number(0.001)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)), ("-9223372036854775809", .number(-9_223_372_036_854_775_808)),
        ("100000000000000000000", .number(1e20)), ("1e20", .number(1e20)), ("1e308", .number(1e308)),
        ("4.9e-324", .number(.leastNonzeroMagnitude)), ("123456789012345678901234567890", .number(1.2345678901234568e29)),
    ])
    func numbers(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected, "\(text)")
    }

    @Test("a non-integer beyond 2^53 stays a number (JSONDecoder truncated it to an Int)")
    func noTruncation() throws {
        #expect(try parse("1234567890123456789.5") == .number(1_234_567_890_123_456_789.5))
    }

    @Test("strings: every escape, surrogate pairs, raw UTF-8, DEL and U+0000")
    func strings() throws {
        #expect(try parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"))
        #expect(try parse(#""\u0041\u00e9\u4E2D\uD83D\uDE00\ud83d\ude00""#) == .string("Aé中😀😀"))
        #expect(try parse("\"é中😀\u{7F}\"") == .string("é中😀\u{7F}"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse(#""""#) == .string(""))
    }

    @Test("literals, containers, whitespace and a byte-order mark")
    func structure() throws {
        #expect(try parse(" \t\r\n[ true , false,null ]\r\n") == .array([.bool(true), .bool(false), .null]))
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("[[], {}, [[1]]]") == .array([.array([]), .object([:]), .array([.array([.integer(1)])])]))
        #expect(try parse("\u{FEFF}{\"a\": 1}") == .object(["a": .integer(1)]))
        #expect(try parse("\"top-level scalar\"") == .string("top-level scalar"))
    }

    @Test("duplicate keys: the first occurrence wins, as with JSONDecoder")
    func duplicates() throws {
        #expect(try parse(#"{"a": 1, "a": 2}"#) == .object(["a": .integer(1)]))
        #expect(try parse(#"{"a": {"b": 1}, "b": 0, "a": {"c": 2}}"#) == .object(["a": .object(["b": .integer(1)]), "b": .integer(0)]))
    }

    @Test("one trailing comma before ] or } is accepted, as JSONDecoder accepted it; two are not")
    func trailingComma() throws {
        #expect(try parse("[1,]") == .array([.integer(1)]))
        #expect(try parse(#"{"a": 1 , }"#) == .object(["a": .integer(1)]))
        #expect(error("[1,,]")?.offset == 3)
        #expect(error("[,]")?.offset == 1)
        #expect(error("{,}")?.offset == 1)
    }

    @Test("syntax errors say what was expected, at the offending byte", arguments: [
        ("{\"nodes\": [\n  {\"id\": \"x\",, }\n]}", 25, "expected a member name (a string in double quotes), found `,`"),
        ("[1 2]", 3, "expected `,` or `]` after an array element, found `2`"),
        ("{\"a\" 1}", 5, "expected `:` after the member name, found `1`"),
        ("{\"a\": 1 \"b\": 2}", 8, "expected `,` or `}` after an object member, found `\"`"),
        ("{1: 2}", 1, "expected a member name (a string in double quotes), found `1`"),
        ("[] x", 3, "expected the end of the file after the JSON value, found `x`"),
        ("", 0, "unexpected end of file, expected a value"),
        ("[1, 2", 5, "unexpected end of file, expected `,` or `]` after an array element"),
        ("{\"a\":", 5, "unexpected end of file, expected a value"),
        ("\"abc", 0, "unterminated string: the file ends before its closing `\"`"),
        ("[tRue]", 1, "expected `true`, found `tRue`"),
        ("nul", 0, "expected `null`, found `nul`"),
        ("01", 0, "a number cannot start with `0` followed by digits"),
        ("-01", 1, "a number cannot start with `0` followed by digits"),
        ("-", 1, "unexpected end of file, expected a digit after `-`"),
        ("[-a]", 2, "expected a digit after `-`, found `a`"),
        ("1.", 2, "unexpected end of file, expected a digit after the decimal point"),
        ("1e+", 3, "unexpected end of file, expected a digit in the exponent"),
        (".5", 0, "expected a value, found `.`"),
        ("+1", 0, "expected a value, found `+`"),
        ("[1e309]", 1, "number `1e309` is beyond the range of a 64-bit float (±1.8e308)"),
        ("\u{C}[]", 0, "expected a value, found U+000C"),
        ("[é]", 1, "expected a value, found `é`"),
        ("\"a\tb\"", 2, "control character U+0009 must be escaped in a string"),
        ("\"a\nb\"", 2, "control character U+000A must be escaped in a string (a string cannot span lines; write `\\n`)"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        let found = error(text)
        #expect(found == JSONSyntaxError(at: offset, message), "\(text.debugDescription)")
    }

    @Test("invalid escapes are errors at their backslash", arguments: [
        (#""ab\x""#, 3, "invalid escape `\\x` in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
        (#""\U0041""#, 1, "invalid escape `\\U` in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
        (#""\u12""#, 1, "expected four hexadecimal digits after `\\u`, found `\"`"),
        (#""\u12G4""#, 1, "expected four hexadecimal digits after `\\u`, found `G`"),
        ("\"\\u00", 1, "unterminated string: the file ends inside a `\\u` escape"),
        ("\"\\", 1, "unterminated string: the file ends inside an escape"),
    ])
    func invalidEscapes(text: String, offset: Int, message: String) {
        #expect(error(text) == JSONSyntaxError(at: offset, message), "\(text)")
    }

    @Test("unpaired UTF-16 surrogates are errors, not replacement characters", arguments: [
        (#""\ud800""#, 1, "`\\uD800` in a string: it is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)"),
        (#""x\udc00""#, 2, "`\\uDC00` in a string: it is a low surrogate without a high one before it"),
        (#""\ud800\u0041""#, 1, "`\\uD800` in a string: it is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)"),
        (#""\ud800x""#, 1, "`\\uD800` in a string: it is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)"),
        (#""\ud800\ud800""#, 1, "`\\uD800` in a string: it is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)"),
        (#""\uDFFF\uD800""#, 1, "`\\uDFFF` in a string: it is a low surrogate without a high one before it"),
    ])
    func loneSurrogates(text: String, offset: Int, message: String) {
        #expect(error(text) == JSONSyntaxError(at: offset, "unpaired UTF-16 surrogate " + message), "\(text)")
    }

    @Test("bytes that are not UTF-8 are errors at the first bad byte", arguments: [
        ([0x22, 0xFF, 0x22], 1), ([0x22, 0x61, 0x80, 0x22], 2), ([0x22, 0xC0, 0x80, 0x22], 1),
        ([0x22, 0xC3, 0x22], 1), ([0x22, 0xE2, 0x82, 0x22], 1), ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1), ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
        ([0x22, 0xE0, 0x80, 0x80, 0x22], 1), ([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], 1), ([0x22, 0xE2, 0x82], 1),
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        let found = error(bytes: bytes)
        #expect(found?.offset == offset)
        #expect(found?.message.hasSuffix("in a string is not UTF-8 text") == true, "\(found?.message ?? "")")
        #expect(error(bytes: [0x5B, 0xFF, 0x5D]) == JSONSyntaxError(at: 1, "expected a value, found byte 0xFF"))
    }

    @Test("512 levels of nesting are accepted; the 513th bracket is a nesting error; 100,000 do not overflow")
    func nesting() throws {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        _ = try parse(nested(JSONParser.maximumNesting))
        #expect(error(nested(513)) == JSONSyntaxError(.nesting, at: 512, "arrays and objects nest more than 512 levels deep"))
        #expect(error(nested(100_000))?.kind == .nesting)
        #expect(error(String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600))?.offset == 512 * 5)
    }
}
