import GPathIR

/// The block hierarchy written into node names: `stage2.block1.conv2` lies in block
/// `stage2.block1`, which lies in `stage2`; `/` separates blocks too (`/model.0/conv/Conv`,
/// as PyTorch's ONNX export names nodes). Built in one pass over the nodes (no recursion);
/// blocks and their children are in order of first appearance, so pictures are deterministic.
struct BlockTree {
    struct Block {
        /// The names' common prefix (`stage2.block1`, `/model.0/conv`); empty for the root.
        let path: String
        /// Last path component (`block1`).
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

    init(_ graph: Graph) {
        var blocks = [Block(path: "", name: "", depth: 0, parent: nil)]
        var indexByPath: [String: Int] = ["": 0]
        var blockOfNode: [Int] = []
        blockOfNode.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            // `.` and `/` both separate blocks (ONNX exports name nodes `/model.0/conv/Conv`);
            // a block's path is the name's own prefix, so it keeps the original separators.
            let name = node.name
            var current = 0
            var componentStart = name.startIndex
            for separator in name.indices where name[separator] == "." || name[separator] == "/" {
                let component = name[componentStart..<separator]
                componentStart = name.index(after: separator)
                let path = String(name[..<separator])
                if let existing = indexByPath[path] {
                    current = existing
                    continue
                }
                let index = blocks.count
                blocks.append(Block(path: path, name: String(component), depth: blocks[current].depth + 1, parent: current))
                blocks[current].children.append(index)
                indexByPath[path] = index
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
    }

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
