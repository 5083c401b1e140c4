import GPathIR

/// The block hierarchy of a picture (``PictureHierarchy``: from names, `stage2.block1.conv2`
/// lies in `stage2.block1`, which lies in `stage2`; or from structure for flat names), as a
/// tree. Built in one pass over the nodes (no recursion); blocks and their children are in
/// order of first appearance, so pictures are deterministic.
struct BlockTree {
    struct Block {
        /// Unique key: the names' common prefix (`stage2.block1`, `/model.0/conv`), or a
        /// structural block's `stage3/12-14`; empty for the root.
        let path: String
        /// Title: the last path component (`block1`), or `stage 3 · 76×76`, `12–14`.
        let name: String
        /// 0 for the root, 1 for `stage2`, 2 for `stage2.block1`.
        let depth: Int
        let parent: Int?
        /// Child blocks, in order of first appearance.
        var children: [Int] = []
        /// Nodes directly in this block (not in a child), in declaration order.
        var nodes: [NodeID] = []
        /// Nodes in this block or below, in declaration order.
        var allNodes: [NodeID] = []
    }

    /// Index 0 is the root.
    private(set) var blocks: [Block]
    /// The innermost block of each node, indexed like ``Graph/nodes``.
    let blockOfNode: [Int]

    /// True when the blocks come from structure (stages, spans), not from names.
    let isStructural: Bool
    /// True when structural stages group named rows (``PictureHierarchy/groupsRows``).
    let groupsRows: Bool

    init(_ graph: Graph) { self.init(graph, hierarchy: PictureHierarchy(graph)) }

    init(_ graph: Graph, hierarchy: PictureHierarchy) {
        var blocks = [Block(path: "", name: "", depth: 0, parent: nil)]
        var indexByPath: [String: Int] = ["": 0]
        var blockOfNode: [Int] = []
        blockOfNode.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            var current = 0
            for level in hierarchy.levels[node.id.index] {
                if let existing = indexByPath[level.path] {
                    current = existing
                    continue
                }
                let index = blocks.count
                blocks.append(Block(path: level.path, name: level.name, depth: blocks[current].depth + 1, parent: current))
                blocks[current].children.append(index)
                indexByPath[level.path] = index
                current = index
            }
            blocks[current].nodes.append(node.id)
            blockOfNode.append(current)
            var ancestor: Int? = current
            while let index = ancestor {
                blocks[index].allNodes.append(node.id)
                ancestor = blocks[index].parent
            }
        }
        self.blocks = blocks
        self.blockOfNode = blockOfNode
        isStructural = hierarchy.isStructural
        groupsRows = hierarchy.groupsRows
    }

    /// Depth of the deepest block (0 when there are none).
    var deepest: Int { blocks.map(\.depth).max() ?? 0 }

    /// True when `block` is `ancestor` or lies inside it.
    func isInside(_ block: Int, _ ancestor: Int) -> Bool {
        var current: Int? = block
        while let index = current {
            if index == ancestor { return true }
            current = blocks[index].parent
        }
        return false
    }

    /// The ancestor of `block` (or `block` itself) at `depth`, if `block` is that deep.
    func ancestor(of block: Int, atDepth depth: Int) -> Int? {
        var current = block
        guard blocks[current].depth >= depth else { return nil }
        while blocks[current].depth > depth, let parent = blocks[current].parent { current = parent }
        return current
    }
}
