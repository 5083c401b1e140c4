import GPathIR

/// The linear-time gradient-path pass (spec §4.6, §10): for every channel of every layer, the
/// shortest and longest gradient path, without enumerating timestamps.
///
/// One walk in reverse topological order. For each tensor position p, d(p) is the fewest (most)
/// weighted layers crossed from a loss to p; loss inputs start at 0, free nodes pass d through
/// their routing rule, a layer adds 1 for the input channels its reached groups depend on.
/// SGP = d_min + 1 and LGP = d_max + 1 at a layer's output (§3). Cost O((V + E) · r), r the
/// number of distinct channel runs per tensor; iterative.
public struct GradientPathPass: Sendable {
    public init() {}

    public func run(on graph: Graph) -> GradientPaths {
        walk(graph, recording: false).paths
    }

    /// The walk behind ``run(on:)``. With `recording`, also every node's distance runs over its
    /// output channels (fewest and most weighted layers crossed from a loss to each channel,
    /// before the node's own step), which ``GradientPathChainPass`` follows back to a loss.
    func walk(_ graph: Graph, recording: Bool) -> (paths: GradientPaths, outputRuns: [[DistanceRun]]) {
        var outputRuns = [[DistanceRun]](repeating: [], count: recording ? graph.nodeCount : 0)
        var arriving = DistanceAccumulator(graph: graph)
        var layerRuns = LayerRunStore(graph: graph)
        let routings = graph.distinctOps.map(\.routing)
        let rules = graph.distinctOps.map(\.definition.channels)
        var inputMin: Int?
        var inputMax: Int?
        var runs = RunBuffer()
        for id in graph.topologicalOrder.reversed() {
            let opNumber = graph.opNumber(of: id)
            if !recording, let whole = arriving.takeWhole(id.index),
               passWhole(id, whole, routing: routings[opNumber], rule: rules[opNumber], graph, &arriving, &layerRuns) {
                continue
            }
            arriving.take(id.index, into: &runs)
            if recording { outputRuns[id.index] = Array(runs.elements) }
            switch routings[opNumber] {
            case .origin:
                runs.replace(with: CollectionOfOne(DistanceRun(range: ChannelRange(0, graph.inputWidth(of: id)), shortest: 0, longest: 0)))
            case .sink:
                for run in runs.elements {
                    inputMin = min(inputMin ?? run.shortest, run.shortest)
                    inputMax = max(inputMax ?? run.longest, run.longest)
                }
                continue
            case .weighted(let groups):
                guard !runs.isEmpty else { continue }
                layerRuns.record(id.index, runs.elements, adding: 1)
                inputSide(groups: groups, channels: graph.channels(of: id), inputWidth: graph.inputWidth(of: id), runs: &runs)
            case .stop:
                continue
            case .mix(let mixing):
                mixedSide(of: id, rule: rules[opNumber], in: graph, runs: runs.elements, mixing) { arriving.add($0.index, $1) }
                continue
            case .copy, .divide, .pass:
                break
            }
            if runs.isEmpty { continue }
            let reached = runs.elements
            graph.forEachBackwardWindow(of: id, rule: rules[opNumber]) { window in
                for run in reached {
                    guard let part = run.range.clamped(to: window.window) else { continue }
                    arriving.add(window.source.index, DistanceRun(
                        range: part.shifted(by: window.shift), shortest: run.shortest, longest: run.longest))
                }
            }
        }
        let layers = layerRuns.layers(of: graph)
        return (GradientPaths(layers: layers, inputShortest: inputMin, inputLongest: inputMax), outputRuns)
    }

