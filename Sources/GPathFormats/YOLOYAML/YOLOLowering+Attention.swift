import GPathDiagnostics
import GPathIR

/// The attention modules of ultralytics' `block.py` (YOLOv10's `PSA`, YOLO11's `C2PSA`,
/// `C2fPSA`, YOLO12's `A2C2f`) as their `forward` computes them. Tokens are the feature map's
/// positions, so no reshape is needed: per head, `scores = q·kᵀ/√d` (a parameter-free product
/// whose channels are the key positions), a softmax over them, and `scores·v`. Internal names
/// are the modules' attribute names (`m.0.attn.qkv`, `m.0.ffn.0`…).
extension YOLOLowering {
    /// One node from the op's definition, with a refused shape reported at `at`.
    mutating func node(_ name: String, _ op: Op, _ inputs: [ImportedEdge], channels: Int? = nil, at: SourceLocation) -> ImportedTensor? {
        switch tensors.node(name, op, inputs, channels: channels, at: at) {
        case .success(let tensor): return tensor
        case .failure(let problem):
            report(.operandShape, "`\(name)`: \(problem.text)", at: at)
            return nil
        }
    }

    /// Scaled dot-product attention of one head: softmax over the keys of q·kᵀ/√d, times v.
    mutating func attentionHead(_ name: String, q: ImportedEdge, k: ImportedEdge, v: ImportedEdge, at: SourceLocation) -> ImportedTensor? {
        guard let scores = node("\(name).scores", .matmul(MatrixProduct(transposesSecond: true, scaled: true)), [q, k], at: at),
              let weights = node("\(name).softmax", .softmax(.channels), [ImportedEdge(scores)], at: at) else { return nil }
        return node("\(name).values", .matmul(MatrixProduct()), [ImportedEdge(weights), v], at: at)
    }

    /// Heads side by side (the `view(B, C, H, W)` after the per-head products).
    mutating func joinedHeads(_ name: String, _ heads: [ImportedTensor], at: SourceLocation) -> ImportedTensor? {
        guard heads.count > 1 else { return heads.first }
        return tensors.concat(name, heads.map { ImportedEdge($0) }, at: at)
    }

    /// `Attention(dim, num_heads, attn_ratio=0.5)`: qkv (1×1 Conv + BN) holds per head q and k
    /// (key_dim = head_dim·ratio channels each) and v (head_dim); the heads' outputs plus `pe`
    /// (a depthwise 3×3 Conv + BN on v) go through `proj` (1×1 Conv + BN).
    mutating func attention(_ name: String, _ x: ImportedEdge, dim: Int, heads: Int, ratio: Double = 0.5, at: SourceLocation) -> ImportedTensor? {
        guard heads >= 1, dim % heads == 0 else {
            report(.channelMismatch, "`\(name)`: \(heads) attention heads do not divide \(dim) channels", at: at)
            return nil
        }
        let headDim = dim / heads
        let keyDim = Int(Double(headDim) * ratio)
        let chunk = 2 * keyDim + headDim
        guard keyDim >= 1, let qkv = conv("\(name).qkv", [x], dim + 2 * keyDim * heads, act: nil, at: at) else { return nil }
        var outputs: [ImportedTensor] = []
        var values: [ImportedEdge] = []
        for head in 0..<heads {
            let base = head * chunk
            let v = ImportedEdge(qkv, range: ChannelRange(base + 2 * keyDim, base + chunk))
            guard let output = attentionHead(
                "\(name).head\(head)", q: ImportedEdge(qkv, range: ChannelRange(base, base + keyDim)),
                k: ImportedEdge(qkv, range: ChannelRange(base + keyDim, base + 2 * keyDim)), v: v, at: at) else { return nil }
            outputs.append(output)
            values.append(v)
        }
        guard let joined = joinedHeads("\(name).heads", outputs, at: at),
              let pe = conv("\(name).pe", values, dim, k: 3, g: dim, act: nil, at: at) else { return nil }
        let sum = tensors.add("\(name).add", [ImportedEdge(joined, destinationOffset: 0), ImportedEdge(pe, destinationOffset: 0)], channels: dim, at: at)
        return conv("\(name).proj", [ImportedEdge(sum)], dim, act: nil, at: at)
    }

    /// `x + f(x)` (a residual add of equal widths).
    mutating func residual(_ name: String, _ x: ImportedEdge, _ f: ImportedTensor, at: SourceLocation) -> ImportedTensor {
        var shortcut = x
        shortcut.destinationOffset = 0
        return tensors.add(name, [shortcut, ImportedEdge(f, destinationOffset: 0)], channels: f.channels, at: at)
    }

    /// `PSABlock(c, attn_ratio=0.5, num_heads)`: x + attn(x), then x + ffn(x) with ffn a 1×1
    /// Conv to 2c and a 1×1 Conv back without activation.
    mutating func psaBlock(_ name: String, _ x: ImportedEdge, _ c: Int, heads: Int, at: SourceLocation) -> ImportedTensor? {
        guard let attended = attention("\(name).attn", x, dim: c, heads: heads, at: at) else { return nil }
        let first = residual("\(name).add1", x, attended, at: at)
        guard let hidden = conv("\(name).ffn.0", [ImportedEdge(first)], 2 * c, act: defaultActivation, at: at),
              let back = conv("\(name).ffn.1", [ImportedEdge(hidden)], c, act: nil, at: at) else { return nil }
        return residual("\(name).add2", ImportedEdge(first), back, at: at)
    }

    /// `C2PSA(c1, c2, n, e=0.5)` and YOLOv10's `PSA(c1, c2, e=0.5)` (one block named `attn` /
    /// `ffn` on the module itself): cv1 to 2c split into a and b; b through n PSA blocks with
    /// max(c / 64, 1) heads; cv2 over cat(a, b) back to c1.
    mutating func c2psa(_ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, e: Double, single: Bool, at: SourceLocation) -> ImportedTensor? {
        guard x.channels == c2 else {
            report(.channelMismatch, "`\(single ? "PSA" : "C2PSA")` keeps its width: input \(x.channels) channels, c2 \(c2)", at: at)
            return nil
        }
        let c = Int(Double(c2) * e)
        guard c >= 1, let cv1 = conv("\(name).cv1", [ImportedEdge(x)], 2 * c, act: defaultActivation, at: at) else { return nil }
        var b = ImportedEdge(cv1, range: ChannelRange(c, 2 * c))
        for index in 0..<(single ? 1 : n) {
            guard let next = psaBlock(single ? name : "\(name).m.\(index)", b, c, heads: max(c / 64, 1), at: at) else { return nil }
            b = ImportedEdge(next)
        }
        return conv("\(name).cv2", [ImportedEdge(cv1, range: ChannelRange(0, c)), b], c2, act: defaultActivation, at: at)
    }
}
