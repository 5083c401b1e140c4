import GPathIR

extension Node {
    /// One incoming edge seen backwards: the channels `window` of this node's routing space
    /// (output for merges and pass-throughs, input for layers and losses) that the edge owns,
    /// and the shift mapping them onto the source's channels.
    struct BackwardWindow {
        let edgeIndex: Int
        let source: NodeID
        let window: ChannelRange
        /// Source channel = routing-space channel + shift.
        let shift: Int
    }

    /// The windows of every edge that lets gradient through (stop-gradient edges excluded;
    /// a stop-gradient node has none).
    var backwardWindows: [BackwardWindow] {
        if op.routing == .stop { return [] }
        let offsets = inputOffsets
        return inputs.enumerated().compactMap { index, edge in
            guard !edge.stopsGradient else { return nil }
            let window = ChannelRange(offsets[index], offsets[index] + edge.width)
            return BackwardWindow(
                edgeIndex: index, source: edge.source, window: window,
                shift: edge.sourceRange.lower - offsets[index])
        }
    }

    /// For a mixing node: per edge that lets gradient through, the source channels that the
    /// output channels `set` depend on (``Mixing``), and whether the edge is channel to channel
    /// (then source channel = output channel + the window's shift).
    func mixedDependence(of set: ChannelSet, _ mixing: Mixing) -> [(window: BackwardWindow, channels: ChannelSet, exact: Bool)] {
        backwardWindows.compactMap { window in
            let width = window.window.width
            if mixing.exactEdges.contains(window.edgeIndex) {
                let part = set.intersection(ChannelRange(0, width))
                return part.isEmpty ? nil : (window, part.shifted(by: window.shift), true)
            }
            let groups = max(1, mixing.groups)
            let outputPerGroup = channels / groups
            let inputPerGroup = width / groups
            guard outputPerGroup > 0, inputPerGroup > 0 else { return nil }
            var ranges: [ChannelRange] = []
            for run in set.runs {
                let first = run.lower / outputPerGroup
                let last = (run.upper - 1) / outputPerGroup
                ranges.append(ChannelRange(first * inputPerGroup, (last + 1) * inputPerGroup))
            }
            let dependence = ChannelSet(ranges)
            return dependence.isEmpty ? nil : (window, dependence.shifted(by: window.shift), false)
        }
    }

    /// For a weighted layer: the input channels the output channels `set` depend on — every
    /// input channel of each group that owns one of them (spec §2.1).
    func inputDependence(of set: ChannelSet) -> ChannelSet {
        let groups = max(1, op.groups)
        let outputPerGroup = channels / groups
        let inputPerGroup = inputWidth / groups
        guard outputPerGroup > 0 else { return ChannelSet() }
        var ranges: [ChannelRange] = []
        for run in set.runs {
            let first = run.lower / outputPerGroup
            let last = (run.upper - 1) / outputPerGroup
            ranges.append(ChannelRange(first * inputPerGroup, (last + 1) * inputPerGroup))
        }
        return ChannelSet(ranges)
    }
}
