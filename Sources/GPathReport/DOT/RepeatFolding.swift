import GPathIR

/// Runs of consecutive identical sibling blocks (`repeat 8 basic(64)`), to be drawn once and
/// marked `×N`. Two blocks are identical when their nodes agree in op, channels, spatial size
/// and wiring (internal edges by position in the block, external ones by slice only) — by
/// structure, not by name, so Darknet's spans fold as `.net` blocks do. The first block of a run stays; every node of a later copy is represented by the
/// node at the same position in the first.
struct RepeatFolding {
    /// For each node, the node drawn in its place (itself unless it lies in a folded copy).
    let representative: [NodeID]
    /// For each node, the (run, copy number) pairs of the runs it lies in: an edge between two
    /// different copies of one run is not drawn (it would loop back into the first copy).
    let copies: [[RunCopy]]
    /// For each block, the number of blocks it stands for (1 when not folded).
    let multiplicity: [Int]
    /// For each block, true when it is a later copy of a run (not drawn).
    let isHidden: [Bool]
    /// For each representative block, the paths of the first and last copy.
    let runEnds: [Int: (first: String, last: String)]

    struct RunCopy: Hashable {
        let run: Int
        let copy: Int
    }

    /// No folding: every node represents itself.
    init(identityFor graph: Graph, tree: BlockTree) {
        representative = graph.nodes.map(\.id)
        copies = Array(repeating: [], count: graph.nodes.count)
        multiplicity = Array(repeating: 1, count: tree.blocks.count)
        isHidden = Array(repeating: false, count: tree.blocks.count)
        runEnds = [:]
    }

    init(_ graph: Graph, tree: BlockTree) {
        var representative = graph.nodes.map(\.id)
        var copies = [[RunCopy]](repeating: [], count: graph.nodes.count)
        var multiplicity = [Int](repeating: 1, count: tree.blocks.count)
        var isHidden = [Bool](repeating: false, count: tree.blocks.count)
        var runEnds: [Int: (first: String, last: String)] = [:]
        var runCount = 0
        var position = [Int](repeating: -1, count: graph.nodes.count)
        // Parents precede children in `tree.blocks`, so one forward sweep sees a block's
        // hidden flag before its children.
        for (index, block) in tree.blocks.enumerated() {
            if isHidden[index] {
                for child in block.children { isHidden[child] = true }
                continue
            }
            let signatures = block.children.map { Self.signature(of: tree.blocks[$0], in: graph, position: &position) }
            var start = 0
            while start < block.children.count {
                var end = start + 1
                while end < block.children.count, signatures[end] == signatures[start] { end += 1 }
                if end - start > 1 {
                    let first = tree.blocks[block.children[start]]
                    for (copy, child) in block.children[start..<end].enumerated() {
                        let members = tree.blocks[child].allNodes
                        for (position, node) in members.enumerated() {
                            copies[node.index].append(RunCopy(run: runCount, copy: copy))
                            if copy > 0 { representative[node.index] = first.allNodes[position] }
                        }
                        if copy > 0 { isHidden[child] = true }
                    }
                    multiplicity[block.children[start]] = end - start
                    runEnds[block.children[start]] = (first.path, tree.blocks[block.children[end - 1]].path)
                    runCount += 1
                }
                start = end
            }
        }
        // Nested runs: a copy's node may point at a node that is itself a later inner copy.
        for index in representative.indices {
            var target = representative[index]
            while representative[target.index] != target { target = representative[target.index] }
            representative[index] = target
        }
        self.representative = representative
        self.copies = copies
        self.multiplicity = multiplicity
        self.isHidden = isHidden
        self.runEnds = runEnds
    }

    /// True when an edge between `a` and `b` joins two different copies of one run.
    func crossesCopies(_ a: NodeID, _ b: NodeID) -> Bool {
        for left in copies[a.index] {
            for right in copies[b.index] where left.run == right.run && left.copy != right.copy { return true }
        }
        return false
    }

    /// Structure of a block, independent of names: each node's op, channels and map, and
    /// its inputs by position inside the block (`^` for a source outside it) with their slices.
    private static func signature(of block: BlockTree.Block, in graph: Graph, position: inout [Int]) -> [String] {
        for (index, id) in block.allNodes.enumerated() { position[id.index] = index }
        defer { for id in block.allNodes { position[id.index] = -1 } }
        return block.allNodes.map { id in
            let node = graph[id]
            var text = "\(node.op)|\(node.channels)|\(node.spatial.map(\.description) ?? "")"
            for edge in node.inputs {
                let source = position[edge.source.index]
                text += "|\(source >= 0 ? String(source) : "^")\(edge.sourceRange)@\(edge.destinationOffset ?? -1)\(edge.stopsGradient ? "!" : "")"
            }
            return text
        }
    }
}
