/// Why ``JSONParser`` refused its input, and where: a byte offset into the text, which
/// ``SourceFile/location(ofOffset:byteLength:)`` turns into line and column.
struct JSONSyntaxError: Error, Equatable {
    /// What kind of problem: broken syntax (E105), or valid JSON nested deeper than
    /// ``JSONParser/maximumNesting`` (E217, a size limit).
    enum Kind: Equatable {
        case syntax
        case nesting
    }

    let kind: Kind
    /// Byte offset of the offending byte; the text's length when the text ends too early.
    let offset: Int
    /// Lowercase, no trailing period: what was expected and what was found.
    let message: String

    init(_ kind: Kind = .syntax, at offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }
}
