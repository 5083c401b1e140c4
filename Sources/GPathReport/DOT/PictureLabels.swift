import GPathIR

/// The names a picture shows for nodes and collapsed blocks, in the words of the source format:
/// Darknet sections by index and type (`13 route`, `23 shortcut ← 20`), YOLO rows with their
/// module (`2: C2f ×3`), and PyTorch's ONNX names (`/layer1/layer1.0/conv1/Conv`) as their
/// shortest unique module path (`layer1.0.conv1`).
struct PictureLabels {
    /// The bold first line of each node, indexed like ``Graph/nodes``.
    let nodeTitles: [String]
    private let graph: Graph

    init(_ graph: Graph) {
        self.graph = graph
        nodeTitles = graph.nodes.contains { $0.name.hasPrefix("/") } ? Self.shortModulePaths(graph) : graph.nodes.map(\.name)
    }

    /// The label of a small shape standing for `node` (a merge or a pass-through): its source
    /// section and kind when the importer named one (`13 route`), nil otherwise.
    func sectionLabel(_ node: Node) -> String? {
        guard let kind = graph.sourceKinds[node.name] else { return nil }
        var text = "\(node.name) \(kind)"
        if node.op.kind == .add, node.inputs.count > 1 {
            let sources = node.inputs.dropFirst().map { origin(of: $0.source, besides: Self.section(of: node.name)) }
            text += " ← " + sources.joined(separator: ", ")
        }
        return text
    }

    /// The symbol of an element-wise merge: `×` for the products the IR lowers as merges
    /// (Darknet's `[sam]` and `[scale_channels]`, YOLOR's ImplicitM `….mul`), else `+`.
    func mergeSymbol(_ node: Node) -> String {
        let kind = graph.sourceKinds[node.name]
        return kind == "sam" || kind == "scale_channels" || node.name.hasSuffix(".mul") ? "×" : "+"
    }

    /// The title of a collapsed block: a YOLO row with its module (`2: C2f ×3`), a structural
    /// block's name (`stage 3 · 76×76`), or the block's path.
    func blockTitle(_ block: BlockTree.Block, structural: Bool) -> String {
        if let kind = graph.sourceKinds[block.path] { return "\(block.path): \(kind)" }
        if block.path.hasPrefix("/") { return block.name }
        return structural && !block.path.contains(".") && block.path.hasPrefix("stage") ? block.name : block.path
    }

    /// The section an operand comes from, looking through the section's own helper nodes
    /// (`10.from0`, a broadcast of 8, comes from `8`).
    private func origin(of source: NodeID, besides own: String) -> String {
        var current = graph[source]
        while Self.section(of: current.name) == own, let input = current.inputs.first { current = graph[input.source] }
        return Self.section(of: current.name)
    }

    /// The heading of a block drawn as a cluster: a YOLO row with its module (`2: C2f ×3`),
    /// otherwise the block's own name (`block1`, `stage 3 · 76×76`).
    func clusterTitle(_ block: BlockTree.Block) -> String {
        graph.sourceKinds[block.path].map { "\(block.path): \($0)" } ?? block.name
    }

    /// The modules of the rows a stage holds, in order (`Conv · C2f ×2 · SPPF`), at most
    /// `limit` of them before `…`; nil when no row has a known module.
    func rowModules(of block: BlockTree.Block, limit: Int = 4) -> String? {
        var seen = Set<String>()
        var modules: [String] = []
        for id in block.allNodes {
            let name = graph[id].name
            let row = name.firstIndex(of: ".").map { String(name[..<$0]) } ?? name
            guard seen.insert(row).inserted, let kind = graph.sourceKinds[row] else { continue }
            modules.append(kind)
        }
        guard !modules.isEmpty else { return nil }
        return modules.prefix(limit).joined(separator: " · ") + (modules.count > limit ? " · …" : "")
    }

    /// `12.from0` → `12`: the section a helper node belongs to.
    private static func section(of name: String) -> String {
        name.firstIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// For names like `/layer1/layer1.0/conv1/Conv`: the module path (scopes joined by `.`, a
    /// scope that repeats its parent's prefix replacing it: `layer1.0.conv1`), shortened from
    /// the left to the fewest trailing scopes that no other node shares; the op's own name
    /// (`Conv`) is kept only when the module path alone is ambiguous. O(nodes × depth).
    static func shortModulePaths(_ graph: Graph) -> [String] {
        let scopes: [[String]] = graph.nodes.map { node in
            var parts: [String] = []
            for component in node.name.split(separator: "/") {
                let text = String(component)
                if let last = parts.last, text.hasPrefix(last + ".") { parts[parts.count - 1] = text } else { parts.append(text) }
            }
            return parts
        }
        func candidate(_ parts: ArraySlice<String>, _ count: Int) -> String { parts.suffix(count).joined(separator: ".") }
        var modules: [String: Int] = [:]
        var whole: [String: Int] = [:]
        var exact: [String: Int] = [:]
        for parts in scopes {
            exact[parts.dropLast().joined(separator: "."), default: 0] += 1
            for length in 1...max(parts.count, 1) where length <= parts.count {
                whole[candidate(parts[...], length), default: 0] += 1
                if length < parts.count { modules[candidate(parts.dropLast(), length), default: 0] += 1 }
            }
        }
        return zip(graph.nodes, scopes).map { node, parts in
            guard node.name.hasPrefix("/"), parts.count >= 2 else { return node.name }
            for length in 1..<parts.count where modules[candidate(parts.dropLast(), length)] == 1 { return candidate(parts.dropLast(), length) }
            let module = parts.dropLast().joined(separator: ".")
            if exact[module] == 1 { return module }
            for length in 1...parts.count where whole[candidate(parts[...], length)] == 1 { return candidate(parts[...], length) }
            return node.name
        }
    }
}
