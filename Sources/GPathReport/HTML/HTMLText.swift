/// Escaping for the two places the HTML report puts text: element content and attribute
/// values (``escaped(_:)``), and the inline JSON data block (``scriptSafe(_:)``).
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; control characters other than
    /// line breaks and tabs dropped. Safe in element content and in quoted attribute values.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escaped text whose `` `backticked` `` spans (the summary's layer names) become `<code>`
    /// elements; an unpaired backtick stays as it is.
    static func escapedWithCode(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escaped(text) }
        var out = ""
        for (index, part) in parts.enumerated() {
            let isCode = index % 2 == 1 && index < parts.count - 1
            if index % 2 == 1, !isCode { out += "`" }
            out += isCode ? "<code>\(escaped(String(part)))</code>" : escaped(String(part))
        }
        return out
    }

    /// JSON text made safe inside `<script type="application/json">`: every `<` becomes the
    /// JSON escape `\u003c` (only possible inside strings, where it means the same), so no
    /// name can close the script element (`</script>`) or open a comment (`<!--`).
    static func scriptSafe(_ json: String) -> String {
        json.replacing("<", with: "\\u003c")
    }
}
