/// Decoded 8-bit images with labels (MNIST, Fashion-MNIST, CIFAR-10), normalised per channel
/// and optionally adapted to a network's input: grey images replicated to 3 channels, smaller
/// images zero-padded (centred) to the input size — so a 3×32×32 network trains on 28×28 MNIST.
public struct ImageDataset: Dataset {
    /// Per-channel mean and standard deviation of the stored bytes / 255.
    public struct Normalization: Sendable, Equatable {
        public var mean: [Float]
        public var deviation: [Float]
    }

    public let name: String
    public let classes: Int
    public let count: Int
    /// The shape samples are produced in (after adaptation).
    public let sampleShape: TensorShape
    /// The shape stored in `pixels`.
    public let storedShape: TensorShape
    public let normalization: Normalization
    let pixels: [UInt8]
    let labels: [UInt8]

    /// `pixels` holds `labels.count` images of `shape` (CHW, bytes); labels lie in
    /// `0..<classes`. Without `normalization`, it is measured on these images.
    public init(name: String, pixels: [UInt8], labels: [UInt8], shape: TensorShape, classes: Int, normalization: Normalization? = nil) throws {
        guard pixels.count == labels.count * shape.sampleSize else {
            throw DatasetError("\(name): \(pixels.count) pixel bytes do not make \(labels.count) images of \(shape.channels)x\(shape.height)x\(shape.width)")
        }
        if let bad = labels.first(where: { Int($0) >= classes }) {
            throw DatasetError("\(name): label \(bad) is outside the \(classes) classes")
        }
        guard !labels.isEmpty else { throw DatasetError("\(name): no images") }
        self.name = name
        self.classes = classes
        self.count = labels.count
        self.storedShape = TensorShape(batch: 1, channels: shape.channels, height: shape.height, width: shape.width)
        self.sampleShape = storedShape
        self.pixels = pixels
        self.labels = labels
        self.normalization = normalization ?? Self.measure(pixels, shape: storedShape)
    }

    private init(adapting base: ImageDataset, to shape: TensorShape) {
        name = base.name
        classes = base.classes
        count = base.count
        storedShape = base.storedShape
        sampleShape = shape
        normalization = base.normalization
        pixels = base.pixels
        labels = base.labels
    }

    /// The same images produced as `channels`×`height`×`width`: 1 → 3 channels replicates the
    /// grey channel; a larger plane zero-pads (after normalisation) around the centred image.
    public func adapted(channels: Int, height: Int, width: Int) throws -> ImageDataset {
        let s = storedShape
        guard channels == s.channels || (s.channels == 1 && channels == 3) else {
            throw DatasetError("\(name) has \(s.channels)-channel images; the network's input has \(channels) channels")
        }
        guard height >= s.height, width >= s.width else {
            throw DatasetError("\(name) images are \(s.height)x\(s.width); the network's input \(height)x\(width) is smaller (only padding is supported)")
        }
        return ImageDataset(adapting: self, to: TensorShape(batch: 1, channels: channels, height: height, width: width))
    }

    public func sample(_ index: Int, into out: UnsafeMutableBufferPointer<Float>) -> Int {
        let s = storedShape
        let t = sampleShape
        let top = (t.height - s.height) / 2
        let left = (t.width - s.width) / 2
        if t != s { out.update(repeating: 0) }
        let base = index * s.sampleSize
        for c in 0..<t.channels {
            let source = c % s.channels
            let mean = normalization.mean[source]
            let inverse = 1 / normalization.deviation[source]
            for y in 0..<s.height {
                for x in 0..<s.width {
                    let byte = Float(pixels[base + (source * s.height + y) * s.width + x])
                    out[(c * t.height + y + top) * t.width + x + left] = (byte / 255 - mean) * inverse
                }
            }
        }
        return Int(labels[index])
    }

    static func measure(_ pixels: [UInt8], shape: TensorShape) -> Normalization {
        let plane = shape.plane
        let images = pixels.count / max(1, shape.sampleSize)
        var mean: [Float] = []
        var deviation: [Float] = []
        for c in 0..<shape.channels {
            var sum = 0.0
            var squares = 0.0
            for n in 0..<images {
                let start = (n * shape.channels + c) * plane
                for i in start..<(start + plane) {
                    let v = Double(pixels[i]) / 255
                    sum += v
                    squares += v * v
                }
            }
            let m = sum / Double(images * plane)
            mean.append(Float(m))
            deviation.append(Float(max(1e-3, (squares / Double(images * plane) - m * m).squareRoot())))
        }
        return Normalization(mean: mean, deviation: deviation)
    }
}
