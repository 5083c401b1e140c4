/// Scratch memory reused across kernels (im2col columns, reordered products), so a training
/// step allocates its large temporaries once.
///
/// Slots are independent growable buffers; a kernel asks for slot `i` with at least `count`
/// floats and may use it until it returns. Not thread-safe: one workspace per executor.
public final class Workspace {
    private var slots: [(pointer: UnsafeMutablePointer<Float>, capacity: Int)] = []

    public init() {}

    deinit {
        for slot in slots { slot.pointer.deallocate() }
        for held in named.values { held.pointer.deallocate() }
    }

    /// Scratch slot `index` holding at least `count` floats (contents unspecified).
    public func buffer(_ index: Int, count: Int) -> UnsafeMutablePointer<Float> {
        while slots.count <= index {
            slots.append((UnsafeMutablePointer<Float>.allocate(capacity: 1), 1))
        }
        if slots[index].capacity < count {
            slots[index].pointer.deallocate()
            slots[index] = (UnsafeMutablePointer<Float>.allocate(capacity: count), count)
        }
        return slots[index].pointer
    }

    /// Scratch bytes for `purpose`, at least `count` of them, 64-byte aligned (contents
    /// unspecified): kept apart from the numbered slots, for buffers one kernel fills and reads
    /// within a single call.
    public func bytes(for purpose: Purpose, count: Int) -> UnsafeMutableRawPointer {
        if let held = named[purpose], held.capacity >= count { return held.pointer }
        named[purpose]?.pointer.deallocate()
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 64)
        named[purpose] = (pointer, count)
        return pointer
    }

    /// What named scratch is for.
    public enum Purpose: Hashable, Sendable {
        /// A convolution's output, ∂Y or ∂X in a kernel's own layout, before or after a reorder.
        case convolutionOutput, convolutionOutputGradient, convolutionInputGradient
    }

    private var named: [Purpose: (pointer: UnsafeMutableRawPointer, capacity: Int)] = [:]

    /// Total floats held, for memory reports.
    public var capacity: Int { slots.reduce(0) { $0 + $1.capacity } }
}
