import GPathIR

/// Identity forward. `passesGradient` false makes it a stop-gradient (backward zero).
final class IdentityKernel: NodeKernel {
    let passesGradient: Bool

    init(passesGradient: Bool) { self.passesGradient = passesGradient }

    func forward(_ input: Tensor, context: KernelContext) -> Tensor { input }

    func backward(_ outputGradient: Tensor, needsInputGradient: Bool, context: KernelContext) -> Tensor? {
        passesGradient ? outputGradient : nil
    }
}

extension OpKernel {
    /// Passes its input on unchanged.
    static let identity = OpKernel(
        kind: .identity, compile: { _ in .kernel(IdentityKernel(passesGradient: true)) }, gradientCheck: .smooth)
}
