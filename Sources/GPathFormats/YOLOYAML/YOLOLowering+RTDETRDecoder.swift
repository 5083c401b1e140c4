import GPathDiagnostics
import GPathIR

/// RT-DETR's head (ultralytics `RTDETRDecoder(nc, ch, hd=256, nq=300, ndp=4, nh=8, ndl=6,
/// d_ffn=1024)`) as it trains:
///
/// - `input_proj.<l>`: per level a 1×1 Conv2d (no bias) + BN to hd; the levels' positions are
///   joined into one token sequence, the memory.
/// - the encoder head: `enc_output` (Linear + LayerNorm), `enc_score_head` (Linear to nc) and
///   `enc_bbox_head` (a 3-layer MLP to 4), trained by `<row>.enc_loss`.
/// - the queries: the top-nq encoder tokens, *detached* (training detaches them, and the
///   reference boxes), after the denoising queries (`denoising_class_embed`, nc × hd).
/// - `ndl` decoder layers: self-attention over the queries (q = k = queries + position, v =
///   queries), add, LayerNorm; deformable cross-attention (`value_proj` on the memory,
///   `sampling_offsets` and `attention_weights` on the queries, per head a softmax over the
///   level·point weights and a sampled product with that head's values, `output_proj`), add,
///   LayerNorm; a ReLU FFN, add, LayerNorm; per layer `dec_score_head` and `dec_bbox_head`
///   trained by `<row>.dec_loss<i>`.
///
/// Approximated, and said so in warning W218: the top-k choice of queries (data-dependent: the
/// first nq tokens stand for it); the denoising queries (one per class, the table's rows, not a
/// batch's noisy labels); the sampling locations (data the IR does not hold: the sampled
/// product routes gradient as the real one does — every weight and offset channel of the
/// head, and each value channel to its own output channel); the query position head shared by
/// all layers (ultralytics applies it to each layer's refined boxes; here once, to the
/// encoder's boxes, feeding every layer, so its parameters count once).
extension YOLOLowering {
    mutating func rtdetrDecoder(_ row: YOLOModel.Row, _ sources: [ImportedTensor]) {
        let at = row.location
        let name = String(row.index)
        guard let nc = int(row, 0, 80, "nc"), let hd = int(row, 1, 256, "hd"), let nq = int(row, 2, 300, "nq"),
              let points = int(row, 3, 4, "ndp"), let heads = int(row, 4, 8, "nh"), let layers = int(row, 5, 6, "ndl"),
              let ffn = int(row, 6, 1024, "d_ffn") else { return }
        guard heads >= 1, hd % heads == 0, nq >= 1, layers >= 1 else {
            report(.invalidValue, "`RTDETRDecoder`: \(heads) heads must divide hd \(hd), with at least one query and layer", at: at)
            return
        }
        // The memory: every level projected to hd, its positions in one token column.
        var levels: [ImportedEdge] = []
        for (level, x) in sources.enumerated() {
            guard let projected = conv("\(name).input_proj.\(level)", [ImportedEdge(x)], hd, act: nil, at: at),
                  let tokens = node("\(name).input_proj.\(level).tokens", .reshape(Spatial(height: projected.spatial.area, width: 1)), [ImportedEdge(projected)], at: at)
            else { return }
            levels.append(ImportedEdge(tokens))
        }
        guard let memory = levels.count == 1 ? levels.first?.tensor : node("\(name).memory", .tokenConcat, levels, at: at) else { return }
        guard memory.spatial.area >= nq else {
            report(.invalidValue, "`RTDETRDecoder`: \(nq) queries from only \(memory.spatial.area) memory tokens", at: at)
            return
        }
        // The encoder head and its loss.
        guard let encoded = tokenLinear("\(name).enc_output.0", [ImportedEdge(memory)], hd, at: at),
              let features = node("\(name).enc_output.1", .layerNorm, [ImportedEdge(encoded)], at: at),
              let scores = tokenLinear("\(name).enc_score_head", [ImportedEdge(features)], nc, at: at),
              let boxes = mlp("\(name).enc_bbox_head", ImportedEdge(features), hidden: hd, outputs: 4, layers: 3, at: at)
        else { return }
        tensors.loss("\(name).enc_loss", .generic, [ImportedEdge(scores), ImportedEdge(boxes)], at: at)
        // The queries: denoising rows, then the (detached) top-nq encoder tokens.
        guard let chosen = node("\(name).topk", .tokenSlice(lower: 0, upper: nq), [ImportedEdge(features)], at: at) else { return }
        let detached = tensors.stopGradient("\(name).topk.detach", chosen, at: at)
        let denoising = tensors.learned("\(name).denoising_class_embed", channels: hd, spatial: Spatial(height: nc, width: 1), at: at)
        guard var queries = node("\(name).queries", .tokenConcat, [ImportedEdge(denoising), ImportedEdge(detached)], at: at) else { return }
        // Reference boxes (detached) and the query position head, applied once.
        let reference = tensors.stopGradient("\(name).refer_bbox.detach", boxes, at: at)
        guard let referenceTokens = node("\(name).refer_bbox", .tokenSlice(lower: 0, upper: nq), [ImportedEdge(reference)], at: at),
              let referenceAll = node("\(name).refer_bbox.all", .tokenConcat, [ImportedEdge(denoisingBoxes(name, nc: nc, at: at)), ImportedEdge(referenceTokens)], at: at),
              let position = mlp("\(name).query_pos_head", ImportedEdge(referenceAll), hidden: 2 * hd, outputs: hd, layers: 2, at: at)
        else { return }
        for index in 0..<layers {
            let layer = "\(name).decoder.layers.\(index)"
            guard let next = decoderLayer(layer, queries: queries, position: position, memory: memory, hd: hd, heads: heads, levels: sources.count, points: points, ffn: ffn, at: at),
                  let classes = tokenLinear("\(name).dec_score_head.\(index)", [ImportedEdge(next)], nc, at: at),
                  let box = mlp("\(name).dec_bbox_head.\(index)", ImportedEdge(next), hidden: hd, outputs: 4, layers: 3, at: at)
            else { return }
            tensors.loss("\(name).dec_loss\(index)", .generic, [ImportedEdge(classes), ImportedEdge(box)], at: at)
            queries = next
        }
        report(.approximated, "`RTDETRDecoder` is imported approximately: the top-\(nq) query choice, the denoising queries, the deformable sampling locations and the per-layer query positions", at: at,
               label: "approximated",
               notes: [
                   "parameters and the weighted layers are exact; gradient reaches every weight and offset channel of a head and each value channel",
                   "what stands for each part is listed in docs/yolo-yaml.md (RT-DETR)",
               ])
    }

