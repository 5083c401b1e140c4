import CDNNL

/// One operand of a primitive: its execution argument, the caller's buffer it comes from or
/// goes to, and where the primitive says which layout it wants.
struct DNNLOperand {
    enum Role: Hashable { case source, weights, destination, diffDestination, diffSource, diffWeights }
    let argument: Int32
    let role: Role
    let query: dnnl_query_t
    let isInput: Bool
}

/// Builds ``DNNLStep``s in execution order (forward, ∂W, ∂X), reusing a kernel-layout copy of
/// an input an earlier step already made in the same layout.
struct DNNLStepBuilder {
    let plain: [DNNLOperand.Role: dnnl_memory_t]
    let owned: DNNLOwned
    private var copies: [(role: DNNLOperand.Role, md: dnnl_memory_desc_t, memory: dnnl_memory_t)] = []
    /// Memories in a kernel layout that live within one call: outputs before their reorder out,
    /// and ∂Y (read by both gradient steps of one backward call).
    private(set) var transients: [(memory: dnnl_memory_t, purpose: Workspace.Purpose, bytes: Int)] = []

    init(plain: [DNNLOperand.Role: dnnl_memory_t], owned: DNNLOwned) {
        self.plain = plain
        self.owned = owned
    }

    /// Roles whose kernel-layout copy lives within one call; x and W are kept from forward to
    /// backward, so they own their memory.
    static let transientPurpose: [DNNLOperand.Role: Workspace.Purpose] = [
        .destination: .convolutionOutput, .diffDestination: .convolutionOutputGradient, .diffSource: .convolutionInputGradient,
    ]

    mutating func step(_ pd: dnnl_primitive_desc_t, _ operands: [DNNLOperand]) -> DNNLStep? {
        guard let primitive = owned.primitive(pd) else { return nil }
        var before: [DNNLStep.Reorder] = [], after: [DNNLStep.Reorder] = []
        var arguments: [(Int32, dnnl_memory_t)] = []
        for operand in operands {
            guard let wanted = dnnl_primitive_desc_query_md(pd, operand.query, 0)?.pointee,
                  let user = plain[operand.role], let userMD = DNNL.memoryDescriptor(user) else { return nil }
            if DNNL.equal(wanted, userMD) {
                arguments.append((operand.argument, user))
            } else if operand.isInput, let copy = copies.first(where: { $0.role == operand.role && DNNL.equal($0.md, wanted) }) {
                arguments.append((operand.argument, copy.memory))
            } else {
                let purpose = Self.transientPurpose[operand.role]
                guard let memory = owned.memory(wanted, allocate: purpose == nil),
                      let reorder = operand.isInput ? owned.reorder(user, memory) : owned.reorder(memory, user) else { return nil }
                if let purpose {
                    var md = wanted
                    transients.append((memory, purpose, dnnl_memory_desc_get_size(&md)))
                }
                arguments.append((operand.argument, memory))
                if operand.isInput {
                    before.append(reorder)
                    copies.append((operand.role, wanted, memory))
                } else {
                    after.append(reorder)
                }
            }
        }
        return DNNLStep(before: before, primitive: primitive, arguments: arguments, after: after)
    }
}
