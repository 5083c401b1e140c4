/// A Graphviz SVG document made fit to sit inside an HTML page: the XML declaration, the
/// DOCTYPE (which names a URL) and the comments (Graphviz's version banner and one per node)
/// removed, and every `id` prefixed so two pictures on one page never share an id.
///
/// Graphviz escapes `-` in comments and `<`/`&` in text as character references, so scanning
/// for `<!--`…`-->` and `<?`/`<!DOCTYPE` cannot cut into a name. O(n).
enum EmbeddedSVG {
    /// The `<svg …>…</svg>` element of `document` with ids (and `#id` references) prefixed
    /// by `prefix`; empty when the text holds no `<svg` element.
    static func element(from document: String, idPrefix prefix: String) -> String {
        guard let start = document.firstRange(of: "<svg") else { return "" }
        var body = String(document[start.lowerBound...])
        body = removingComments(body)
        body = body.replacing(" id=\"", with: " id=\"\(prefix)")
        body = body.replacing("url(#", with: "url(#\(prefix)")
        body = body.replacing("href=\"#", with: "href=\"#\(prefix)")
        return body.trimmingTrailingWhitespace
    }

    private static func removingComments(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let open = rest.firstRange(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "-->") else { return out }
            rest = rest[close.upperBound...]
            // Drop the newline Graphviz writes after each comment.
            if rest.first == "\n" { rest = rest.dropFirst() }
        }
        out += rest
        return out
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
