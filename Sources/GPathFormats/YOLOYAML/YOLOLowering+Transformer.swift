import GPathDiagnostics
import GPathIR

/// Transformer layers over a feature map's positions (ultralytics `transformer.py` and
/// `block.py`): yolov5's `C3TR` (`TransformerBlock`, `TransformerLayer`) and RT-DETR's `AIFI`.
/// `nn.Linear` on tokens is a 1×1 conv with bias; `nn.MultiheadAttention` is its input
/// projection (q, k, v: one 3c×c weight and bias, drawn as three 1×1 convs), per-head scaled
/// dot-product attention and its output projection.
extension YOLOLowering {
    /// A token-wise `nn.Linear(c_in, c_out, bias)`.
    mutating func tokenLinear(_ name: String, _ inputs: [ImportedEdge], _ c2: Int, bias: Bool = true, act: Activation? = nil, at: SourceLocation) -> ImportedTensor? {
        conv(name, inputs, c2, act: act, bias: bias, normalized: false, at: at)
    }

    /// `nn.MultiheadAttention(c, heads)` with queries and keys from `qk` and values from `v`.
    mutating func multiheadAttention(_ name: String, qk: (ImportedEdge, ImportedEdge), v: ImportedEdge, c: Int, heads: Int, at: SourceLocation) -> ImportedTensor? {
        guard heads >= 1, c % heads == 0 else {
            report(.channelMismatch, "`\(name)`: \(heads) attention heads do not divide \(c) channels", at: at)
            return nil
        }
        guard let q = tokenLinear("\(name).in_proj.q", [qk.0], c, at: at),
              let k = tokenLinear("\(name).in_proj.k", [qk.1], c, at: at),
              let values = tokenLinear("\(name).in_proj.v", [v], c, at: at) else { return nil }
        let width = c / heads
        var outputs: [ImportedTensor] = []
        for head in 0..<heads {
            let range = ChannelRange(head * width, (head + 1) * width)
            guard let output = attentionHead(
                "\(name).head\(head)", q: ImportedEdge(q, range: range), k: ImportedEdge(k, range: range),
                v: ImportedEdge(values, range: range), at: at) else { return nil }
            outputs.append(output)
        }
        guard let joined = joinedHeads("\(name).heads", outputs, at: at) else { return nil }
        return tokenLinear("\(name).out_proj", [ImportedEdge(joined)], c, at: at)
    }

    /// `TransformerLayer(c, num_heads)`: x + ma(q(x), k(x), v(x)) (q, k, v bias-free linears),
    /// then x + fc2(fc1(x)) (bias-free, no activation).
    mutating func transformerLayer(_ name: String, _ x: ImportedEdge, c: Int, heads: Int, at: SourceLocation) -> ImportedTensor? {
        guard let q = tokenLinear("\(name).q", [x], c, bias: false, at: at),
              let k = tokenLinear("\(name).k", [x], c, bias: false, at: at),
              let v = tokenLinear("\(name).v", [x], c, bias: false, at: at),
              let attended = multiheadAttention("\(name).ma", qk: (ImportedEdge(q), ImportedEdge(k)), v: ImportedEdge(v), c: c, heads: heads, at: at)
        else { return nil }
        let first = residual("\(name).add1", x, attended, at: at)
        guard let fc1 = tokenLinear("\(name).fc1", [ImportedEdge(first)], c, bias: false, at: at),
              let fc2 = tokenLinear("\(name).fc2", [ImportedEdge(fc1)], c, bias: false, at: at) else { return nil }
        return residual("\(name).add2", ImportedEdge(first), fc2, at: at)
    }

    /// `C3TR(c1, c2, n, shortcut, g, e=0.5)`: C3 whose m is `TransformerBlock(c_, c_, 4, n)`:
    /// p + linear(p) (a learned position embedding), then n transformer layers.
    mutating func c3tr(_ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [ImportedEdge(x)], hidden, act: defaultActivation, at: at),
              let position = tokenLinear("\(name).m.linear", [ImportedEdge(cv1)], hidden, at: at) else { return nil }
        var current = residual("\(name).m.add", ImportedEdge(cv1), position, at: at)
        for index in 0..<n {
            guard let next = transformerLayer("\(name).m.tr.\(index)", ImportedEdge(current), c: hidden, heads: 4, at: at) else { return nil }
            current = next
        }
        return conv("\(name).cv3", [ImportedEdge(current), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
    }

    /// RT-DETR's `AIFI(c1, cm=2048, num_heads=8)`, a post-norm `TransformerEncoderLayer` over the
    /// map's positions: q = k = x + pos (a fixed 2-D sine-cosine embedding: no node), v = x;
    /// x = norm1(x + attention); x = norm2(x + fc2(GELU(fc1(x)))).
    mutating func aifi(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor) -> ImportedTensor? {
        let at = row.location
        guard let hidden = int(row, 0, 2048, "cm"), let heads = int(row, 1, 8, "num_heads") else { return nil }
        let c = x.channels
        let input = ImportedEdge(x)
        guard let attended = multiheadAttention("\(name).ma", qk: (input, input), v: input, c: c, heads: heads, at: at) else { return nil }
        let first = residual("\(name).add1", input, attended, at: at)
        guard let norm1 = node("\(name).norm1", .layerNorm, [ImportedEdge(first)], at: at),
              let fc1 = tokenLinear("\(name).fc1", [ImportedEdge(norm1)], hidden, act: .gelu, at: at),
              let fc2 = tokenLinear("\(name).fc2", [ImportedEdge(fc1)], c, at: at) else { return nil }
        let second = residual("\(name).add2", ImportedEdge(norm1), fc2, at: at)
        return node("\(name).norm2", .layerNorm, [ImportedEdge(second)], at: at)
    }
}
