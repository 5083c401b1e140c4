import GPathDiagnostics
import GPathIR

extension GraphJSONReader {
    /// The stateful part of reading: the builder and the diagnostics collected so far.
    struct Reader {
        let file: SourceFile
        let positions: JSONPositions
        var collector = DiagnosticCollector()

        init(file: SourceFile, positions: JSONPositions) {
            self.file = file
            self.positions = positions
        }

        mutating func read(_ object: [String: JSONValue]) -> (graph: Graph?, diagnostics: [Diagnostic]) {
            let stem = file.name.split(separator: "/").last.map(String.init) ?? file.name
            let name = object["name"]?.string ?? String(stem.split(separator: ".").first ?? Substring(stem))
            var builder = GraphBuilder(name: name)
            guard let nodes = object["nodes"]?.array else {
                collector.report(Diagnostic(.invalidField, "graph needs a `nodes` array", at: file.location(ofOffset: 0)))
                return (nil, collector.finished)
            }
            let edges = object["edges"]?.array ?? []
            if object["edges"] != nil, object["edges"]?.array == nil {
                collector.report(Diagnostic(.invalidField, "`edges` must be an array", at: file.location(ofOffset: 0)))
            }
            for (index, entry) in nodes.enumerated() {
                readNode(entry, index: index, into: &builder)
            }
            for (index, entry) in edges.enumerated() {
                readEdge(entry, index: index, into: &builder)
            }
            if collector.hasErrors { return (nil, collector.finished) }
            let (graph, diagnostics) = builder.build()
            for diagnostic in diagnostics { collector.report(diagnostic) }
            return (collector.hasErrors ? nil : graph, collector.finished)
        }

        private mutating func readNode(_ entry: JSONValue, index: Int, into builder: inout GraphBuilder) {
            guard let node = entry.object else {
                collector.report(Diagnostic(.invalidField, "node \(index) is not an object", at: file.location(ofOffset: 0)))
                return
            }
            guard let id = node["id"]?.string else {
                collector.report(Diagnostic(.invalidField, "node \(index) needs a string `id`", at: file.location(ofOffset: 0)))
                return
            }
            let location = positions.node(id)
            guard let opName = node["op"]?.string else {
                collector.report(Diagnostic(.invalidField, "node `\(id)` needs a string `op`", at: location))
                return
            }
            let channels = integer(node["channels"], field: "channels", node: id, location: location)
            let groups = integer(node["groups"], field: "groups", node: id, location: location) ?? 1
            for field in GraphJSONOps.windowFields where node[field] != nil && GraphJSONOps.axisPair(node[field]) == nil {
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

        private mutating func readEdge(_ entry: JSONValue, index: Int, into builder: inout GraphBuilder) {
            let location = positions.edge(index)
            guard let edge = entry.object,
                  let source = edge["src"]?.string, let destination = edge["dst"]?.string
            else {
                collector.report(Diagnostic(.invalidField, "edge \(index) needs string `src` and `dst`", at: location))
                return
            }
            let label = "`\(source)` -> `\(destination)`"
            let sourceRange = range(edge["src_slice"], field: "src_slice", edge: label, location: location)
            let destinationRange = range(edge["dst_slice"], field: "dst_slice", edge: label, location: location)
            var stops = false
            if let flag = edge["stop_gradient"] {
                if let bool = flag.bool { stops = bool } else {
                    collector.report(Diagnostic(.invalidField, "`stop_gradient` of edge \(label) must be true or false", at: location))
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
