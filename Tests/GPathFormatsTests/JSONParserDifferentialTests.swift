import Foundation
@testable import GPathFormats
import GPathTestSupport
import Testing

/// `JSONParser` against Foundation on seeded random documents: random nesting, keys that
/// repeat, strings with every escape, surrogate pairs and raw non-ASCII text, numbers of every
/// form, random whitespace, minified or not. The oracle is what gpath used before: Foundation's
/// `JSONDecoder` decoding the same value type (integers apart from other numbers, the first of
/// duplicate keys). Numbers stay within the forms where the two agree by design (see
/// `JSONParser.number()`: a non-integer beyond 2^53 is generated only with ≤ 16 digits).
struct JSONParserDifferentialTests {
    @Test("random documents parse to what JSONDecoder decoded", arguments: 0..<40)
    func randomDocuments(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for document in 0..<25 {
            let minified = Bool.random(using: &random)
            var text = ""
            RandomJSON(minified: minified).write(depth: 0, into: &text, using: &random)
            let expected = try JSONDecoder().decode(FoundationJSON.self, from: Data(text.utf8)).value
            let parsed: JSONValue
            do throws(JSONSyntaxError) {
                parsed = try JSONParser.parse(Array(text.utf8))
            } catch {
                Issue.record("seed \(seed), document \(document): \(error.message) at \(error.offset) in \(text)")
                continue
            }
            #expect(parsed == expected, "seed \(seed), document \(document): \(text)")
        }
    }

    @Test("JSONSerialization agrees on random documents' strings, numbers and structure")
    func serializationAgrees() throws {
        var random = SeededGenerator(seed: 7)
        for document in 0..<200 {
            var text = ""
            RandomJSON(minified: document % 2 == 0, forSerialization: true).write(depth: 0, into: &text, using: &random)
            let parsed = try JSONParser.parse(Array(text.utf8))
            let tree = try #require(JSONTree(parsing: text), "seed 7, document \(document)")
            #expect(JSONTree(parsed) == tree, "seed 7, document \(document): \(text)")
        }
    }
}

/// The old decoding, kept as the oracle: `JSONDecoder` into the same cases.
private struct FoundationJSON: Decodable {
    let value: JSONValue

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let bool = try? container.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            value = .integer(int)
        } else if let double = try? container.decode(Double.self) {
            value = .number(double)
        } else if let string = try? container.decode(String.self) {
            value = .string(string)
        } else if let array = try? container.decode([FoundationJSON].self) {
            value = .array(array.map(\.value))
        } else {
            value = .object(try container.decode([String: FoundationJSON].self).mapValues(\.value))
        }
    }
}

private extension JSONTree {
    /// The parsed value as `JSONSerialization` sees it (every number a Double; the last of
    /// duplicate keys wins there, so generated documents compared this way have none).
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .integer(let int): self = .number(Double(int))
        case .number(let double): self = .number(double)
        case .string(let string): self = .string(string)
        case .array(let array): self = .array(array.map(JSONTree.init))
        case .object(let object): self = .object(object.mapValues(JSONTree.init))
        }
    }
}

/// Writes a random JSON document.
private struct RandomJSON {
    let minified: Bool
    /// For `JSONSerialization` as the oracle: distinct keys (it keeps the last of duplicates)
    /// and plain numbers (it reads long ones through `Decimal`, and refuses `1e-400`).
    var forSerialization = false

