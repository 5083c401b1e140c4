import GPathDiagnostics
import GPathIR

extension GraphJSONReader {
    /// The stateful part of reading: the builder and the diagnostics collected so far. It
    /// takes nodes and edges as ``GraphJSONDocument`` reads them, then ``finish(_:members:)``.
    struct Reader: GraphJSONEntryReader {
        let file: SourceFile
        var collector = DiagnosticCollector()
        var builder: GraphBuilder

        init(file: SourceFile) {
            self.file = file
            builder = GraphBuilder(name: Self.defaultName(of: file))
            // A node is at least `{"id":"a","op":"add"}` (21 bytes), an edge
            // `{"src":"a","dst":"b"}`; written files run to 40–130 bytes per item.
            builder.reserveCapacity(nodes: file.bytes.count / 48, connections: file.bytes.count / 40)
        }

        /// The file name without folders and extensions: the graph's name when it has none.
        private static func defaultName(of file: SourceFile) -> String {
            let stem = file.name.split(separator: "/").last.map(String.init) ?? file.name
            return String(stem.split(separator: ".").first ?? Substring(stem))
        }

        /// After the whole file parsed: the checks on the root, the edges that came before
        /// `nodes`, then building and verifying. Diagnostics come in the order the reader always
        /// gave them: the root's, the nodes', the edges', the verifier's.
        mutating func finish(_ document: GraphJSONDocument, members: [String: JSONValue]) -> (graph: Graph?, diagnostics: [Diagnostic]) {
            guard document.nodes == .array else {
                return (nil, [Diagnostic(.invalidField, "graph needs a `nodes` array", at: location(of: document.nodes))])
            }
            if case .other = document.edges {
                var reordered = DiagnosticCollector()
                reordered.report(Diagnostic(.invalidField, "`edges` must be an array", at: location(of: document.edges)))
                for diagnostic in collector.diagnostics { reordered.report(diagnostic) }
                collector = reordered
            }
            if let name = members["name"]?.string { builder.name = name }
            for (index, entry) in document.deferredEdges.enumerated() {
                readEdge(entry, index: index)
            }
            if collector.hasErrors { return (nil, collector.finished) }
            let (graph, diagnostics) = builder.build()
            for diagnostic in diagnostics { collector.report(diagnostic) }
            return (collector.hasErrors ? nil : graph, collector.finished)
        }

        /// Where a `nodes` or `edges` value that is not an array starts (the file's start when absent).
        private func location(of list: GraphJSONDocument.List) -> SourceLocation {
            if case .other(let offset) = list { return file.location(ofOffset: offset) }
            return file.location(ofOffset: 0)
        }

        /// The entry's anchor (a node's `"id"` string, an edge's `"src"` key), else its first byte.
        private func location(of entry: GraphJSONDocument.Entry) -> SourceLocation {
            guard let anchor = entry.anchor else { return file.location(ofOffset: entry.offset) }
            return file.location(ofOffset: anchor.lowerBound, byteLength: anchor.count)
        }

        /// Declares the node `entry` describes (`index` in `nodes`), or reports why it cannot.
        mutating func readNode(_ entry: GraphJSONDocument.Entry, index: Int) {
            let location = location(of: entry)
            guard let node = entry.value.object else {
                collector.report(Diagnostic(.invalidField, "node \(index) is not an object", at: location))
                return
            }
            guard let id = node["id"]?.string else {
                collector.report(Diagnostic(.invalidField, "node \(index) needs a string `id`", at: location))
                return
            }
            guard let opName = node["op"]?.string else {
                collector.report(Diagnostic(.invalidField, "node `\(id)` needs a string `op`", at: location))
                return
            }
            let channels = integer(node["channels"], field: "channels", node: id, location: location)
            let groups = integer(node["groups"], field: "groups", node: id, location: location) ?? 1
            // One set lookup per member rather than one lookup per window field; reported in
            // `windowFields` order.
            var invalidWindows: [String] = []
            for (field, value) in node where GraphJSONOps.windowFieldSet.contains(field) && GraphJSONOps.axisPair(value) == nil {
                invalidWindows.append(field)
            }
            for field in GraphJSONOps.windowFields where invalidWindows.contains(field) {
                collector.report(Diagnostic(
                    .invalidField, "`\(field)` of node `\(id)` must be an integer or a pair [height, width]", at: location))
            }
            guard let op = GraphJSONOps.op(named: opName, groups: groups, fields: node) else {
                collector.report(Diagnostic(
                    .unknownOp, "unknown op `\(opName)` for node `\(id)`", at: location,
                    notes: ["known ops: \(GraphJSONOps.canonicalNames.joined(separator: ", "))"],
                    helps: Suggestion.help(for: opName, among: GraphJSONOps.allNames)))
                return
            }
            checkName(node["activation"], field: "activation", among: GraphJSONOps.activationNames, node: id, location: location)
            switch op {
            case .loss:
                checkName(node["kind"], field: "kind", among: GraphJSONOps.lossKindNames, node: id, location: location)
            case .passThrough(.identity), .passThrough(.dropout):
                checkName(node["kind"], field: "kind", among: ["identity", "dropout"], node: id, location: location)
            case .learned:
                _ = integer(node["entries"], field: "entries", node: id, location: location)
            case .softmax:
                checkName(node["axis"], field: "axis", among: GraphJSONOps.softmaxAxisNames, node: id, location: location)
            case .reshape where node["target"] == nil, .tokenSlice where node["tokens"] == nil:
                collector.report(Diagnostic(
                    .invalidField, "node `\(id)` (\(opName)) needs `\(op.kind == .reshape ? "target: [height, width]" : "tokens: [first, end]")`", at: location))
            default: break
            }
            var spatial: Spatial?
            if let height = integer(node["height"], field: "height", node: id, location: location),
               let width = integer(node["width"], field: "width", node: id, location: location) {
                spatial = Spatial(height: height, width: width)
            }
            builder.addNode(id, op: op, channels: channels, spatial: spatial, location: location)
        }

