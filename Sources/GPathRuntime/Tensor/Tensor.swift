/// A dense float32 tensor in NCHW layout with value semantics (copy-on-write storage).
///
/// Kernels read and write ``storage`` through `withUnsafe…BufferPointer`; the layout is
/// described by ``TensorShape``.
public struct Tensor: Sendable, Equatable {
    public private(set) var shape: TensorShape
    /// The elements, `shape.count` of them, in NCHW order.
    public var storage: [Float]

    /// A tensor of zeros.
    public init(zeros shape: TensorShape) {
        self.shape = shape
        self.storage = [Float](repeating: 0, count: shape.count)
    }

    /// A tensor whose elements `fill` writes, every one of them, through a pointer (no zeroing
    /// pass first).
    public init(shape: TensorShape, fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
        self.shape = shape
        self.storage = [Float](unsafeUninitializedCapacity: shape.count) { buffer, count in
            fill(buffer)
            count = shape.count
        }
    }

    /// A tensor with the given elements; `storage.count` must equal `shape.count`.
    public init(shape: TensorShape, storage: [Float]) {
        precondition(storage.count == shape.count, "tensor storage does not match its shape")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor filled with `value`.
    public init(repeating value: Float, shape: TensorShape) {
        self.shape = shape
        self.storage = [Float](repeating: value, count: shape.count)
    }

    /// Number of elements.
    public var count: Int { storage.count }

    /// The element at `(n, c, y, x)`.
    public subscript(n: Int, c: Int, y: Int, x: Int) -> Float {
        get { storage[((n * shape.channels + c) * shape.height + y) * shape.width + x] }
        set { storage[((n * shape.channels + c) * shape.height + y) * shape.width + x] = newValue }
    }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: TensorShape) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }

    /// True when every element is finite (no NaN or infinity).
    public var isFinite: Bool {
        storage.withUnsafeBufferPointer { buffer in
            var ok = true
            for value in buffer where !value.isFinite {
                ok = false
                break
            }
            return ok
        }
    }

    /// Σ x², accumulated in Double.
    public var squaredNorm: Double {
        storage.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for value in buffer { sum += Double(value) * Double(value) }
            return sum
        }
    }

    /// Adds `other` element-wise; shapes must be equal.
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "adding tensors of shapes \(shape) and \(other.shape)")
        let count = storage.count
        storage.withUnsafeMutableBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                for i in 0..<count { a[i] += b[i] }
            }
        }
    }
}
