import CDNNL

/// The oneDNN objects a convolution made, destroyed with it.
final class DNNLOwned {
    private var descriptors: [dnnl_primitive_desc_t] = []
    private var primitives: [dnnl_primitive_t] = []
    private var memories: [dnnl_memory_t] = []

    deinit {
        for primitive in primitives { dnnl_primitive_destroy(primitive) }
        for memory in memories { dnnl_memory_destroy(memory) }
        for descriptor in descriptors { dnnl_primitive_desc_destroy(descriptor) }
    }

    func descriptor(_ pd: dnnl_primitive_desc_t?) -> dnnl_primitive_desc_t? {
        if let pd { descriptors.append(pd) }
        return pd
    }

    func primitive(_ pd: dnnl_primitive_desc_t) -> dnnl_primitive_t? {
        var primitive: dnnl_primitive_t?
        guard dnnl_primitive_create(&primitive, pd) == dnnl_success, let primitive else { return nil }
        primitives.append(primitive)
        return primitive
    }

    /// A memory of layout `md`: allocated by oneDNN, or (not `allocate`) a handle set later.
    func memory(_ md: dnnl_memory_desc_t, allocate: Bool) -> dnnl_memory_t? {
        guard let engine = DNNL.engine else { return nil }
        var md = md
        var memory: dnnl_memory_t?
        guard dnnl_memory_create(&memory, &md, engine, allocate ? gpath_dnnl_allocate() : nil) == dnnl_success, let memory else { return nil }
        memories.append(memory)
        return memory
    }

    /// A reorder primitive copying `from` into `to`'s layout.
    func reorder(_ from: dnnl_memory_t, _ to: dnnl_memory_t) -> DNNLStep.Reorder? {
        guard let engine = DNNL.engine, var fromMD = DNNL.memoryDescriptor(from), var toMD = DNNL.memoryDescriptor(to) else { return nil }
        var pd: dnnl_primitive_desc_t?
        guard dnnl_reorder_primitive_desc_create(&pd, &fromMD, engine, &toMD, engine, nil) == dnnl_success, let pd = descriptor(pd),
              let primitive = primitive(pd) else { return nil }
        return DNNLStep.Reorder(primitive: primitive, from: from, to: to)
    }
}
