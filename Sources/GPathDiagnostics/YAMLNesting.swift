/// A pre-check of YAML text before it is handed to the YAML parser (Yams, over libyaml),
/// whose composer recurses once per nesting level: 4,700 levels of `[` overflow the stack.
///
/// Counts flow nesting (`[`, `{` outside quotes and comments) and block nesting (a line's
/// indentation, `- ` and `? ` markers included: each block level needs at least one more
/// column). Linear in the text, no recursion.
public enum YAMLNesting {
    /// Deepest flow (bracket) nesting accepted: 256 levels.
    public static let maximumFlowDepth = 256
    /// Widest block indentation accepted, in columns (each block level takes at least one): 1,024.
    public static let maximumIndentation = 1024

    /// E217 at the first place the text nests deeper than the limits; nil when it does not.
    public static func problem(in file: SourceFile) -> Diagnostic? {
        var depth = 0
        var quote: Character?
        var inComment = false
        var atLineStart = true
        var indentation = 0
        var offset = 0
        var previous = UInt8(ascii: " ")
        for byte in file.text.utf8 {
            defer { offset += 1; previous = byte }
            if byte == UInt8(ascii: "\n") {
                inComment = false
                atLineStart = true
                indentation = 0
                if quote == "'" || quote == "\"" { continue }
                continue
            }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\t") {
                    indentation += 1
                    if indentation > maximumIndentation {
                        return diagnostic("a line indents more than \(maximumIndentation) columns", offset, file)
                    }
                    continue
                }
                atLineStart = false
            }
            if inComment { continue }
            if let open = quote {
                if byte == UInt8(ascii: open == "'" ? "'" : "\"") { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "#"): inComment = true
            // A quote opens a quoted scalar only where a token starts (`it's` is plain text).
            case UInt8(ascii: "'") where startsToken(previous): quote = "'"
            case UInt8(ascii: "\"") where startsToken(previous): quote = "\""
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumFlowDepth {
                    return diagnostic("brackets nest more than \(maximumFlowDepth) levels deep", offset, file)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func startsToken(_ previous: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"),
         UInt8(ascii: "-"), UInt8(ascii: "\n")].contains(previous)
    }

    private static func diagnostic(_ message: String, _ offset: Int, _ file: SourceFile) -> Diagnostic {
        Diagnostic(
            .sizeLimit, "YAML nesting beyond gpath's limit: \(message)", at: file.location(ofOffset: offset),
            label: "nested too deeply", notes: ["gpath's size limits are listed in docs/reliability.md"])
    }
}
