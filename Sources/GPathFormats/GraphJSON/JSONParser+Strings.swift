extension JSONParser {
    /// The string literal whose opening `"` is at ``offset``, unescaped; ``offset`` ends past
    /// its closing `"`.
    ///
    /// Bytes are checked as they are read: a control character (U+0000–U+001F) must be
    /// escaped, every non-ASCII byte must belong to a well-formed UTF-8 sequence (RFC 3629: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), and `\u` escapes of UTF-16
    /// surrogates must come in high-low pairs. A string without escapes is copied once, from
    /// the text; escapes are decoded into a buffer.
    mutating func string() throws(JSONSyntaxError) -> String {
        let quote = offset
        offset += 1
        var runStart = offset
        var unescaped: [UInt8] = []
        var hasEscapes = false
        while true {
            guard offset < bytes.count else {
                throw JSONSyntaxError(at: quote, "unterminated string: the file ends before its closing `\"`")
            }
            let byte = bytes[offset]
            if byte == .quote { break }
            if byte == .backslash {
                hasEscapes = true
                unescaped.append(contentsOf: bytes[runStart..<offset])
                try escape(into: &unescaped)
                runStart = offset
            } else if byte < 0x20 {
                let hint = byte == .newline ? " (a string cannot span lines; write `\\n`)" : ""
                throw JSONSyntaxError(
                    at: offset, "control character U+\(Self.hex(byte, digits: 4)) must be escaped in a string\(hint)")
            } else if byte < 0x80 {
                offset += 1
            } else {
                guard let (_, length) = utf8Scalar(at: offset) else {
                    throw JSONSyntaxError(at: offset, "byte 0x\(Self.hex(byte, digits: 2)) in a string is not UTF-8 text")
                }
                offset += length
            }
        }
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<offset])
        offset += 1
        guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
        unescaped.append(contentsOf: run)
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The well-formed UTF-8 sequence starting at `start` (a byte ≥ 0x80) as a scalar and its
    /// length in bytes; nil when the bytes there are not UTF-8 (RFC 3629, table 3-7 of Unicode).
    func utf8Scalar(at start: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[start]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80 ... 0xBF
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0 ... 0xBF
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; second = 0x80 ... 0x9F
        case 0xF0: length = 4; second = 0x90 ... 0xBF
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; second = 0x80 ... 0x8F
        default: return nil
        }
        guard start + length <= bytes.count, second.contains(bytes[start + 1]) else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for index in start + 1 ..< start + length {
            let byte = bytes[index]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// The escape sequence whose `\` is at ``offset``, appended to `buffer` as UTF-8.
    private mutating func escape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let start = offset
        offset += 1
        let simple: UInt8
        switch current {
        case .quote, .backslash, UInt8(ascii: "/"): simple = current
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = .newline
        case UInt8(ascii: "r"): simple = .carriageReturn
        case UInt8(ascii: "t"): simple = .tab
        case UInt8(ascii: "u"):
            let scalar = try unicodeEscape(startingAt: start)
            UTF8.encode(scalar) { buffer.append($0) }
            return
        default:
            guard !isAtEnd else { throw JSONSyntaxError(at: start, "unterminated string: the file ends inside an escape") }
            let escape = current >= 0x21 && current < 0x7F ? "`\\\(Character(Unicode.Scalar(current)))`" : "`\\` before \(describeCurrent())"
            throw JSONSyntaxError(
                at: start, "invalid escape \(escape) in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        buffer.append(simple)
        offset += 1
    }

    /// `\uXXXX` (``offset`` at the `u`), or a UTF-16 surrogate pair `\uD83D\uDE00`.
    private mutating func unicodeEscape(startingAt start: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        offset += 1
        let unit = try fourHexDigits(escapeAt: start)
        switch unit {
        case 0xD800 ... 0xDBFF:
            let low = offset
            guard current == .backslash, low + 1 < bytes.count, bytes[low + 1] == UInt8(ascii: "u") else {
                throw unpairedSurrogate(unit, at: start, "is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)")
            }
            offset += 2
            let second = try fourHexDigits(escapeAt: low)
            guard (0xDC00 ... 0xDFFF).contains(second) else {
                throw unpairedSurrogate(unit, at: start, "is not followed by a low surrogate (`\\uDC00`–`\\uDFFF`)")
            }
            let value = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        case 0xDC00 ... 0xDFFF:
            throw unpairedSurrogate(unit, at: start, "is a low surrogate without a high one before it")
        default:
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }

    private mutating func fourHexDigits(escapeAt start: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit: UInt8
            switch current {
            case .zero ... .nine: digit = current - .zero
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = current - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = current - UInt8(ascii: "A") + 10
            default:
                guard !isAtEnd else { throw JSONSyntaxError(at: start, "unterminated string: the file ends inside a `\\u` escape") }
                throw JSONSyntaxError(at: start, "expected four hexadecimal digits after `\\u`, found \(describeCurrent())")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private func unpairedSurrogate(_ unit: UInt32, at offset: Int, _ problem: String) -> JSONSyntaxError {
        JSONSyntaxError(at: offset, "unpaired UTF-16 surrogate `\\u\(Self.hex(unit, digits: 4))` in a string: it \(problem)")
    }
}
