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
        var outputRuns = [[DistanceRun]](repeating: [], count: recording ? graph.nodes.count : 0)
        var incoming = [[DistanceRun]](repeating: [], count: graph.nodes.count)
        var layerRuns: [NodeID: [DistanceRun]] = [:]
        var inputMin: Int?
        var inputMax: Int?
        for id in graph.topologicalOrder.reversed() {
            let node = graph[id]
            var runs = DistanceRun.normalize(incoming[id.index])
            incoming[id.index] = []
            if recording { outputRuns[id.index] = runs }
            switch node.op.routing {
            case .origin:
                runs = [DistanceRun(range: ChannelRange(0, node.inputWidth), shortest: 0, longest: 0)]
            case .sink:
                for run in runs {
                    inputMin = min(inputMin ?? run.shortest, run.shortest)
                    inputMax = max(inputMax ?? run.longest, run.longest)
                }
                continue
            case .weighted:
                layerRuns[id] = runs
                runs = inputSide(of: node, runs: runs)
            case .stop:
                continue
            case .mix(let mixing):
                for (source, run) in mixedSide(of: node, runs: runs, mixing) {
                    incoming[source.index].append(run)
                }
                continue
            case .copy, .divide, .pass:
                break
            }
            for window in node.backwardWindows {
                for run in runs {
                    guard let part = run.range.clamped(to: window.window) else { continue }
                    incoming[window.source.index].append(DistanceRun(
                        range: part.shifted(by: window.shift), shortest: run.shortest, longest: run.longest))
                }
            }
        }
        var layers: [LayerGradientPaths] = []
        for node in graph.nodes where node.op.isWeighted {
            let runs = (layerRuns[node.id] ?? []).map {
                DistanceRun(range: $0.range, shortest: $0.shortest + 1, longest: $0.longest + 1)
            }
            layers.append(LayerGradientPaths(node: node.id, name: node.name, channels: node.channels, runs: runs))
        }
        return (GradientPaths(layers: layers, inputShortest: inputMin, inputLongest: inputMax), outputRuns)
    }

    /// A mixing node's reached output runs carried to its sources at the same distance: channel
    /// to channel on exact edges, else the extremes over each group spread over the group.
    private func mixedSide(of node: Node, runs: [DistanceRun], _ mixing: Mixing) -> [(NodeID, DistanceRun)] {
        var result: [(NodeID, DistanceRun)] = []
        let groups = max(1, mixing.groups)
        let outputPerGroup = node.channels / groups
        for window in node.backwardWindows {
            let width = window.window.width
            if mixing.exactEdges.contains(window.edgeIndex) {
                for run in runs {
                    guard let part = run.range.clamped(to: ChannelRange(0, width)) else { continue }
                    result.append((window.source, DistanceRun(range: part.shifted(by: window.shift), shortest: run.shortest, longest: run.longest)))
                }
                continue
            }
            let inputPerGroup = width / groups
            guard outputPerGroup > 0, inputPerGroup > 0 else { continue }
            for run in Self.groupExtremes(runs, groups: groups, outputPerGroup: outputPerGroup, inputPerGroup: inputPerGroup, adding: 0) {
                result.append((window.source, DistanceRun(range: run.range.shifted(by: window.shift), shortest: run.shortest, longest: run.longest)))
            }
        }
        return result
    }

    /// A layer's reached output runs turned into input-space runs one layer further away.
    private func inputSide(of node: Node, runs: [DistanceRun]) -> [DistanceRun] {
        let groups = max(1, node.op.groups)
        return DistanceRun.normalize(Self.groupExtremes(
            runs, groups: groups, outputPerGroup: node.channels / groups, inputPerGroup: node.inputWidth / groups, adding: 1))
    }

    /// For each group of output channels some run reaches: the group's input channels, at the
    /// shortest and longest distance over its runs plus `adding`. `runs` sorted, disjoint.
    private static func groupExtremes(_ runs: [DistanceRun], groups: Int, outputPerGroup: Int, inputPerGroup: Int, adding: Int) -> [DistanceRun] {
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
