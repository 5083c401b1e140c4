import GPathIR

/// One shortest and one longest gradient path of every layer, as the chain of graph nodes the
/// gradient crosses from the loss back to the layer — listed in forward order, from the layer to
/// the loss — so a picture can draw them.
///
/// Built on ``GradientPathPass``'s distance field: d(X, c), the fewest (most) weighted layers
/// crossed from a loss to output channel c of node X. From a layer L at a channel c with
/// d(L, c) = SGP − 1 (LGP − 1), each step goes to a consumer Y of X whose backward contribution
/// to channel c equals d(X, c), under the same routing rules as the pass (spec §2.1):
///
/// - a loss contributes 0: the chain ends there (d has reached 0);
/// - a weighted layer Y contributes 1 + the extreme of d(Y, ·) over the output group owning the
///   input channel: the chain goes on from an output channel of that group holding the extreme,
///   one step closer to the loss;
/// - an add, a concat or a pass-through contributes d(Y, p) at the matching channel p;
/// - a mixing node contributes d(Y, ·) at the same channel (exact edges) or the extreme over
///   the output group (other edges);
/// - stop-gradient edges and nodes contribute nothing.
///
/// d(X, c) is the minimum (maximum) over these contributions, so some consumer always matches,
/// and every chain holds exactly SGP (LGP) weighted layers, the layer itself included. Among
/// several matching consumers the first in consumer order is taken, and the lowest matching
/// channel, so the chains are deterministic.
///
/// Cost: O(chain length × consumers × runs) per chain; a run stops once ``stepBudget`` chain
/// nodes have been produced in total, leaving the remaining layers without chains (a deep
/// network has quadratically many chain nodes). Iterative.
public struct GradientPathChainPass: Sendable {
    /// The most chain nodes one run produces over all layers.
    public var stepBudget: Int

    public init(stepBudget: Int = 2_000_000) {
        self.stepBudget = stepBudget
    }

    public func run(on graph: Graph) -> GradientPathChains {
        let (paths, field) = GradientPathPass().walk(graph, recording: true)
        var layers: [LayerPathChains?] = []
        var spent = 0
        for layer in paths.layers {
            guard spent < stepBudget,
                  let shortest = Self.chain(from: layer.node, in: graph, field: field, .shortest, limit: stepBudget - spent),
                  let longest = Self.chain(from: layer.node, in: graph, field: field, .longest, limit: stepBudget - spent - shortest.count)
            else {
                spent = stepBudget
                layers.append(nil)
                continue
            }
            spent += shortest.count + longest.count
            layers.append(LayerPathChains(node: layer.node, shortest: shortest, longest: longest))
        }
        let computed = layers.prefix { $0 != nil }.count
        return GradientPathChains(layers: layers, computedLayers: computed)
    }

    /// Which of the two distances a chain follows.
    enum Extreme {
        case shortest, longest

        func value(_ run: DistanceRun) -> Int { self == .shortest ? run.shortest : run.longest }
        func better(_ a: Int, than b: Int) -> Bool { self == .shortest ? a < b : a > b }
    }

    /// The chain from `layer` to a loss along the `extreme` distance; empty when no gradient
    /// reaches the layer, nil when it would be longer than `limit` nodes.
    static func chain(from layer: NodeID, in graph: Graph, field: [[DistanceRun]], _ extreme: Extreme, limit: Int) -> [NodeID]? {
        let runs = field[layer.index]
        guard var best = runs.first else { return [] }
        guard limit > 0 else { return nil }
        for run in runs.dropFirst() where extreme.better(extreme.value(run), than: extreme.value(best)) { best = run }
        var current = layer
        var channel = best.range.lower
        var distance = extreme.value(best)
        var chain = [layer]
        while let step = next(from: current, channel: channel, distance: distance, in: graph, field: field, extreme) {
            guard chain.count < limit else { return nil }
            chain.append(step.node)
            guard let following = step.channel else { return chain }
            current = step.node
            channel = following
            distance = step.distance
        }
        // Unreachable while this pass follows GradientPathPass's rules (the tests check every
        // chain ends at a loss); a chain cut short is still drawn rather than failing the report.
        return chain
    }

    /// The consumer the gradient reaching channel `channel` of `node` at `distance` comes from;
    /// a nil channel means the consumer is the loss that starts the path.
    private static func next(
        from node: NodeID, channel: Int, distance: Int, in graph: Graph, field: [[DistanceRun]], _ extreme: Extreme
    ) -> (node: NodeID, channel: Int?, distance: Int)? {
        for consumer in graph.consumers[node.index] {
            let y = graph[consumer.node]
            let runs = field[y.id.index]
            for window in y.backwardWindows where window.edgeIndex == consumer.inputIndex {
                let p = channel - window.shift
                switch y.op.routing {
                case .origin:
                    if window.window.contains(p), distance == 0 { return (y.id, nil, 0) }
                case .weighted:
                    guard window.window.contains(p) else { continue }
                    let groups = max(1, y.op.groups)
                    guard let output = group(of: p, groups: groups, inputWidth: y.inputWidth, outputWidth: y.channels),
                          let found = extremeChannel(in: output, runs: runs, extreme), found.distance + 1 == distance else { continue }
                    return (y.id, found.channel, found.distance)
                case .copy, .divide, .pass:
                    guard window.window.contains(p), let value = value(at: p, runs: runs, extreme), value == distance else { continue }
                    return (y.id, p, distance)
                case .mix(let mixing):
                    let width = window.window.width
                    if mixing.exactEdges.contains(window.edgeIndex) {
                        guard ChannelRange(0, width).contains(p), let value = value(at: p, runs: runs, extreme), value == distance else { continue }
                        return (y.id, p, distance)
                    }
                    guard let output = group(of: p, groups: max(1, mixing.groups), inputWidth: width, outputWidth: y.channels),
                          let found = extremeChannel(in: output, runs: runs, extreme), found.distance == distance else { continue }
                    return (y.id, found.channel, found.distance)
                case .sink, .stop:
                    continue
                }
            }
        }
        return nil
    }

    /// The output channels of the group owning input channel `channel` (nil outside the groups).
    private static func group(of channel: Int, groups: Int, inputWidth: Int, outputWidth: Int) -> ChannelRange? {
        let inputPerGroup = inputWidth / groups
        let outputPerGroup = outputWidth / groups
        guard inputPerGroup > 0, outputPerGroup > 0, channel >= 0 else { return nil }
        let index = channel / inputPerGroup
        guard index < groups else { return nil }
        return ChannelRange(index * outputPerGroup, (index + 1) * outputPerGroup)
    }

    /// The distance at `channel` (`runs` sorted and disjoint), nil where no gradient reaches.
    private static func value(at channel: Int, runs: [DistanceRun], _ extreme: Extreme) -> Int? {
        runs.first { $0.range.contains(channel) }.map(extreme.value)
    }

    /// The extreme distance over `range` and the lowest channel holding it.
    private static func extremeChannel(in range: ChannelRange, runs: [DistanceRun], _ extreme: Extreme) -> (channel: Int, distance: Int)? {
        var found: (channel: Int, distance: Int)?
        for run in runs {
            guard let part = run.range.clamped(to: range) else { continue }
            let value = extreme.value(run)
            if let current = found, !extreme.better(value, than: current.distance) { continue }
            found = (part.lower, value)
        }
        return found
    }
}
