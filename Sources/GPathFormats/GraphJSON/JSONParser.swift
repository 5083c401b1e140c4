/// A byte-level JSON parser (RFC 8259) over UTF-8 text, producing ``JSONValue``.
///
/// Hand-written because reading graph JSON was the bottleneck at scale: Foundation's
/// `JSONDecoder` took ~43 µs per graph node, and none of the Swift packages this project can
/// depend on (the machine's package list, `swift-packages-b`) is a faster JSON parser. This one
/// reads the bytes once, left to right, with no Foundation and no recursion: containers are
/// kept on an explicit stack, and nesting deeper than ``maximumNesting`` is refused (the
/// ``JSONValue`` tree is released recursively, so depth must stay bounded). O(n) in the text.
///
/// What it accepts, and the value it builds, match what gpath read before (Foundation's
/// `JSONDecoder` decoding ``JSONValue``):
/// - the RFC 8259 grammar; a UTF-8 byte-order mark before the value; one trailing comma
///   before `]` or `}` (an extension `JSONDecoder` has; RFC 8259 §9 lets a parser accept
///   extensions). Anything after the value but whitespace is an error.
/// - strings: every escape, `\u` surrogate pairs joined; an unpaired surrogate, an unescaped
///   control character (U+0000–U+001F) or bytes that are not UTF-8 are errors.
/// - numbers: see ``JSONParser/number()``; `1.0`, `1e3` and `-0` are `.integer`.
/// - duplicate keys: the first occurrence wins.
///
/// A parser points into bytes it does not own: use it only inside ``withParser(over:_:)``.
struct JSONParser {
    /// Deepest container nesting accepted: 512 arrays or objects, as many as Foundation's
    /// parser accepted. Beyond it ``JSONSyntaxError/Kind/nesting`` (E217) at the bracket.
    static let maximumNesting = 512

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var offset = 0

    /// Runs `body` with a parser over `bytes`, positioned at the start.
    static func withParser<Result>(
        over bytes: [UInt8], _ body: (inout JSONParser) throws(JSONSyntaxError) -> Result
    ) throws(JSONSyntaxError) -> Result {
        let outcome: Swift.Result<Result, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(JSONSyntaxError) {
                return .success(try body(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// The whole text as one JSON value (any value: a scalar is a valid document).
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try withParser(over: bytes) { parser throws(JSONSyntaxError) in
            parser.skipByteOrderMark()
            let value = try parser.value(depth: 0)
            try parser.expectEnd()
            return value
        }
    }

    // MARK: Bytes

    /// The byte at ``offset``, or 0 at the end (0 never starts a JSON token).
    var current: UInt8 { offset < bytes.count ? bytes[offset] : 0 }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case .space, .newline, .carriageReturn, .tab: offset += 1
            default: return
            }
        }
    }

    /// Skips a UTF-8 byte-order mark at the start, which `JSONDecoder` accepted.
    mutating func skipByteOrderMark() {
        if offset == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    /// Whitespace, then the end of the text.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard isAtEnd else { throw unexpected("the end of the file after the JSON value") }
    }

    /// An error at ``offset``: "expected X, found Y", or "unexpected end of file, expected X".
    func unexpected(_ expectation: String) -> JSONSyntaxError {
        guard !isAtEnd else { return JSONSyntaxError(at: offset, "unexpected end of file, expected \(expectation)") }
        return JSONSyntaxError(at: offset, "expected \(expectation), found \(describeCurrent())")
    }

    /// The byte at ``offset`` as a message shows it: `` `x` ``, `U+0009`, or `byte 0xFF`.
    func describeCurrent() -> String {
        let byte = current
        if byte >= 0x21, byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        if byte < 0x80 { return "U+\(Self.hex(byte, digits: 4))" }
        if let (scalar, _) = utf8Scalar(at: offset) { return "`\(Character(scalar))`" }
        return "byte 0x\(Self.hex(byte, digits: 2))"
    }

    // MARK: Containers

    /// Consumes `{` (and whitespace); false when the object is empty (its `}` consumed too).
    /// `depth` counts the containers already open around it.
    mutating func openObject(depth: Int) throws(JSONSyntaxError) -> Bool {
        try open(depth: depth)
        guard current == .closeBrace else { return true }
        offset += 1
        return false
    }

