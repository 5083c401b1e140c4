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
        var bytes: [UInt8] = []
        var out = JSONStreamWriter(style: pretty ? .pretty : .compact, flushThreshold: 1 << 16) { bytes.append(contentsOf: $0) }
        out.write(self)
        // The collecting sink cannot fail.
        try? out.finish()
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONStreamWriter {
    /// Writes a ``JSONText`` tree, object members in sorted key order.
    public mutating func write(_ value: JSONText) {
        switch value {
        case .null: null()
        case .bool(let flag): self.value(flag)
        case .number(let text): self.value(number: text)
        case .string(let text): self.value(text)
        case .array(let items):
            beginArray()
            for item in items { write(item) }
            endArray()
        case .object(let fields):
            beginObject()
            for key in fields.keys.sorted() {
                self.key(key)
                if let field = fields[key] { write(field) }
            }
            endObject()
        }
    }
}
