import GPathIR

/// Which node of a drawn picture stands for each graph node, and what Graphviz calls each
/// picture node in its SVG (`<g class="node"><title>NAME</title>`), so the report's script can
/// find a layer's node and the edges of a highlighted path.
///
/// Rebuilds the ``PictureModel`` that ``DOTWriter/write(_:options:budget:)`` drew from the
/// options it actually used (``DOTPicture/options``, after any automatic folding): the model is
/// a deterministic function of the report and the options, so the two agree.
public struct PictureNodeMap: Sendable {
    /// Graphviz's name of each picture node, in the picture's item order.
    public let titles: [String]
    /// For each graph node (by ``NodeID/index``), its picture node's position in ``titles``.
    public let pictureNodeOfNode: [Int]
    /// Drawn edges as positions in ``titles`` (parallel stop-gradient and plain edges between
    /// the same two nodes appear twice, as Graphviz draws them).
    public let edges: [(from: Int, to: Int)]

    public init(_ report: AnalysisReport, picture: DOTPicture) {
        let model = PictureModel(report, options: picture.options)
        titles = model.items.map { Self.graphvizName($0.id) }
        pictureNodeOfNode = model.itemOfNode
        edges = model.edges.map { ($0.from, $0.to) }
    }

    /// The text a browser reads from the SVG `<title>` of a node written as
    /// ``DOTQuoting/id(_:)``: the quoted text with `\"` read back as `"` (Graphviz keeps other
    /// backslash escapes as written), then what looks like a character reference decoded —
    /// Graphviz writes `&` before `name;` or `#digits;` unescaped, so the browser decodes it.
    /// Decoded here: the XML five and numeric references; a name holding another HTML entity
    /// name (`&nbsp;`) is left as written and its node cannot be found by the page's script.
    static func graphvizName(_ id: String) -> String {
        let quoted = DOTQuoting.id(id)
        let name = String(quoted.dropFirst().dropLast()).replacing("\\\"", with: "\"")
        return name.contains("&") ? decodingReferences(name) : name
    }

    private static func decodingReferences(_ text: String) -> String {
        let named: [Substring: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        var out = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out.append("&")
                rest = after
                continue
            }
            let body = after[..<semicolon]
            if let character = named[body] {
                out.append(character)
            } else if body.hasPrefix("#"), let scalar = numericScalar(body.dropFirst()) {
                out.unicodeScalars.append(scalar)
            } else {
                out.append("&")
                rest = after
                continue
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    private static func numericScalar(_ digits: Substring) -> Unicode.Scalar? {
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }

    /// The picture nodes along a chain of graph nodes, repeats of the same node in a row
    /// merged (a folded or collapsed picture draws several graph nodes as one).
    public func pictureNodes(along chain: [NodeID]) -> [Int] {
        var result: [Int] = []
        for node in chain {
            let item = pictureNodeOfNode[node.index]
            if item >= 0, result.last != item { result.append(item) }
        }
        return result
    }
}
