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
        var out = ""
        write(into: &out, indent: 0, pretty: pretty)
        return out
    }

    private func write(into out: inout String, indent: Int, pretty: Bool) {
        let newline = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closing = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): out += Self.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1, pretty: pretty)
                out += (index + 1 < items.count ? "," : "") + newline
            }
            out += closing + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + newline
            let keys = fields.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += pad + Self.quoted(key) + (pretty ? ": " : ":")
                fields[key]?.write(into: &out, indent: indent + 1, pretty: pretty)
                out += (index + 1 < keys.count ? "," : "") + newline
            }
            out += closing + "}"
        }
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
