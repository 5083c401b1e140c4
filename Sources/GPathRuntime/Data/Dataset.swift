/// Labelled images a training run draws batches from.
///
/// Samples are addressed by index and must be deterministic: the same index always yields the
/// same pixels and label, so a seed fixes the whole run.
public protocol Dataset: Sendable {
    /// `synthetic:shapes`, `mnist`, `cifar10`…
    var name: String { get }
    /// Channels, height and width of one sample (batch 1).
    var sampleShape: TensorShape { get }
    /// Labels lie in `0..<classes`.
    var classes: Int { get }
    /// Number of samples.
    var count: Int { get }
    /// Writes sample `index`'s pixels (C·H·W floats, NCHW) to `pixels` and returns its label.
    func sample(_ index: Int, into pixels: UnsafeMutableBufferPointer<Float>) -> Int
}

extension Dataset {
    /// The samples at `indices` as one NCHW batch with their labels.
    public func batch(_ indices: [Int]) -> (images: Tensor, labels: [Int]) {
        let shape = sampleShape
        var images = Tensor(zeros: TensorShape(batch: indices.count, channels: shape.channels, height: shape.height, width: shape.width))
        var labels: [Int] = []
        labels.reserveCapacity(indices.count)
        let size = shape.sampleSize
        images.storage.withUnsafeMutableBufferPointer { all in
            for (n, index) in indices.enumerated() {
                let slot = UnsafeMutableBufferPointer(rebasing: all[(n * size)..<((n + 1) * size)])
                labels.append(sample(index, into: slot))
            }
        }
        return (images, labels)
    }
}

/// A training set and the held-out set it is evaluated on.
public struct DataSplit: Sendable {
    public var training: any Dataset
    public var evaluation: any Dataset

    public init(training: any Dataset, evaluation: any Dataset) {
        self.training = training
        self.evaluation = evaluation
    }
}

/// Why data could not be loaded: a missing file, or bytes that are not what the format says.
public struct DatasetError: Error, Equatable, CustomStringConvertible {
    /// `E505`, the runtime's data error code.
    public let code = "E505"
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