        /// Connects the edge `entry` describes (`index` in `edges`), or reports why it cannot.
        mutating func readEdge(_ entry: GraphJSONDocument.Entry, index: Int) {
            let location = location(of: entry)
            guard let edge = entry.value.object,
                  let source = edge["src"]?.string, let destination = edge["dst"]?.string
            else {
                collector.report(Diagnostic(.invalidField, "edge \(index) needs string `src` and `dst`", at: location))
                return
            }
            var sourceRange: ChannelRange?? = nil
            var destinationRange: ChannelRange?? = nil
            var stops = false
            if edge.count > 2 {  // only `src` and `dst`: no optional fields to look up
                let label = "`\(source)` -> `\(destination)`"
                sourceRange = range(edge["src_slice"], field: "src_slice", edge: label, location: location)
                destinationRange = range(edge["dst_slice"], field: "dst_slice", edge: label, location: location)
                if let flag = edge["stop_gradient"] {
                    if let bool = flag.bool { stops = bool } else {
                        collector.report(Diagnostic(.invalidField, "`stop_gradient` of edge \(label) must be true or false", at: location))
                    }
                }
            }
            builder.connect(
                source, to: destination, sourceRange: sourceRange ?? nil,
                destinationRange: destinationRange ?? nil, stopsGradient: stops, location: location)
        }

        /// Reports a string field whose value is not one of `names` (E208 with a "did you mean").
        private mutating func checkName(_ value: JSONValue?, field: String, among names: [String], node: String, location: SourceLocation?) {
            guard let value else { return }
            guard let text = value.string else {
                collector.report(Diagnostic(.invalidField, "`\(field)` of node `\(node)` must be a string", at: location))
                return
            }
            guard !names.contains(text) else { return }
            collector.report(Diagnostic(
                .invalidValue, "unknown \(field) `\(text)` on node `\(node)`", at: location,
                notes: ["known: \(names.joined(separator: ", "))"], helps: Suggestion.help(for: text, among: names)))
        }

        private mutating func integer(_ value: JSONValue?, field: String, node: String, location: SourceLocation?) -> Int? {
            guard let value else { return nil }
            if let int = value.integer { return int }
            collector.report(Diagnostic(.invalidField, "`\(field)` of node `\(node)` must be an integer", at: location))
            return nil
        }

        /// `[a, b]` with a ≤ b; nil when absent, `.some(nil)` when invalid (already reported).
        private mutating func range(_ value: JSONValue?, field: String, edge: String, location: SourceLocation?) -> ChannelRange?? {
            guard let value else { return .some(nil) }
            if let pair = value.array, pair.count == 2, let low = pair[0].integer, let high = pair[1].integer {
                if low <= high { return .some(ChannelRange(low, high)) }
                collector.report(Diagnostic(
                    .sliceOutOfRange, "`\(field)` [\(low), \(high)] of edge \(edge) is empty", at: location))
                return nil
            }
            collector.report(Diagnostic(.invalidField, "`\(field)` of edge \(edge) must be a pair of integers", at: location))
            return nil
        }
    }
}
