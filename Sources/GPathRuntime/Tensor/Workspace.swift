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

    /// Total floats held, for memory reports.
    public var capacity: Int { slots.reduce(0) { $0 + $1.capacity } }
}
