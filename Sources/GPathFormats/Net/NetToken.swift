/// One lexical token of a `.net` file, with the byte range it came from.
struct NetToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A name: `conv`, `stage2.block1.conv2`, or a backquoted `` `any text` ``.
        case identifier(String, quoted: Bool)
        case integer(Int)
        /// One of the punctuation spellings in ``NetToken/punctuation``.
        case symbol(String)
        /// The `x` between dimensions in `3x32x32`.
        case times
        /// End of a statement (newline or `;`). Newlines inside `()` and `[]` are skipped.
        case newline
        case end
    }

    var kind: Kind
    var span: NetSpan

    /// Multi-character symbols first so the lexer takes the longest match.
    static let punctuation = [
        "...", "..<", "**", "->", "==", "!=", "<=", ">=",
        "(", ")", "[", "]", "{", "}", ",", "=", ":", "@", "+", "-", "*", "/", "%", "<", ">",
    ]

    /// The identifier text when the token is an unquoted identifier.
    var word: String? {
        if case .identifier(let text, false) = kind { return text }
        return nil
    }

    /// The name when the token is any identifier (quoted or not).
    var name: String? {
        if case .identifier(let text, _) = kind { return text }
        return nil
    }

    func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }

    /// How the token is shown in "expected …, found …" messages.
    var display: String {
        switch kind {
        case .identifier(let text, let quoted): quoted ? "`\\`\(text)\\``" : "`\(text)`"
        case .integer(let value): "`\(value)`"
        case .symbol(let text): "`\(text)`"
        case .times: "`x`"
        case .newline: "end of line"
        case .end: "end of file"
        }
    }
}

/// A byte range of the source text.
struct NetSpan: Equatable, Hashable, Sendable {
    var offset: Int
    var length: Int

    /// The span from the start of `self` to the end of `other`.
    func through(_ other: NetSpan) -> NetSpan {
        NetSpan(offset: offset, length: max(length, other.offset + other.length - offset))
    }
}

/// Words with a fixed meaning at the start of a statement or inside expressions; a tensor
/// named like one of them must be backquoted.
enum NetKeyword {
    static let all: Set<String> = [
        "network", "param", "input", "learned", "block", "for", "in", "if", "else", "repeat", "connect",
        "and", "or", "not",
    ]
}