    /// The denoising queries' reference boxes (noisy ground-truth boxes in ultralytics: data,
    /// so a second network input of 4 channels per denoising query).
    private mutating func denoisingBoxes(_ name: String, nc: Int, at: SourceLocation) -> ImportedTensor {
        tensors.input("\(name).dn_bbox", channels: 4, spatial: Spatial(height: nc, width: 1), at: at)
    }

    /// ultralytics `MLP(in, hidden, out, num_layers)`: Linear layers with ReLU between.
    mutating func mlp(_ name: String, _ x: ImportedEdge, hidden: Int, outputs: Int, layers: Int, at: SourceLocation) -> ImportedTensor? {
        var current = x
        for index in 0..<layers {
            let last = index == layers - 1
            guard let next = tokenLinear("\(name).layers.\(index)", [current], last ? outputs : hidden, act: last ? nil : .relu, at: at) else { return nil }
            current = ImportedEdge(next)
        }
        return current.tensor
    }

    /// One `DeformableTransformerDecoderLayer` (post-norm).
    private mutating func decoderLayer(
        _ name: String, queries: ImportedTensor, position: ImportedTensor, memory: ImportedTensor,
        hd: Int, heads: Int, levels: Int, points: Int, ffn: Int, at: SourceLocation
    ) -> ImportedTensor? {
        let withPosition = tensors.add("\(name).with_pos", [ImportedEdge(queries, destinationOffset: 0), ImportedEdge(position, destinationOffset: 0)], channels: hd, at: at)
        guard let attended = multiheadAttention("\(name).self_attn", qk: (ImportedEdge(withPosition), ImportedEdge(withPosition)), v: ImportedEdge(queries), c: hd, heads: heads, at: at),
              let norm1 = node("\(name).norm1", .layerNorm, [ImportedEdge(residual("\(name).add1", ImportedEdge(queries), attended, at: at))], at: at)
        else { return nil }
        let crossQuery = tensors.add("\(name).cross_pos", [ImportedEdge(norm1, destinationOffset: 0), ImportedEdge(position, destinationOffset: 0)], channels: hd, at: at)
        let samples = levels * points
        let width = hd / heads
        guard let value = tokenLinear("\(name).cross_attn.value_proj", [ImportedEdge(memory)], hd, at: at),
              let offsets = tokenLinear("\(name).cross_attn.sampling_offsets", [ImportedEdge(crossQuery)], heads * samples * 2, at: at),
              let weights = tokenLinear("\(name).cross_attn.attention_weights", [ImportedEdge(crossQuery)], heads * samples, at: at)
        else { return nil }
        var outputs: [ImportedTensor] = []
        for head in 0..<heads {
            let head_ = "\(name).cross_attn.head\(head)"
            guard let normalized = node("\(head_).softmax", .softmax(.channels), [ImportedEdge(weights, range: ChannelRange(head * samples, (head + 1) * samples))], at: at) else { return nil }
            let choice = tensors.concat("\(head_).sampling", [
                ImportedEdge(offsets, range: ChannelRange(head * samples * 2, (head + 1) * samples * 2)), ImportedEdge(normalized),
            ], at: at)
            guard let sampled = node("\(head_).sample", .matmul(MatrixProduct(samplesSecond: true)), [
                ImportedEdge(choice), ImportedEdge(value, range: ChannelRange(head * width, (head + 1) * width)),
            ], at: at) else { return nil }
            outputs.append(sampled)
        }
        guard let joined = joinedHeads("\(name).cross_attn.heads", outputs, at: at),
              let projected = tokenLinear("\(name).cross_attn.output_proj", [ImportedEdge(joined)], hd, at: at),
              let norm2 = node("\(name).norm2", .layerNorm, [ImportedEdge(residual("\(name).add2", ImportedEdge(norm1), projected, at: at))], at: at),
              let linear1 = tokenLinear("\(name).linear1", [ImportedEdge(norm2)], ffn, act: .relu, at: at),
              let linear2 = tokenLinear("\(name).linear2", [ImportedEdge(linear1)], hd, at: at)
        else { return nil }
        return node("\(name).norm3", .layerNorm, [ImportedEdge(residual("\(name).add3", ImportedEdge(norm2), linear2, at: at))], at: at)
    }
}
