import CDNNL
#if canImport(Glibc)
import Glibc
#endif

/// oneDNN's CPU engine and stream, shared by every ``DNNLConvolution``, and small helpers over
/// its C API.
enum DNNL {
    /// False when `GPATH_CONVOLUTION=im2col` asks every convolution to run through im2col and
    /// OpenBLAS (``Convolution2D``), for comparison.
    static let isEnabled: Bool = getenv("GPATH_CONVOLUTION").map { String(cString: $0) != "im2col" } ?? true

    /// The CPU engine (nil if oneDNN cannot create one: convolutions then use im2col + GEMM).
    nonisolated(unsafe) static let engine: dnnl_engine_t? = {
        var engine: dnnl_engine_t?
        return dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success ? engine : nil
    }()

    /// The stream primitives run on, in order; oneDNN parallelises inside each primitive.
    nonisolated(unsafe) static let stream: dnnl_stream_t? = {
        guard let engine else { return nil }
        var stream: dnnl_stream_t?
        return dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue) == dnnl_success ? stream : nil
    }()

    /// OpenMP threads for oneDNN's kernels (the runtime's worker count).
    static func setThreads(_ count: Int) { omp_set_num_threads(Int32(max(1, count))) }

    /// A float32 memory descriptor of `dims` in layout `tag`.
    static func descriptor(_ dims: [Int64], _ tag: dnnl_format_tag_t) -> dnnl_memory_desc_t? {
        var md = dnnl_memory_desc_t()
        return dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), dims, dnnl_f32, tag) == dnnl_success ? md : nil
    }

    /// A primitive descriptor for operation descriptor `op` (the first implementation oneDNN
    /// offers, its fastest).
    static func primitiveDescriptor<Op>(_ op: inout Op, hint: dnnl_primitive_desc_t?) -> dnnl_primitive_desc_t? {
        guard let engine else { return nil }
        var pd: dnnl_primitive_desc_t?
        return dnnl_primitive_desc_create(&pd, &op, nil, engine, hint) == dnnl_success ? pd : nil
    }

    /// The descriptor of `memory`.
    static func memoryDescriptor(_ memory: dnnl_memory_t) -> dnnl_memory_desc_t? {
        var md: UnsafePointer<dnnl_memory_desc_t>?
        return dnnl_memory_get_memory_desc(memory, &md) == dnnl_success ? md?.pointee : nil
    }

    static func equal(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
        var (a, b) = (a, b)
        return dnnl_memory_desc_equal(&a, &b) != 0
    }

    /// Points plain memory `memory` at a caller's buffer.
    static func setHandle(_ memory: dnnl_memory_t, _ pointer: UnsafeRawPointer) {
        let status = dnnl_memory_set_data_handle(memory, UnsafeMutableRawPointer(mutating: pointer))
        precondition(status == dnnl_success, "oneDNN refused a buffer (status \(status.rawValue))")
    }
}
