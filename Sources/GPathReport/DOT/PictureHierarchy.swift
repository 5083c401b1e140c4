import GPathIR

/// The blocks a picture groups nodes into, outermost first, for every node.
///
/// From names when they carry a hierarchy: `stage2.block1.conv2` lies in `stage2.block1`;
/// PyTorch's ONNX names nest by `/` only (`/layer1/layer1.0/conv1/Conv` lies in
/// `/layer1/layer1.0/conv1`, and `layer1.0` is one block, not `layer1` inside `layer1`).
///
/// From structure when names are flat (Darknet's numbered sections, flat graph JSON): see
/// ``StructuralGrouping``; and stages above the names when the top level has too many
/// entries to read (a YOLO YAML's rows). Names count as flat when every block they would form is only the
/// helper nodes of a node of that name (Darknet's `7.sum` beside `7`).
struct PictureHierarchy {
    /// One enclosing block of a node.
    struct Level: Equatable {
        /// Unique key of the block (a name prefix, or `stage3/12-14` for structural blocks).
        let path: String
        /// What a cluster or collapsed node is titled.
        let name: String
    }

    /// For each node (indexed like ``Graph/nodes``), its blocks, outermost first.
    let levels: [[Level]]
    /// True when the blocks come from structure, not names.
    let isStructural: Bool
    /// True when structural stages group named rows (a YOLO YAML's): a collapsed stage then
    /// lists its rows' modules.
    let groupsRows: Bool

    /// Above this many top-level blocks and nodes, named graphs (a YOLO YAML's rows) are
    /// grouped into stages too.
    static let topLevelLimit = 12

    init(_ graph: Graph) {
        let named = graph.nodes.map { Self.nameLevels($0.name) }
        if Self.isFlat(graph, named) {
            // Darknet: a node and its helpers `<it>.<part>` form a section; inputs stay outside.
            let structural = StructuralGrouping(graph) { node in
                if node.op.family == .source, node.inputs.isEmpty, !node.name.contains(".") { return nil }
                guard let dot = node.name.firstIndex(of: "."), graph.node(named: String(node.name[..<dot])) != nil else { return node.name }
                return String(node.name[..<dot])
            }
            levels = structural?.levels ?? named
            isStructural = structural != nil
            groupsRows = false
            return
        }
        let topLevel = Set(zip(graph.nodes, named).map { node, levels in levels.first?.path ?? node.name })
        if topLevel.count > Self.topLevelLimit, let structural = StructuralGrouping(graph, spans: false, sectionKey: { node in
            node.op.family == .source && node.inputs.isEmpty ? nil : named[node.id.index].first?.path ?? node.name
        }) {
            levels = zip(structural.levels, named).map { $0 + $1 }
            isStructural = true
            groupsRows = true
        } else {
            levels = named
            isStructural = false
            groupsRows = false
        }
    }

    /// The blocks a name spells: prefixes ending before each separator (`/` when the name has
    /// one, else `.`); a block's path keeps the name's own characters.
    static func nameLevels(_ name: String) -> [Level] {
        let separator: Character = name.contains("/") ? "/" : "."
        var result: [Level] = []
        var componentStart = name.startIndex
        for index in name.indices where name[index] == separator {
            let component = name[componentStart..<index]
            componentStart = name.index(after: index)
            guard !component.isEmpty else { continue }
            result.append(Level(path: String(name[..<index]), name: String(component)))
        }
        return result
    }

    /// True when no name-derived block holds more than the helper nodes of a node named
    /// like the block.
    private static func isFlat(_ graph: Graph, _ named: [[Level]]) -> Bool {
        for levels in named {
            guard let first = levels.first else { continue }
            if levels.count > 1 || graph.node(named: first.path) == nil { return false }
        }
        return true
    }
}
