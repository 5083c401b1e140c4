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
/// channel, so the chains are deterministic: the next step depends only on the node and the
/// channel (the distance is the field's value there).
///
/// The chains are built as a forest (``GradientPathChains``): a walk stops where it reaches a
/// (node, channel) state an earlier walk went through. Cost: O(states × consumers × runs),
/// states being the (node, channel) pairs the walks visit; iterative.
public struct GradientPathChainPass: Sendable {
    public init() {}

    public func run(on graph: Graph) -> GradientPathChains {
        let (paths, field) = GradientPathPass().walk(graph, recording: true)
        let shortest = Self.forest(paths, graph: graph, field: field, .shortest)
        let longest = Self.forest(paths, graph: graph, field: field, .longest)
        return GradientPathChains(
            shortestSteps: shortest.steps, longestSteps: longest.steps, shortestStarts: shortest.starts, longestStarts: longest.starts)
    }

    /// A state of a walk: a node and the channel the path holds there (-1 at a loss).
    private struct State: Hashable {
        let node: Int
        let channel: Int
    }

    private static func forest(
        _ paths: GradientPaths, graph: Graph, field: [[DistanceRun]], _ extreme: Extreme
    ) -> (steps: [GradientPathChains.Step], starts: [Int?]) {
        var nodes: [NodeID] = []
        var nexts: [Int?] = []
        var known: [State: Int] = [:]
        var starts: [Int?] = []
        for layer in paths.layers {
            let runs = field[layer.node.index]
            guard var best = runs.first else {
                starts.append(nil)
                continue
            }
            for run in runs.dropFirst() where extreme.better(extreme.value(run), than: extreme.value(best)) { best = run }
            var state = State(node: layer.node.index, channel: best.range.lower)
            var distance = extreme.value(best)
            var previous: Int?
            while true {
                if let existing = known[state] {
                    if let previous { nexts[previous] = existing } else { starts.append(existing) }
                    break
                }
                let index = nodes.count
                known[state] = index
                nodes.append(NodeID(state.node))
                nexts.append(nil)
                if let previous { nexts[previous] = index } else { starts.append(index) }
                previous = index
                // At a loss (channel -1) the path ends; a node without a matching consumer
                // cannot occur while this pass follows GradientPathPass's rules (the tests check
                // that every chain ends at a loss) and would end the chain early.
                guard state.channel >= 0,
                      let step = next(from: NodeID(state.node), channel: state.channel, distance: distance, in: graph, field: field, extreme)
                else { break }
                state = State(node: step.node.index, channel: step.channel ?? -1)
                distance = step.distance
            }
        }
        let steps = zip(nodes, nexts).map { GradientPathChains.Step(node: $0.0, next: $0.1) }
        return (steps, starts)
    }

    /// Which of the two distances a chain follows.
    enum Extreme {
        case shortest, longest

        func value(_ run: DistanceRun) -> Int { self == .shortest ? run.shortest : run.longest }
        func better(_ a: Int, than b: Int) -> Bool { self == .shortest ? a < b : a > b }
    }

    /// The consumer the gradient reaching channel `channel` of `node` at `distance` comes from;
    /// a nil channel means the consumer is the loss that starts the path.
    private static func next(
        from node: NodeID, channel: Int, distance: Int, in graph: Graph, field: [[DistanceRun]], _ extreme: Extreme
    ) -> (node: NodeID, channel: Int?, distance: Int)? {
        for consumer in graph.consumers(of: node) {
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