    /// Consumes `[` (and whitespace); false when the array is empty (its `]` consumed too).
    mutating func openArray(depth: Int) throws(JSONSyntaxError) -> Bool {
        try open(depth: depth)
        guard current == .closeBracket else { return true }
        offset += 1
        return false
    }

    private mutating func open(depth: Int) throws(JSONSyntaxError) {
        guard depth < Self.maximumNesting else {
            throw JSONSyntaxError(
                .nesting, at: offset, "arrays and objects nest more than \(Self.maximumNesting) levels deep")
        }
        offset += 1
        skipWhitespace()
    }

    /// A member's name and the `:` after it; returns the name and the offset of its `"`.
    mutating func memberName() throws(JSONSyntaxError) -> (name: String, offset: Int) {
        skipWhitespace()
        let start = offset
        guard current == .quote else { throw unexpected("a member name (a string in double quotes)") }
        let name = try string()
        skipWhitespace()
        guard current == .colon else { throw unexpected("`:` after the member name") }
        offset += 1
        return (name, start)
    }

    /// After a member's value: true at `,` followed by another member, false at the closing
    /// `}` (consumed, also after one trailing comma).
    mutating func nextMember() throws(JSONSyntaxError) -> Bool {
        try next(closing: .closeBrace, "`,` or `}` after an object member")
    }

    /// After an element: true at `,` followed by another element, false at the closing `]`.
    mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try next(closing: .closeBracket, "`,` or `]` after an array element")
    }

    private mutating func next(closing: UInt8, _ expectation: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if current == .comma {
            offset += 1
            skipWhitespace()
            guard current == closing else { return true }
        } else if current != closing {
            throw unexpected(expectation)
        }
        offset += 1
        return false
    }

    // MARK: Values

    /// The value starting at the next non-whitespace byte, with everything nested in it.
    /// `depth` counts the containers already open around it. Iterative: open containers wait
    /// on `stack` while their contents are read.
    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        var stack: [OpenContainer] = []
        while true {
            skipWhitespace()
            var value: JSONValue
            switch current {
            case .openBrace:
                if try openObject(depth: depth + stack.count) {
                    stack.append(OpenContainer(key: try memberName().name))
                    continue
                }
                value = .object([:])
            case .openBracket:
                if try openArray(depth: depth + stack.count) {
                    stack.append(OpenContainer(key: nil))
                    continue
                }
                value = .array([])
            default:
                value = try scalar()
            }
            // Store the value in its container; close every container that ends here.
            while let top = stack.indices.last {
                if let key = stack[top].key {
                    stack[top].insert(value, forKey: key)
                    if try nextMember() {
                        stack[top].key = try memberName().name
                        break
                    }
                    value = .object(stack.removeLast().members)
                } else {
                    stack[top].elements.append(value)
                    if try nextElement() { break }
                    value = .array(stack.removeLast().elements)
                }
            }
            if stack.isEmpty { return value }
        }
    }

    /// A string, number, `true`, `false` or `null` at ``offset``.
    mutating func scalar() throws(JSONSyntaxError) -> JSONValue {
        switch current {
        case .quote: return .string(try string())
        case .minus, .zero ... .nine: return try number()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw unexpected("a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = offset
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard current == expected else {
                var end = start
                while end < bytes.count, end - start < 16, bytes[end] < 0x80, Character(Unicode.Scalar(bytes[end])).isLetter {
                    end += 1
                }
                let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                throw JSONSyntaxError(at: start, "expected `\(word)`, found `\(found)`")
            }
            offset += 1
        }
    }

    /// An array or object being read: its elements, or its members and the pending key.
    /// Uppercase hexadecimal with at least `digits` digits, for messages (`0xFF`, `U+0009`).
    static func hex(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private struct OpenContainer {
        /// The name of the member being read; nil for an array.
        var key: String?
        var elements: [JSONValue] = []
        var members: [String: JSONValue] = [:]

        /// Adds a member unless the name is already there (the first occurrence wins).
        mutating func insert(_ value: JSONValue, forKey key: String) {
            if let earlier = members.updateValue(value, forKey: key) { members[key] = earlier }
        }
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let dot = UInt8(ascii: ".")
}
