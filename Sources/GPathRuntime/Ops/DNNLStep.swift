import CDNNL

/// Reorders in, one primitive, reorders out: one step of a ``DNNLConvolution``.
struct DNNLStep {
    struct Reorder {
        let primitive: dnnl_primitive_t
        let from: dnnl_memory_t
        let to: dnnl_memory_t
    }

    let before: [Reorder]
    let primitive: dnnl_primitive_t
    /// The primitive's execution arguments, built once.
    private var arguments: [dnnl_exec_arg_t]
    let after: [Reorder]

    init(before: [Reorder], primitive: dnnl_primitive_t, arguments: [(Int32, dnnl_memory_t)], after: [Reorder]) {
        self.before = before
        self.primitive = primitive
        self.arguments = arguments.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1) }
        self.after = after
    }

    func run() {
        for reorder in before { execute(reorder) }
        var args = arguments
        execute(primitive, &args)
        for reorder in after { execute(reorder) }
        let status = dnnl_stream_wait(DNNL.stream)
        precondition(status == dnnl_success, "oneDNN stream failed (status \(status.rawValue))")
    }

    private func execute(_ reorder: Reorder) {
        var args = [dnnl_exec_arg_t(arg: gpath_dnnl_arg_from(), memory: reorder.from), dnnl_exec_arg_t(arg: gpath_dnnl_arg_to(), memory: reorder.to)]
        execute(reorder.primitive, &args)
    }

    private func execute(_ primitive: dnnl_primitive_t, _ args: inout [dnnl_exec_arg_t]) {
        let status = dnnl_primitive_execute(primitive, DNNL.stream, Int32(args.count), &args)
        precondition(status == dnnl_success, "oneDNN primitive failed (status \(status.rawValue))")
    }
}
