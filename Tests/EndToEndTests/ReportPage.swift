import Foundation

/// Reads a `gpath report` page the way the browser test's expectations need it: the data
/// block as JSON, and the titles of the picture's SVG edges.
enum ReportPage {
    /// The JSON of `<script type="application/json" id="gpath-data">`.
    static func data(in page: String) -> [String: Any]? {
        guard let start = page.range(of: "<script type=\"application/json\" id=\"gpath-data\">"),
              let end = page.range(of: "</script>", range: start.upperBound..<page.endIndex) else { return nil }
        let text = String(page[start.upperBound..<end.lowerBound])
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// The decoded `<title>` of every edge of the network picture (`tail->head`).
    static func pictureEdgeTitles(in page: String) -> [String] {
        guard let start = page.range(of: "id=\"picture-frame\""),
              let end = page.range(of: "id=\"node-details\"", range: start.upperBound..<page.endIndex) else { return [] }
        var titles: [String] = []
        var rest = page[start.upperBound..<end.lowerBound]
        let marker = "class=\"edge\">\n<title>"
        while let open = rest.range(of: marker), let close = rest.range(of: "</title>", range: open.upperBound..<rest.endIndex) {
            titles.append(decoded(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return titles
    }

    /// XML character references decoded (Graphviz writes the five named ones and numeric ones).
    static func decoded(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        while let ampersand = rest.firstIndex(of: "&"), let semicolon = rest[ampersand...].firstIndex(of: ";") {
            out += rest[..<ampersand]
            let body = rest[rest.index(after: ampersand)..<semicolon]
            if let character = named[String(body)] {
                out += character
            } else if body.hasPrefix("#x"), let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else if body.hasPrefix("#"), let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += rest[ampersand...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// What the page should show, computed from its data block and SVG.
    struct Expectations {
        private let layers: [[Any]]
        private let field: [String: Int]
        private let nodes: [(title: String, layers: [Int])]
        private let paths: [[Int]?]
        private let steps: [String: [String: [Int]]]
        private let edgeTitles: [String]

        init(data: [String: Any], svgEdgeTitles: [String]) {
            layers = (data["layers"] as? [[Any]]) ?? []
            let fields = (data["layerFields"] as? [String]) ?? []
            field = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($0.element, $0.offset) })
            nodes = ((data["nodes"] as? [[String: Any]]) ?? []).map { (($0["title"] as? String) ?? "", ($0["layers"] as? [Int]) ?? []) }
            paths = ((data["paths"] as? [Any]) ?? []).map { $0 as? [Int] }
            steps = (data["steps"] as? [String: [String: [Int]]]) ?? [:]
            edgeTitles = svgEdgeTitles
        }

        var layerCount: Int { layers.count }
        var pictureNodeCount: Int { nodes.count }
        var names: [String] { layers.map { string($0, "name") } }
        func title(of node: Int) -> String { nodes[node].title }
        func shortest(of layer: Int) -> Int? { integer(layers[layer], "shortest") }
        func longest(of layer: Int) -> Int? { integer(layers[layer], "longest") }

        private func string(_ layer: [Any], _ name: String) -> String { field[name].flatMap { layer[$0] as? String } ?? "" }
        private func integer(_ layer: [Any], _ name: String) -> Int? { field[name].flatMap { layer[$0] as? Int } }

        /// Layers whose name or op contains `query` (case-insensitive), as the filter box does.
        func rowsMatching(_ query: String) -> Int {
            layers.filter { string($0, "name").lowercased().contains(query) || string($0, "op").lowercased().contains(query) }.count
        }

        /// Layer indexes by SGP (unreachable last, ties in layer order either way).
        func sortedByShortest(descending: Bool) -> [Int] {
            layers.indices.sorted { a, b in
                switch (shortest(of: a), shortest(of: b)) {
                case let (x?, y?): return x != y ? (descending ? x > y : x < y) : a < b
                case (nil, nil): return a < b
                case (nil, _): return false
                case (_, nil): return true
                }
            }
        }

        struct Highlight {
            let shortNodes: Int
            let longNodes: Int
            let shortEdges: Int
            let longEdges: Int
            /// Layers on the highlighted path, when every picture node draws at most one layer.
            let shortestLayers: Int?
            let longestLayers: Int?
        }

        /// The picture nodes and edges a click on `layer` highlights.
        func highlight(of layer: Int) -> Highlight {
            let entry = layer < paths.count ? paths[layer] : nil
            let shortWalk = entry.map { walk("shortest", from: $0[0]) } ?? []
            let longWalk = entry.map { walk("longest", from: $0[1]) } ?? []
            let short = shortWalk
            let long = longWalk
            let unfolded = nodes.allSatisfy { $0.layers.count <= 1 }
            return Highlight(
                shortNodes: Set(short).count, longNodes: Set(long).count,
                shortEdges: edges(along: shortWalk), longEdges: edges(along: longWalk),
                shortestLayers: unfolded && !short.isEmpty ? Set(short).filter { !nodes[$0].layers.isEmpty }.count : nil,
                longestLayers: unfolded && !long.isEmpty ? Set(long).filter { !nodes[$0].layers.isEmpty }.count : nil)
        }

        /// The picture nodes of a path: its steps to the loss, repeats in a row merged.
        private func walk(_ forest: String, from start: Int) -> [Int] {
            let node = steps[forest]?["node"] ?? []
            let next = steps[forest]?["next"] ?? []
            var sequence: [Int] = []
            var step = start
            while step >= 0, step < node.count, sequence.count <= node.count {
                if node[step] >= 0, sequence.last != node[step] { sequence.append(node[step]) }
                step = next[step]
            }
            return sequence
        }

        /// Edges between consecutive picture nodes of a walk.
        private func edges(along walk: [Int]) -> Int {
            let pairs = Set(zip(walk, walk.dropFirst()).map { nodes[$0.0].title + "->" + nodes[$0.1].title })
            return edgeTitles.filter { pairs.contains($0) }.count
        }
    }
}
