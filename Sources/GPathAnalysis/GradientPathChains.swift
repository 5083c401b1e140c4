import GPathIR

/// Result of ``GradientPathChainPass``: one shortest and one longest gradient path for every
/// weighted layer, as chains of graph nodes from the layer (first) to a loss (last), with every
/// node the gradient crosses in between (merges, pass-throughs, mixing nodes).
///
/// Stored as two forests of steps: a step is a graph node at one channel, and all chains
/// through the same node and channel continue the same way, so they share that tail. Size:
/// one step per (node, channel) state any chain visits — at most linear in the graph for a
/// bounded number of distinct channels per node, where writing every chain out would be
/// quadratic in the depth.
public struct GradientPathChains: Sendable {
    /// One step of the forest: a graph node, and the index of the step after it (nil at a loss).
    public struct Step: Sendable, Hashable {
        public let node: NodeID
        public let next: Int?

        public init(node: NodeID, next: Int?) {
            self.node = node
            self.next = next
        }
    }

    /// Steps of the shortest paths.
    public let shortestSteps: [Step]
    /// Steps of the longest paths.
    public let longestSteps: [Step]
    /// Per layer of ``GradientPaths/layers`` (declaration order): the first step of its
    /// shortest path; nil when no gradient reaches the layer.
    public let shortestStarts: [Int?]
    /// The first step of each layer's longest path.
    public let longestStarts: [Int?]

    public init(shortestSteps: [Step], longestSteps: [Step], shortestStarts: [Int?], longestStarts: [Int?]) {
        self.shortestSteps = shortestSteps
        self.longestSteps = longestSteps
        self.shortestStarts = shortestStarts
        self.longestStarts = longestStarts
    }

    /// The shortest path of layer `index` as graph nodes; it holds exactly SGP weighted layers.
    public func shortestChain(ofLayer index: Int) -> [NodeID] {
        Self.chain(from: shortestStarts[index], in: shortestSteps)
    }

    /// The longest path of layer `index` as graph nodes; it holds exactly LGP weighted layers.
    public func longestChain(ofLayer index: Int) -> [NodeID] {
        Self.chain(from: longestStarts[index], in: longestSteps)
    }

    private static func chain(from start: Int?, in steps: [Step]) -> [NodeID] {
        var result: [NodeID] = []
        var current = start
        while let index = current, result.count <= steps.count {
            result.append(steps[index].node)
            current = steps[index].next
        }
        return result
    }
}