    /// The usual case without building runs: every channel of node `id` reached at the same
    /// distances `whole` (from contributions covering its whole output). Handles layers with one
    /// group and nodes that pass gradient on unchanged; false, with nothing done, for the rest.
    private func passWhole(
        _ id: NodeID, _ whole: (shortest: Int, longest: Int), routing: GradientRouting, rule: OpDefinition.ChannelRule,
        _ graph: Graph, _ arriving: inout DistanceAccumulator, _ layerRuns: inout LayerRunStore
    ) -> Bool {
        var run = DistanceRun(range: ChannelRange(0, arriving.width(id.index)), shortest: whole.shortest, longest: whole.longest)
        switch routing {
        case .weighted(let groups) where groups <= 1:
            layerRuns.record(id.index, CollectionOfOne(run), adding: 1)
            run = DistanceRun(range: ChannelRange(0, graph.inputWidth(of: id)), shortest: run.shortest + 1, longest: run.longest + 1)
        case .copy, .divide, .pass:
            break
        default:
            return false
        }
        graph.forEachBackwardWindow(of: id, rule: rule) { window in
            guard let part = run.range.clamped(to: window.window) else { return }
            arriving.add(window.source.index, DistanceRun(
                range: part.shifted(by: window.shift), shortest: run.shortest, longest: run.longest))
        }
        return true
    }

    /// A mixing node's reached output runs carried to its sources at the same distance: channel
    /// to channel on exact edges, else the extremes over each group spread over the group.
    private func mixedSide(
        of id: NodeID, rule: OpDefinition.ChannelRule, in graph: Graph, runs: UnsafeBufferPointer<DistanceRun>, _ mixing: Mixing,
        _ emit: (NodeID, DistanceRun) -> Void
    ) {
        let groups = max(1, mixing.groups)
        let outputPerGroup = graph.channels(of: id) / groups
        graph.forEachBackwardWindow(of: id, rule: rule) { window in
            let width = window.window.width
            if mixing.exactEdges.contains(window.edgeIndex) {
                for run in runs {
                    guard let part = run.range.clamped(to: ChannelRange(0, width)) else { continue }
                    emit(window.source, DistanceRun(range: part.shifted(by: window.shift), shortest: run.shortest, longest: run.longest))
                }
                return
            }
            let inputPerGroup = width / groups
            guard outputPerGroup > 0, inputPerGroup > 0 else { return }
            for run in Self.groupExtremes(runs, groups: groups, outputPerGroup: outputPerGroup, inputPerGroup: inputPerGroup, adding: 0) {
                emit(window.source, DistanceRun(range: run.range.shifted(by: window.shift), shortest: run.shortest, longest: run.longest))
            }
        }
    }

    /// A layer's reached output runs turned into input-space runs one layer further away, in
    /// place.
    private func inputSide(groups: Int, channels: Int, inputWidth: Int, runs: inout RunBuffer) {
        let groups = max(1, groups)
        guard groups == 1 else {
            runs.replace(with: DistanceRun.normalize(Self.groupExtremes(
                runs.elements, groups: groups, outputPerGroup: channels / groups, inputPerGroup: inputWidth / groups, adding: 1)))
            return
        }
        // One group: every input channel depends on every reached output channel.
        guard let first = runs.elements.first else { return }
        var shortest = first.shortest
        var longest = first.longest
        for run in runs.elements.dropFirst() {
            shortest = min(shortest, run.shortest)
            longest = max(longest, run.longest)
        }
        runs.removeAll()
        if inputWidth > 0 { runs.append(DistanceRun(range: ChannelRange(0, inputWidth), shortest: shortest + 1, longest: longest + 1)) }
    }

    /// For each group of output channels some run reaches: the group's input channels, at the
    /// shortest and longest distance over its runs plus `adding`. `runs` sorted, disjoint.
    private static func groupExtremes(_ runs: UnsafeBufferPointer<DistanceRun>, groups: Int, outputPerGroup: Int, inputPerGroup: Int, adding: Int) -> [DistanceRun] {
        var result: [DistanceRun] = []
        var index = 0
        for group in 0..<groups {
            let outputRange = ChannelRange(group * outputPerGroup, (group + 1) * outputPerGroup)
            var shortest = Int.max
            var longest = Int.min
            while index < runs.count, runs[index].range.upper <= outputRange.lower { index += 1 }
            var probe = index
            while probe < runs.count, runs[probe].range.lower < outputRange.upper {
                shortest = min(shortest, runs[probe].shortest)
                longest = max(longest, runs[probe].longest)
                probe += 1
            }
            if shortest != Int.max {
                result.append(DistanceRun(
                    range: ChannelRange(group * inputPerGroup, (group + 1) * inputPerGroup),
                    shortest: shortest + adding, longest: longest + adding))
            }
        }
        return result
    }
}
