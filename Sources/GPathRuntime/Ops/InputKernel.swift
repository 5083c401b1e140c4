import GPathIR

extension OpKernel {
    /// A network input: the executor hands it the batch's k-th tensor; gradient ends here.
    static let input = OpKernel(kind: .input, compile: { .input($0.inputIndex) }, gradientCheck: .none)
}
