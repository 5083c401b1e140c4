import GPathIR

/// What a graph picture draws, decided before any DOT is written: which graph nodes become
/// one picture node (a layer, a folded run of pass-throughs, a collapsed block, a layer
/// standing for its `×N` folded copies), which edges join them, and which blocks are clusters.
///
/// Built in O(nodes × hierarchy depth + edges), iteratively; deterministic (declaration order).
struct PictureModel {
    enum Kind: Equatable {
        case layer, input, loss, add, concat, passThrough, stopGradient, block, mixing, learned
    }

    /// One picture node.
    struct Item {
        let kind: Kind
        /// The DOT node id (unquoted): the first node's name, or `block:<path>`.
        let id: String
        /// The graph nodes drawn (several for a folded pass-through chain; none for a block).
        var nodes: [NodeID]
        /// The collapsed block, for `.block` items.
        let block: Int?
        /// The cluster the item is drawn in (0: top level).
        var home: Int
        /// Figures of every graph node the item stands for (copies included).
        var figures = ItemFigures()
        /// How many graph nodes (or blocks, for `.block`) the item stands for.
        var copies = 1
        /// Weighted parameter tensors drawn on this item as badges (``ParameterBadges``).
        var badges: [NodeID] = []
    }

    /// One picture edge (parallel graph edges between the same picture nodes are merged).
    struct DrawnEdge {
        let from: Int
        let to: Int
        /// Channel slices, for partial edges between drawn nodes (not for collapsed blocks).
        var label: String?
        /// The gradient does not come back along this edge.
        let stopsGradient: Bool
    }

    let graph: Graph
    let report: AnalysisReport
    let tree: BlockTree
    let folding: RepeatFolding
    let options: PictureOptions
    let labels: PictureLabels
    private(set) var items: [Item] = []
    private(set) var edges: [DrawnEdge] = []
    /// The picture node of each graph node.
    private(set) var itemOfNode: [Int]
    /// Blocks drawn as clusters, parents before children.
    private(set) var clusters: [Int] = []
    /// For every block: true when drawn as a cluster.
    private(set) var isCluster: [Bool]
    /// Aggregated figures of every block drawn as a cluster (copies included).
    private(set) var clusterFigures: [Int: ItemFigures] = [:]

    init(_ report: AnalysisReport, options: PictureOptions) {
        let graph = report.graph
        self.graph = graph
        self.report = report
        self.options = options
        tree = BlockTree(graph)
        labels = PictureLabels(graph)
        folding = options.foldsRepeats ? RepeatFolding(graph, tree: tree) : RepeatFolding(identityFor: graph, tree: tree)
        itemOfNode = Array(repeating: -1, count: graph.nodes.count)
        isCluster = Array(repeating: false, count: tree.blocks.count)
        placeNodes()
        let context = FigureContext(report)
        for node in graph.nodes { items[itemOfNode[node.id.index]].figures.add(node, context: context) }
        connect()
        chooseClusters(context)
    }

    /// The block collapsed into one node that `node` falls in, if any: its ancestor at the
    /// collapse depth, or — inside blocks the options expand — the first ancestor below them
    /// that is not expanded.
    private func collapsedBlock(of node: NodeID) -> Int? {
        guard var depth = options.collapseDepth else { return nil }
        let block = tree.blockOfNode[node.index]
        while let ancestor = tree.ancestor(of: block, atDepth: depth) {
            guard options.expandedBlocks.contains(tree.blocks[ancestor].path) else { return ancestor }
            depth += 1
        }
        return nil
    }

    /// True when `block` is drawn as one node or lies inside one: some block on its chain
    /// from the collapse depth down to itself is not expanded.
    private func isCollapsed(_ block: BlockTree.Block) -> Bool {
        guard let depth = options.collapseDepth, block.depth >= depth else { return false }
        var current: BlockTree.Block? = block
        while let info = current, info.depth >= depth {
            if !options.expandedBlocks.contains(info.path) { return true }
            current = info.parent.map { tree.blocks[$0] }
        }
        return false
    }

