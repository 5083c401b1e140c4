import GPathDiagnostics
import GPathIR

/// The classification head of yolov5/ultralytics `-cls` models.
extension YOLOLowering {
    /// `Classify(c2, k=1, s=1, p=None, g=1)` (c1 from `from`; several rows are concatenated):
    /// `conv` Conv k×k/s to 1280 channels (EfficientNet-B0's width) with BN and the default
    /// activation, `pool` global average pool, `drop` dropout, `linear` Linear(1280, c2) with
    /// bias. c2 is the class count and is *not* width-scaled (`parse_model` exempts Classify).
    /// The logits feed one cross-entropy loss `<row>.loss`, the graph's objective.
    mutating func classify(_ row: YOLOModel.Row, _ sources: [ImportedTensor]) {
        let at = row.location
        let name = String(row.index)
        guard let classes = int(row, 0, nil, "c2"), let k = int(row, 1, 1, "k"), let s = int(row, 2, 1, "s"),
              let p = int(row, 3, -1, "p"), let g = int(row, 4, 1, "g") else { return }
        guard classes >= 1 else {
            report(.invalidValue, "`Classify` needs at least one class, not \(classes)", at: at)
            return
        }
        let hidden = 1280
        guard let conv = conv("\(name).conv", sources.map { ImportedEdge($0) }, hidden, k: k, s: s, p: p < 0 ? nil : p, g: g, act: defaultActivation, at: at) else { return }
        let pooled = tensors.passThrough("\(name).pool", .globalAveragePool, ImportedEdge(conv), at: at)
        let dropped = tensors.passThrough("\(name).drop", .dropout, ImportedEdge(pooled), at: at)
        let logits = tensors.linear("\(name).linear", dropped, outputs: classes, Linear(bias: true), at: at)
        tensors.loss("\(name).loss", .crossEntropy, [ImportedEdge(logits)], at: at)
    }
}
