import GPathDiagnostics

/// The byte cursor of ``GraphJSONFastReader``: the plain forms of JSON tokens a graph file is
/// made of, read in place, with the line and line start of the cursor kept as it moves.
///
/// Every token it accepts is one ``JSONParser`` reads the same way; anything else makes it
/// answer nil (or false) and leaves the caller to rewind and hand the bytes to ``JSONParser``:
/// - strings: printable ASCII only (0x20–0x7E), no `\` — no escapes, no non-ASCII text, so no
///   UTF-8 validation and a name's bytes are its characters;
/// - integers: `-? (0 | [1-9][0-9]*)` of at most 18 digits, not followed by `.`, `e` or `E`
///   (the literals ``JSONParser/number()`` turns into `.integer` without its exact path);
/// - `true`, `false`.
///
/// Lines are counted as whitespace is skipped (a newline can only be whitespace in valid
/// JSON), so a location costs no lookup: on a line with only ASCII before the cursor the
/// column is the byte distance from the line start, which is what
/// ``SourceFile/location(ofOffset:byteLength:)`` computes there. A line that holds non-ASCII
/// text (met only inside regions ``JSONParser`` read, passed with ``advance(to:)``) makes
/// ``location(of:in:)`` ask the file instead. O(1) per byte, no allocation but the strings
/// it is asked to make.
struct GraphJSONFastScanner {
    /// Where the cursor is: enough to rewind to a mark.
    struct Position {
        /// The next byte to read.
        var offset: Int
        /// The 1-based line holding ``offset``.
        var line: Int
        /// Byte offset of that line's first byte.
        var lineStart: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = Position(offset: 0, line: 1, lineStart: 0)
    /// Offset of the last byte ≥ 0x80 passed over; -1 before any.
    private(set) var lastNonASCII = -1

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var offset: Int { position.offset }

    /// The byte at the cursor, or 0 at the end (0 never starts a JSON token).
    var current: UInt8 { position.offset < bytes.count ? bytes[position.offset] : 0 }

    var isAtEnd: Bool { position.offset >= bytes.count }

    /// Skips a UTF-8 byte-order mark at the start, as ``JSONParser/skipByteOrderMark()``.
    mutating func skipByteOrderMark() {
        if position.offset == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position.offset = 3
            lastNonASCII = 2
        }
    }

    /// Skips JSON whitespace (space, tab, CR, LF), counting lines.
    mutating func skipWhitespace() {
        var offset = position.offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == .space || byte == .tab || byte == .carriageReturn {
                offset += 1
            } else if byte == .newline {
                offset += 1
                position.line += 1
                position.lineStart = offset
            } else {
                break
            }
        }
        position.offset = offset
    }

    /// Consumes `byte` (after whitespace); false, and nothing consumed but whitespace, at any other.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard current == byte else { return false }
        position.offset += 1
        return true
    }

    /// Moves the cursor to `end` over bytes another reader checked, counting their lines and
    /// noting non-ASCII text.
    mutating func advance(to end: Int) {
        var offset = position.offset
        while offset < end {
            let byte = bytes[offset]
            offset += 1
            if byte == .newline {
                position.line += 1
                position.lineStart = offset
            } else if byte >= 0x80 {
                lastNonASCII = offset - 1
            }
        }
        position.offset = offset
    }

    /// After a member or element: true at `,` followed by another one, false at `closing`
    /// (consumed, also after one trailing comma), nil at anything else — the rule of
    /// ``JSONParser/nextMember()`` and ``JSONParser/nextElement()``.
    mutating func next(closing: UInt8) -> Bool? {
        skipWhitespace()
        if current == .comma {
            position.offset += 1
            skipWhitespace()
            guard current == closing else { return true }
        } else if current != closing {
            return nil
        }
        position.offset += 1
        return false
    }

    // MARK: Tokens

    /// A plain string at the cursor (see the type's summary): the bytes between its quotes,
    /// the cursor past the closing one; nil at anything else (cursor somewhere inside).
    mutating func plainString() -> Range<Int>? {
        guard current == .quote else { return nil }
        let start = position.offset + 1
        var offset = start
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == .quote {
                position.offset = offset + 1
                return start..<offset
            }
            guard byte >= 0x20, byte < 0x7F, byte != .backslash else { return nil }
            offset += 1
        }
        return nil
    }

    /// A member name in plain form and the `:` after it: the name's bytes; nil otherwise.
    mutating func memberName() -> Range<Int>? {
        skipWhitespace()
        guard let name = plainString(), consume(.colon) else { return nil }
        skipWhitespace()
        return name
    }

    /// A plain string value made into a `String` (one allocation at most).
    mutating func stringValue() -> String? {
        guard let range = plainString() else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A plain integer literal at the cursor (see the type's summary); nil otherwise.
    mutating func integer() -> Int? {
        var offset = position.offset
        let isNegative = offset < bytes.count && bytes[offset] == .minus
        if isNegative { offset += 1 }
        let first = offset
        var value = 0
        while offset < bytes.count {
            let digit = bytes[offset] &- .zero
            guard digit < 10 else { break }
            value = value &* 10 &+ Int(digit)
            offset += 1
        }
        let count = offset - first
        guard count > 0, count <= 18, count == 1 || bytes[first] != .zero else { return nil }
        if offset < bytes.count {
            let next = bytes[offset]
            guard next != .dot, next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else { return nil }
        }
        position.offset = offset
        return isNegative ? -value : value
    }

    /// `true` or `false` at the cursor; nil otherwise.
    mutating func bool() -> Bool? {
        if matches("true") {
            position.offset += 4
            return true
        }
        if matches("false") {
            position.offset += 5
            return false
        }
        return nil
    }

    /// `[low, high]` of two plain integers; nil otherwise.
    mutating func integerPair() -> (Int, Int)? {
        guard current == .openBracket else { return nil }
        position.offset += 1
        skipWhitespace()
        guard let low = integer(), consume(.comma) else { return nil }
        skipWhitespace()
        guard let high = integer(), consume(.closeBracket) else { return nil }
        return (low, high)
    }

    /// True when the bytes at the cursor are `word`.
    func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position.offset + count <= bytes.count else { return false }
        let start = word.utf8Start
        for index in 0..<count where bytes[position.offset + index] != start[index] { return false }
        return true
    }

    /// True when `range` of the text holds exactly `word`.
    func text(_ range: Range<Int>, is word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let start = word.utf8Start
        for index in 0..<range.count where bytes[range.lowerBound + index] != start[index] { return false }
        return true
    }

    // MARK: Locations

    /// Where the bytes `range` are, as ``SourceFile/location(ofOffset:byteLength:)`` gives it;
    /// `range` must lie on the cursor's line, before the cursor, and hold ASCII only.
    func location(of range: Range<Int>, in file: SourceFile) -> SourceLocation {
        guard lastNonASCII < position.lineStart else {
            return file.location(ofOffset: range.lowerBound, byteLength: range.count)
        }
        return SourceLocation(
            fileNumber: file.fileNumber, line: position.line, column: range.lowerBound - position.lineStart + 1,
            length: max(1, range.count))
    }
}
