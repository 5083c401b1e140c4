/// Swin's relative-position bias as exporters write it.
///
/// Each window-attention block holds a table of (2w−1)² entries per head, one per relative
/// offset between two tokens of a w×w window, and adds `table[index]` to its attention scores.
/// `torch.onnx.export` constant-folds the gather, view, permute and unsqueeze into one
/// `[1, heads, w², w²]` initializer added to `q·kᵀ`: the file holds every (query, key) pair,
/// the network trains only the table.
extension ONNXLowering {
    /// The trainable entries behind a constant of `dims` added to `operand`, when it is a
    /// gathered relative-position bias: `[(1,) heads, w², w²]` with w ≥ 2, added to the product
    /// of two activations; nil otherwise (every value is then trainable).
    func relativePositionTable(_ dims: [Int], addedTo operand: String?) -> Int? {
        let core = Array(dims.drop { $0 == 1 })
        guard core.count == 3, core[1] == core[2], let operand, let position = producers[operand] else { return nil }
        let product = graph.node[position]
        guard product.opType == "MatMul", product.input.count == 2,
              product.input.allSatisfy({ !constantTensors.contains($0) }) else { return nil }
        let tokens = core[1]
        let side = Int(Double(tokens).squareRoot().rounded())
        guard side >= 2, side * side == tokens else { return nil }
        let offsets = 2 * side - 1
        return offsets * offsets * core[0]
    }
}
