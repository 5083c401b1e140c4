/// Decodes CIFAR-10's binary batches (cs.toronto.edu/~kriz/cifar.html): records of 3,073
/// bytes — one label byte (0–9), then 1,024 red, 1,024 green and 1,024 blue bytes of a 32×32
/// image in row-major order.
public enum CIFAR10Decoder {
    public static let recordSize = 3_073
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    /// The records of several batch files (in order) as one dataset.
    public static func dataset(name: String, files: [(name: String, bytes: [UInt8])], normalization: ImageDataset.Normalization? = nil) throws -> ImageDataset {
        var pixels: [UInt8] = []
        var labels: [UInt8] = []
        for file in files {
            guard !file.bytes.isEmpty, file.bytes.count % recordSize == 0 else {
                throw DatasetError("`\(file.name)` is \(file.bytes.count) bytes, not a whole number of \(recordSize)-byte CIFAR-10 records")
            }
            pixels.reserveCapacity(pixels.count + file.bytes.count)
            for start in stride(from: 0, to: file.bytes.count, by: recordSize) {
                let label = file.bytes[start]
                guard label < 10 else {
                    throw DatasetError("`\(file.name)` record \(start / recordSize) has label \(label); CIFAR-10 labels are 0-9 (is this CIFAR-100?)")
                }
                labels.append(label)
                pixels.append(contentsOf: file.bytes[(start + 1)..<(start + recordSize)])
            }
        }
        return try ImageDataset(
            name: name, pixels: pixels, labels: labels, shape: TensorShape(batch: 1, channels: 3, height: 32, width: 32),
            classes: 10, normalization: normalization)
    }
}
