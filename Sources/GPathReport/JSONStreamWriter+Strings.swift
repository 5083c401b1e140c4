/// String literals of ``JSONStreamWriter``: escaping in one pass over UTF-8.
extension JSONStreamWriter {
    /// A JSON string literal with the escapes RFC 8259 requires (`\"`, `\\`, `\n`, `\r`, `\t`,
    /// `\u00XX` for other control characters), in one pass: runs without anything to escape
    /// are copied whole.
    mutating func quote(_ text: String) {
        // In place when native (no copy of the string); bridged text through a copy.
        if text.utf8.withContiguousStorageIfAvailable({ quote(utf8: $0) }) == nil {
            var copy = text
            copy.withUTF8 { quote(utf8: $0) }
        }
    }

    /// ``quote(_:)`` of text given as UTF-8 bytes.
    mutating func quote(utf8: UnsafeBufferPointer<UInt8>) {
        reserve(1)
        put(UInt8(ascii: "\""))
        do {
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if let base = utf8.baseAddress { putLong(base + start, index - start) }
                start = index + 1
                reserve(6)
                put(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
                case UInt8(ascii: "\n"): put(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): put(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): put(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    put(UInt8(ascii: "u"))
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "0"))
                    put(hex.utf8Start[Int(byte >> 4)])
                    put(hex.utf8Start[Int(byte & 15)])
                }
            }
            if let base = utf8.baseAddress { putLong(base + start, utf8.count - start) }
        }
        reserve(1)
        put(UInt8(ascii: "\""))
    }
}
