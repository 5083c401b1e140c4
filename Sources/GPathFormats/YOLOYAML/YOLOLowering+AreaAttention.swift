import GPathDiagnostics
import GPathIR

/// YOLO12's area attention (ultralytics `AAttn`, `ABlock`, `A2C2f`). With `area` > 1 the
/// H·W positions are cut into `area` consecutive runs (row-major) and attention runs within
/// each: per run, a token slice of q, k and v, the head's products, and a token concat of the
/// runs back into H·W positions, reshaped to H×W.
extension YOLOLowering {
    /// `AAttn(dim, num_heads, area)`: qkv (1×1 Conv + BN, 3·dim) holds per head q, k and v
    /// (head_dim each, in that order); the heads' outputs plus `pe` (a depthwise 7×7 Conv + BN on
    /// v) go through `proj` (1×1 Conv + BN).
    mutating func areaAttention(_ name: String, _ x: ImportedEdge, dim: Int, heads: Int, area: Int, at: SourceLocation) -> ImportedTensor? {
        let positions = x.tensor.spatial.area
        guard heads >= 1, dim % heads == 0 else {
            report(.channelMismatch, "`\(name)`: \(heads) attention heads do not divide \(dim) channels", at: at)
            return nil
        }
        guard area >= 1, positions % area == 0 else {
            report(.channelMismatch, "`\(name)`: area \(area) does not divide the \(x.tensor.spatial) map's \(positions) positions", at: at)
            return nil
        }
        let headDim = dim / heads
        guard let qkv = conv("\(name).qkv", [x], 3 * dim, act: nil, at: at) else { return nil }
        var outputs: [ImportedTensor] = []
        var values: [ImportedEdge] = []
        for head in 0..<heads {
            let base = 3 * head * headDim
            let q = ImportedEdge(qkv, range: ChannelRange(base, base + headDim))
            let k = ImportedEdge(qkv, range: ChannelRange(base + headDim, base + 2 * headDim))
            let v = ImportedEdge(qkv, range: ChannelRange(base + 2 * headDim, base + 3 * headDim))
            values.append(v)
            guard let output = area == 1
                ? attentionHead("\(name).head\(head)", q: q, k: k, v: v, at: at)
                : areaHead("\(name).head\(head)", q: q, k: k, v: v, area: area, at: at) else { return nil }
            outputs.append(output)
        }
        guard let joined = joinedHeads("\(name).heads", outputs, at: at),
              let pe = conv("\(name).pe", values, dim, k: 7, p: 3, g: dim, act: nil, at: at) else { return nil }
        let sum = tensors.add("\(name).add", [ImportedEdge(joined, destinationOffset: 0), ImportedEdge(pe, destinationOffset: 0)], channels: dim, at: at)
        return conv("\(name).proj", [ImportedEdge(sum)], dim, act: nil, at: at)
    }

    /// One head's attention within each of `area` runs of positions, joined back into the map.
    private mutating func areaHead(_ name: String, q: ImportedEdge, k: ImportedEdge, v: ImportedEdge, area: Int, at: SourceLocation) -> ImportedTensor? {
        let map = q.tensor.spatial
        let run = map.area / area
        var parts: [ImportedEdge] = []
        for index in 0..<area {
            let tokens = Op.tokenSlice(lower: index * run, upper: (index + 1) * run)
            guard let qa = node("\(name).area\(index).q", tokens, [q], at: at),
                  let ka = node("\(name).area\(index).k", tokens, [k], at: at),
                  let va = node("\(name).area\(index).v", tokens, [v], at: at),
                  let output = attentionHead("\(name).area\(index)", q: ImportedEdge(qa), k: ImportedEdge(ka), v: ImportedEdge(va), at: at)
            else { return nil }
            parts.append(ImportedEdge(output))
        }
        guard let joined = node("\(name).areas", .tokenConcat, parts, at: at) else { return nil }
        return node("\(name).map", .reshape(map), [ImportedEdge(joined)], at: at)
    }

    /// `ABlock(dim, num_heads, mlp_ratio, area)`: x + attn(x), then x + mlp(x) with mlp a 1×1
    /// Conv to dim·mlp_ratio and a 1×1 Conv back without activation.
    mutating func aBlock(_ name: String, _ x: ImportedEdge, dim: Int, heads: Int, mlpRatio: Double, area: Int, at: SourceLocation) -> ImportedTensor? {
        guard let attended = areaAttention("\(name).attn", x, dim: dim, heads: heads, area: area, at: at) else { return nil }
        let first = residual("\(name).add1", x, attended, at: at)
        guard let hidden = conv("\(name).mlp.0", [ImportedEdge(first)], Int(Double(dim) * mlpRatio), act: defaultActivation, at: at),
              let back = conv("\(name).mlp.1", [ImportedEdge(hidden)], dim, act: nil, at: at) else { return nil }
        return residual("\(name).add2", ImportedEdge(first), back, at: at)
    }

    /// `A2C2f(c1, c2, n, a2=True, area=1, residual=False, mlp_ratio=2.0, e=0.5, g=1,
    /// shortcut=True)`: cv1 to c_ = c2·e; n blocks each reading the last output — two ABlocks
    /// (c_ / 32 heads) when a2, else `C3k(c_, c_, 2)`; cv2 over all of them to c2; with a2 and
    /// residual, `x + gamma·y` (gamma a learned per-channel scale). `parse_model` appends
    /// residual=True, mlp_ratio=1.2 at scales l and x.
    mutating func a2c2f(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, _ c2: Int, n: Int) -> ImportedTensor? {
        legacyDetect = false
        let at = row.location
        let large = ["l", "x"].contains(model.scale ?? "")
        let a2 = bool(row, 1, true)
        guard let area = int(row, 2, 1, "area") else { return nil }
        let residualGamma = large || bool(row, 3, false)
        guard let mlpRatio = large ? 1.2 : ratio(row, 4, 2.0, "mlp_ratio"), let e = ratio(row, 5, 0.5, "e") else { return nil }
        let hidden = Int(Double(c2) * e)
        guard hidden >= 32, hidden % 32 == 0 || !a2 else {
            report(.invalidValue, "`A2C2f`'s hidden width \(hidden) must be a multiple of 32 (ABlock's heads are 32 wide)", at: at)
            return nil
        }
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at) else { return nil }
        var outputs = [ImportedEdge(cv1)]
        for index in 0..<n {
            guard var current = outputs.last else { return nil }
            if a2 {
                for inner in 0..<2 {
                    guard let next = aBlock("\(name).m.\(index).\(inner)", current, dim: hidden, heads: hidden / 32, mlpRatio: mlpRatio, area: max(area, 1), at: at) else { return nil }
                    current = ImportedEdge(next)
                }
            } else {
                guard let next = c3k("\(name).m.\(index)", current, hidden, n: 2, shortcut: bool(row, 8, true), at: at) else { return nil }
                current = ImportedEdge(next)
            }
            outputs.append(current)
        }
        guard let y = conv("\(name).cv2", outputs, c2, act: defaultActivation, at: at) else { return nil }
        guard a2, residualGamma else { return y }
        guard x.channels == c2 else {
            report(.channelMismatch, "`A2C2f` with residual adds its input: input \(x.channels) channels, c2 \(c2)", at: at)
            return nil
        }
        guard let gamma = node("\(name).gamma", .scale, [ImportedEdge(y)], at: at) else { return nil }
        return residual("\(name).add", ImportedEdge(x), gamma, at: at)
    }
}
