/// A JSON document to print: objects print with sorted keys, so output is deterministic.
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number already spelled as JSON (integers of any size print exactly).
    case number(String)
    case string(String)
    case array([JSONText])
    case object([String: JSONText])

    public static func int(_ value: Int) -> JSONText { .number(String(value)) }
    public static func int(_ value: Int?) -> JSONText { value.map { .number(String($0)) } ?? .null }

    /// A finite double with up to 6 decimals (`0.176471`, `0.0`); non-finite prints as null.
    public static func decimal(_ value: Double) -> JSONText {
        guard value.isFinite else { return .null }
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        var text = String(rounded)
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return .number(text)
    }

    /// The document as text: two-space indentation when `pretty`, compact otherwise.
    public func rendered(pretty: Bool = true) -> String {
        var out = JSONBytes(pretty: pretty)
        out.write(self, indent: 0)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// JSON string literal with the escapes RFC 8259 requires.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
