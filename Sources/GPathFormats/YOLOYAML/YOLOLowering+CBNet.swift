import GPathDiagnostics
import GPathIR

/// YOLOv9-E's composite backbone links (ultralytics `CBLinear`, `CBFuse`): an auxiliary
/// backbone's features are projected, split, resized and added into the main backbone.
extension YOLOLowering {
    /// `CBLinear(c1, c2s, k=1, s=1, p=None, g=1)`: one biased Conv2d (no norm, no activation)
    /// to Σ c2s channels, `<row>.conv`, whose output the row hands on as the split `c2s`
    /// (remembered for the `CBFuse` rows that pick pieces of it). `c2s` is not width-scaled.
    mutating func cbLinear(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor) -> ImportedTensor? {
        guard case .list(let values)? = argument(row, 0), !values.isEmpty,
              case let widths = values.compactMap(\.int), widths.count == values.count, widths.allSatisfy({ $0 >= 1 }) else {
            report(.invalidValue, "`CBLinear` needs a list of positive output widths (argument 1)", at: row.location)
            return nil
        }
        guard let k = int(row, 1, 1, "k"), let s = int(row, 2, 1, "s"), let p = int(row, 3, -1, "p"), let g = int(row, 4, 1, "g") else { return nil }
        guard let output = conv("\(name).conv", [ImportedEdge(x)], widths.reduce(0, +), k: k, s: s, p: p < 0 ? nil : p, g: g,
                                act: nil, bias: true, normalized: false, at: row.location) else { return nil }
        splits[row.index] = widths
        return output
    }

    /// `CBFuse(idx)` over `from = [cbLinear₀, …, cbLinearₖ₋₁, target]`: piece idx[i] of each
    /// CBLinear row, resized (nearest) to the target's size — an upsample by the integer
    /// ratio, nothing when equal — and all summed with the target (`<row>`, `<row>.resize<i>`).
    mutating func cbFuse(_ row: YOLOModel.Row, _ sources: [ImportedTensor]) -> ImportedTensor? {
        let at = row.location
        guard case .list(let values)? = argument(row, 0), case let picks = values.compactMap(\.int), picks.count == values.count,
              let target = sources.last, picks.count == sources.count - 1 else {
            report(.wrongArity, "`CBFuse` needs one index per CBLinear row: `from` lists \(sources.count) rows (the last is the target), `idx` \(argument(row, 0)?.description ?? "nothing")", at: at)
            return nil
        }
        var addends: [ImportedEdge] = []
        for (position, pick) in picks.enumerated() {
            let source = row.from[position] < 0 ? row.index + row.from[position] : row.from[position]
            guard let widths = splits[source], widths.indices.contains(pick) else {
                report(.invalidValue, "`CBFuse` reads row \(source), which is not a `CBLinear` with a piece \(pick)", at: at)
                return nil
            }
            let start = widths.prefix(pick).reduce(0, +)
            let piece = ImportedEdge(sources[position], range: ChannelRange(start, start + widths[pick]))
            let (from, to) = (sources[position].spatial, target.spatial)
            guard widths[pick] == target.channels, to.height % from.height == 0, to.width % from.width == 0,
                  to.height / from.height == to.width / from.width else {
                report(.channelMismatch, "`CBFuse` adds piece \(pick) of row \(source) (\(widths[pick])x\(from)) to a \(target.channels)x\(to) map; gpath needs equal channels and an integer nearest upsample", at: at)
                return nil
            }
            let scale = to.height / from.height
            if scale == 1 {
                addends.append(ImportedEdge(sources[position], range: piece.range, destinationOffset: 0))
            } else {
                let resized = tensors.passThrough("\(row.index).resize\(position)", .upsample(scale: scale), piece, at: at)
                addends.append(ImportedEdge(resized, destinationOffset: 0))
            }
        }
        addends.append(ImportedEdge(target, destinationOffset: 0))
        return tensors.add(String(row.index), addends, channels: target.channels, at: at)
    }
}
