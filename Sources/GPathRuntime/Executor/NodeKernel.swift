import GPathIR

/// Whether batch norm uses batch statistics and dropout drops (training) or not (inference).
public enum ExecutionMode: Sendable {
    case training
    case inference
}

/// What a kernel may use during one pass.
struct KernelContext {
    let mode: ExecutionMode
    let parameters: ParameterStore
    let workspace: Workspace
    /// Seeds dropout masks for this pass (mixed with the node index).
    let randomSeed: UInt64
    /// Workers for convolutions and element-wise passes.
    let parallelism: Parallelism
}

/// One node's computation, compiled for its shapes. The executor assembles the node's input
/// (its edges' channel slices side by side, or placed for an add) and hands it over; backward
/// receives ∂output and returns ∂(assembled input), or nil when nothing upstream needs it.
///
/// Kernels keep what backward needs from the last forward pass; parameters live in the
/// ``ParameterStore`` and gradients are added (`+=`) there.
protocol NodeKernel: AnyObject {
    func forward(_ input: Tensor, context: KernelContext) -> Tensor
    func backward(_ outputGradient: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor?
}

/// A node whose edges stay apart (a matrix product's two operands, token concat's inputs of
/// different maps, a learned tensor's none). The executor hands over each edge's channel
/// slice of its source as a standalone tensor, in edge order, with the batch size (which a
/// node without inputs cannot read off them); backward receives ∂output and returns one
/// gradient per edge, shaped like its operand — nil where `needsGradients[k]` is false — and
/// the executor adds each onto its edge's channels of the source.
///
/// Like ``NodeKernel``: keeps what backward needs, adds (`+=`) parameter gradients to the
/// ``ParameterStore``.
protocol OperandKernel: AnyObject {
    func forward(_ operands: [Tensor], batch: Int, context: KernelContext) -> Tensor
    func backward(_ outputGradient: Tensor, needsGradients: [Bool], context: KernelContext) -> [Tensor?]
}