    private mutating func placeNodes() {
        var usedIDs = Set(graph.nodes.map(\.name))
        var blockItems: [Int: Int] = [:]
        let parameters = ParameterBadges(graph)
        for node in graph.nodes where folding.representative[node.id.index] == node.id && parameters.target[node.id.index] == nil {
            if let block = collapsedBlock(of: node.id) {
                if let existing = blockItems[block] {
                    itemOfNode[node.id.index] = existing
                    continue
                }
                var id = "block:" + tree.blocks[block].path
                while usedIDs.contains(id) { id += "'" }
                usedIDs.insert(id)
                blockItems[block] = items.count
                itemOfNode[node.id.index] = items.count
                let home = tree.blocks[block].parent ?? 0
                items.append(Item(kind: .block, id: id, nodes: [], block: block, home: home, copies: folding.multiplicity[block]))
                continue
            }
            if let chain = chainItem(extending: node) {
                items[chain].nodes.append(node.id)
                itemOfNode[node.id.index] = chain
                continue
            }
            itemOfNode[node.id.index] = items.count
            items.append(Item(kind: Self.style(of: node), id: node.name, nodes: [node.id], block: nil, home: tree.blockOfNode[node.id.index]))
        }
        for node in graph.nodes where folding.representative[node.id.index] != node.id && parameters.target[node.id.index] == nil {
            let item = itemOfNode[folding.representative[node.id.index].index]
            itemOfNode[node.id.index] = item
            if items[item].kind != .block { items[item].copies += 1 }
        }
        for node in graph.nodes {
            guard let target = parameters.target[node.id.index] else { continue }
            let item = itemOfNode[target.index]
            itemOfNode[node.id.index] = item
            let isCopy = folding.representative[node.id.index] != node.id
            if (node.op.isWeighted || node.op.kind == .learned), !isCopy, items[item].kind != .block { items[item].badges.append(node.id) }
        }
    }

    /// The pass-through item `node` continues: its single input is a pass-through read by
    /// nothing else, in the same block, carried whole and without a stop-gradient.
    private func chainItem(extending node: Node) -> Int? {
        guard Self.style(of: node) == .passThrough, node.inputs.count == 1, let edge = node.inputs.first, !edge.stopsGradient else { return nil }
        let source = graph[edge.source]
        guard Self.style(of: source) == .passThrough, graph.consumers(of: source.id).count == 1,
              edge.sourceRange == ChannelRange(0, source.channels),
              tree.blockOfNode[source.id.index] == tree.blockOfNode[node.id.index] else { return nil }
        let item = itemOfNode[source.id.index]
        return item >= 0 && items[item].kind == .passThrough ? item : nil
    }

    /// The op's picture style, except that a concat of one input (Darknet's single-layer
    /// `[route]`) passes its input through.
    static func style(of node: Node) -> Kind {
        let style = node.op.kind.pictureStyle
        return style == .concat && node.inputs.count == 1 ? .passThrough : style
    }

    private mutating func connect() {
        var index: [EdgeKey: Int] = [:]
        var labels: [[String]] = []
        for node in graph.nodes {
            for edge in node.inputs where !folding.crossesCopies(edge.source, node.id) {
                let from = itemOfNode[edge.source.index]
                let to = itemOfNode[node.id.index]
                guard from != to else { continue }
                let key = EdgeKey(from: from, to: to, stops: edge.stopsGradient || node.op.routing == .stop)
                let label = Self.sliceLabel(edge, source: graph[edge.source], destination: node)
                let detailed = items[from].kind != .block && items[to].kind != .block
                if let existing = index[key] {
                    if detailed, let label, !labels[existing].contains(label) { labels[existing].append(label) }
                    continue
                }
                index[key] = edges.count
                edges.append(DrawnEdge(from: from, to: to, label: nil, stopsGradient: key.stops))
                labels.append(detailed ? label.map { [$0] } ?? [] : [])
            }
        }
        for (position, texts) in labels.enumerated() where !texts.isEmpty {
            edges[position].label = texts.joined(separator: ", ")
        }
    }

    private struct EdgeKey: Hashable {
        let from: Int
        let to: Int
        let stops: Bool
    }

    /// `[0:16]` when only part of the source travels; `→[16:32]` where a partial add places it.
    static func sliceLabel(_ edge: Edge, source: Node, destination: Node) -> String? {
        var text = edge.sourceRange == ChannelRange(0, source.channels) ? "" : edge.sourceRange.description
        if destination.op.definition.channels == .placed, let offset = edge.destinationOffset, offset != 0 || edge.width != destination.channels {
            text += "→" + ChannelRange(offset, offset + edge.width).description
        }
        return text.isEmpty ? nil : text
    }

    /// Blocks holding at least two picture nodes become clusters; items move to the nearest
    /// cluster around them.
    private mutating func chooseClusters(_ context: FigureContext) {
        var counts = [Int](repeating: 0, count: tree.blocks.count)
        for item in items { counts[item.home] += 1 }
        for block in tree.blocks.indices.reversed() {
            if let parent = tree.blocks[block].parent { counts[parent] += counts[block] }
        }
        for (block, info) in tree.blocks.enumerated() where block != 0 {
            guard !folding.isHidden[block], !isCollapsed(info), counts[block] >= 2 else { continue }
            isCluster[block] = true
            clusters.append(block)
        }
        for position in items.indices {
            var home = items[position].home
            while home != 0, !isCluster[home] { home = tree.blocks[home].parent ?? 0 }
            items[position].home = home
        }
        for node in graph.nodes {
            var block = items[itemOfNode[node.id.index]].home
            while block != 0 {
                clusterFigures[block, default: ItemFigures()].add(node, context: context)
                block = tree.blocks[block].parent ?? 0
            }
        }
    }
}
