import GPathIR

extension OpKernel {
    /// Identity forward; backward sends nothing.
    static let stopGradient = OpKernel(
        kind: .stopGradient, compile: { _ in .kernel(IdentityKernel(passesGradient: false)) }, gradientCheck: .blocked)
}
