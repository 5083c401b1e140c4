/// Quoting for the three kinds of text DOT carries: identifiers, escString attributes and
/// HTML-like labels. Every name gpath writes into DOT goes through here, so any layer name —
/// spaces, quotes, dots, backslashes, newlines, unicode, DOT keywords — survives.
public enum DOTQuoting {
    /// A double-quoted DOT identifier. Always quoted (so `node`, `edge`, `1x1` or `a.b` are
    /// never mistaken for keywords or numbers); `"` becomes `\"`, `\` becomes `\\`, line breaks
    /// become `\n`. The mapping is injective, so distinct names stay distinct nodes. Graphviz
    /// keeps a doubled backslash in the node's name, which is why labels carry the exact name
    /// separately.
    public static func id(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// A double-quoted escString attribute value (`tooltip`, `fontname`…). Same escaping as
    /// ``id(_:)``; Graphviz turns `\\` back into `\` when it expands escString values.
    public static func string(_ text: String) -> String { id(text) }

    /// Text placed inside an HTML-like label: `&`, `<`, `>`, `"` and `'` become entities, line
    /// breaks become `<BR/>`, other control characters are dropped. Non-ASCII text is kept as
    /// UTF-8 (Graphviz's default charset).
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "<BR/>"
            case "\r": break
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