    func write(depth: Int, into text: inout String, using random: inout SeededGenerator) {
        let kind = depth >= 6 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<7, using: &random)
        switch kind {
        case 0: text += ["true", "false", "null"].randomElement(using: &random) ?? "null"
        case 1, 2: text += forSerialization ? Self.plainNumber(using: &random) : Self.number(using: &random)
        case 3: text += Self.string(using: &random)
        case 4:
            text += "["
            let count = Int.random(in: 0...4, using: &random)
            for index in 0..<count {
                if index > 0 { text += "," }
                space(into: &text, using: &random)
                write(depth: depth + 1, into: &text, using: &random)
                space(into: &text, using: &random)
            }
            text += "]"
        default:
            text += "{"
            let count = Int.random(in: 0...4, using: &random)
            for index in 0..<count {
                if index > 0 { text += "," }
                space(into: &text, using: &random)
                // Keys from a small pool repeat often; the first occurrence must win.
                let pool = ["\"id\"", "\"op\"", "\"a\"", "\"\\u0061\""]
                let key = forSerialization ? "\"k\(index)\"" : Bool.random(using: &random) ? pool.randomElement(using: &random) ?? "\"a\"" : Self.string(using: &random)
                text += key
                space(into: &text, using: &random)
                text += ":"
                space(into: &text, using: &random)
                write(depth: depth + 1, into: &text, using: &random)
            }
            space(into: &text, using: &random)
            text += "}"
        }
    }

    private func space(into text: inout String, using random: inout SeededGenerator) {
        guard !minified else { return }
        text += [" ", "", "\n  ", "\t", "\r\n", "  "].randomElement(using: &random) ?? " "
    }

    /// An integer or a short decimal.
    static func plainNumber(using random: inout SeededGenerator) -> String {
        let integer = String(Int.random(in: -100_000...100_000, using: &random))
        return Bool.random(using: &random) ? integer : integer + "." + String(Int.random(in: 0...999, using: &random))
    }

    /// A number literal of one of many forms.
    static func number(using random: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> String {
            let first = count == 1 ? Int.random(in: 0...9, using: &random) : Int.random(in: 1...9, using: &random)
            return String(first) + (1..<max(1, count)).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        }
        let sign = Int.random(in: 0..<3, using: &random) == 0 ? "-" : ""
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return sign + digits(Int.random(in: 1...4, using: &random))
        case 1: return sign + digits(Int.random(in: 15...30, using: &random))  // around and past Int's range
        case 2: return sign + (["9223372036854775807", "9223372036854775808", "0", "9007199254740993"].randomElement(using: &random) ?? "0")
        case 3: return sign + digits(Int.random(in: 1...8, using: &random)) + "." + digits(Int.random(in: 1...8, using: &random))
        case 4: return sign + digits(Int.random(in: 1...3, using: &random)) + ".0"
        case 5:  // exponents, ≤ 16 significant digits
            let mantissa = digits(Int.random(in: 1...6, using: &random)) + (Bool.random(using: &random) ? "." + digits(Int.random(in: 1...6, using: &random)) : "")
            let exponent = (["e", "E", "e+", "e-", "E-"].randomElement(using: &random) ?? "e") + String(Int.random(in: 0...40, using: &random))
            return sign + mantissa + exponent
        case 6: return sign + (["1e-400", "0.0", "1.0000000000000001", "2.5e-324", "1.7976931348623157e308", "0e0", "1e0001"].randomElement(using: &random) ?? "0")
        case 7: return sign + "0." + digits(Int.random(in: 1...16, using: &random))
        default: return sign + digits(Int.random(in: 1...16, using: &random)) + "e" + String(Int.random(in: 0...4, using: &random))
        }
    }

    /// A string literal with plain text, every escape, `\u` escapes (surrogate pairs too) and
    /// raw non-ASCII characters.
    static func string(using random: inout SeededGenerator) -> String {
        let pieces = [
            "a", "node", "conv1", " ", "é", "中", "😀", "\u{7F}", "ß", "\u{301}", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n",
            "\\r", "\\t", "\\u0041", "\\u00e9", "\\u4E2D", "\\uD83D\\uDE00", "\\ud83c\\udf89", "\\u0000", "\\u001f", "\\uFFFF", "'",
        ]
        let count = Int.random(in: 0...6, using: &random)
        return "\"" + (0..<count).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined() + "\""
    }
}
