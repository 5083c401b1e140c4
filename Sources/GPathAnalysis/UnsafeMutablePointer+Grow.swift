extension UnsafeMutablePointer {
    /// A new allocation of `capacity` elements holding this one's first `count`, moved over;
    /// this allocation is freed. How the pass's raw-memory buffers grow.
    func movedToLarger(count: Int, capacity: Int) -> UnsafeMutablePointer<Pointee> {
        precondition(capacity >= count, "a buffer only grows")
        let larger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        larger.moveInitialize(from: self, count: count)
        deallocate()
        return larger
    }
}
