import GPathDiagnostics

/// Turns `.net` text into tokens in one pass over its UTF-8 bytes.
///
/// Never stops at a bad character: it reports it (E101/E103/E104) and moves on, so the parser
/// sees as much of the file as possible. O(n) in the file size.
struct NetLexer {
    private let bytes: [UInt8]
    private let file: SourceFile
    private var index = 0
    /// Depth of `(` and `[`; newlines inside them do not end a statement.
    private var nesting = 0
    private(set) var tokens: [NetToken] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// Lexes the whole file; the last token is always `.end`.
    mutating func run() -> [NetToken] {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"), UInt8(ascii: ";"):
                if nesting == 0 { append(.newline, from: index, length: 1) }
                index += 1
            case UInt8(ascii: "`"):
                lexQuoted()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            default:
                if Self.isIdentifierStart(byte) {
                    lexIdentifier()
                } else if !lexSymbol() {
                    reportUnexpectedCharacter()
                }
            }
        }
        append(.newline, from: bytes.count, length: 0)
        append(.end, from: bytes.count, length: 0)
        return tokens
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private mutating func append(_ kind: NetToken.Kind, from start: Int, length: Int) {
        tokens.append(NetToken(kind: kind, span: NetSpan(offset: start, length: length)))
    }

    /// Letters, digits, `_`, and dots between them (`stage2.block1.conv2`).
    private mutating func lexIdentifier() {
        let start = index
        while index < bytes.count {
            if Self.isIdentifierByte(bytes[index]) {
                index += 1
            } else if bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count, Self.isIdentifierByte(bytes[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        append(.identifier(text, quoted: false), from: start, length: index - start)
    }

    /// `` `any text` `` with `\\` and `` \` `` escapes; ends at the line's end if unclosed.
    private mutating func lexQuoted() {
        let start = index
        index += 1
        var value: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "`"), bytes[index] != UInt8(ascii: "\n") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") {
                index += 1
                value.append(bytes[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : bytes[index])
            } else {
                value.append(bytes[index])
            }
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "`") else {
            diagnostics.append(Diagnostic(
                .unterminated, "unterminated quoted name", at: file.location(ofOffset: start, byteLength: index - start),
                label: "no closing backquote on this line"))
            append(.identifier(String(decoding: value, as: UTF8.self), quoted: true), from: start, length: index - start)
            return
        }
        index += 1
        append(.identifier(String(decoding: value, as: UTF8.self), quoted: true), from: start, length: index - start)
    }

    /// Digits (with `_` separators); `3x32` splits into `3`, `x`, `32`.
    private mutating func lexNumber() {
        let start = index
        var value = 0
        var overflow = false
        while index < bytes.count, (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")) || bytes[index] == UInt8(ascii: "_") {
            if bytes[index] != UInt8(ascii: "_") {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                value = sum
            }
            index += 1
        }
        let isDimension = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "x")
            && bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")
        if !isDimension, index < bytes.count, Self.isIdentifierByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") && index + 1 < bytes.count && Self.isIdentifierByte(bytes[index + 1]) {
            while index < bytes.count, Self.isIdentifierByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            diagnostics.append(Diagnostic(
                .invalidNumber, "invalid number `\(text)`", at: file.location(ofOffset: start, byteLength: index - start),
                label: "numbers are whole and decimal", helps: ["names cannot start with a digit; quote them: `\\`\(text)\\``"]))
            append(.integer(0), from: start, length: index - start)
            return
        }
        if overflow {
            diagnostics.append(Diagnostic(
                .invalidNumber, "number is too large", at: file.location(ofOffset: start, byteLength: index - start),
                label: "must be below \(Int.max)"))
            value = 0
        }
        append(.integer(value), from: start, length: index - start)
        if isDimension {
            append(.times, from: index, length: 1)
            index += 1
        }
    }

    /// The punctuation spellings as bytes, longest first as in ``NetToken/punctuation``.
    private static let punctuationBytes: [(symbol: String, bytes: [UInt8])] =
        NetToken.punctuation.map { ($0, Array($0.utf8)) }

    private mutating func lexSymbol() -> Bool {
        for (symbol, utf8) in Self.punctuationBytes {
            guard index + utf8.count <= bytes.count else { continue }
            var matches = true
            for offset in 0..<utf8.count where bytes[index + offset] != utf8[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            switch symbol {
            case "(", "[": nesting += 1
            case ")", "]": nesting = max(0, nesting - 1)
            case "{", "}": nesting = 0
            default: break
            }
            append(.symbol(symbol), from: index, length: utf8.count)
            index += utf8.count
            return true
        }
        return false
    }

    private mutating func reportUnexpectedCharacter() {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        diagnostics.append(Diagnostic(
            .unexpectedCharacter, "unexpected character `\(text)`", at: file.location(ofOffset: start, byteLength: index - start),
            label: "not part of the .net language"))
    }
}
