import GPathReport

/// The old report writer's renderer (baseline only, see ``LegacyJSONReportWriter``): renders ``JSONText`` into UTF-8 bytes: one growing buffer, integers and plain keys copied
/// byte for byte, indentation written without building strings (the report writer used to
/// build a padding string per value and concatenate `String`s: ~30 MB/s).
struct LegacyJSONBytes {
    private(set) var bytes: [UInt8] = []
    let pretty: Bool

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(1 << 16)
    }

    mutating func write(_ value: JSONText, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n)
        case .string(let s): quote(s)
        case .array(let items):
            guard !items.isEmpty else { return append("[]") }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(item, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            writeObject(keys: fields.keys.sorted(), indent: indent) { key, out in
                if let field = fields[key] { out.write(field, indent: indent + 1) }
            }
        }
    }

    /// An object written member by member in key order; `custom` may write a member's value
    /// itself (returning true) instead of the tree's.
    mutating func writeObject(_ fields: [String: JSONText], indent: Int, custom: (String, inout LegacyJSONBytes) -> Bool) {
        writeObject(keys: fields.keys.sorted(), indent: indent) { key, out in
            if !custom(key, &out), let field = fields[key] { out.write(field, indent: indent + 1) }
        }
    }

    /// An object of `keys` (already in order), each value written by `value`.
    mutating func writeObject(keys: [String], indent: Int, value: (String, inout LegacyJSONBytes) -> Void) {
        guard !keys.isEmpty else { return append("{}") }
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            quote(key)
            bytes.append(UInt8(ascii: ":"))
            if pretty { bytes.append(UInt8(ascii: " ")) }
            value(key, &self)
        }
        newline(indent)
        bytes.append(UInt8(ascii: "}"))
    }

    /// A final line break.
    mutating func appendNewline() { bytes.append(UInt8(ascii: "\n")) }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal; strings without a character to escape are copied as they are.
    private mutating func quote(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            !utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            text.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        } else {
            append(Self.quoted(text))
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
