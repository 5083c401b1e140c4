/// Decodes the IDX files of MNIST and Fashion-MNIST (yann.lecun.com/exdb/mnist): a 4-byte
/// magic `00 00 08 D` (unsigned bytes, D dimensions), D big-endian 32-bit sizes, then the data.
/// Images are `D = 3` (count, rows, columns), labels `D = 1` (count).
public enum IDXDecoder {
    /// The images and labels of one split as a dataset with 10 classes.
    public static func dataset(name: String, images: [UInt8], labels: [UInt8], imagesFile: String, labelsFile: String, normalization: ImageDataset.Normalization? = nil) throws -> ImageDataset {
        let (imageSizes, pixels) = try decode(images, file: imagesFile, dimensions: 3)
        let (labelSizes, labelBytes) = try decode(labels, file: labelsFile, dimensions: 1)
        guard imageSizes[0] == labelSizes[0] else {
            throw DatasetError("`\(imagesFile)` has \(imageSizes[0]) images but `\(labelsFile)` has \(labelSizes[0]) labels")
        }
        return try ImageDataset(
            name: name, pixels: pixels, labels: labelBytes,
            shape: TensorShape(batch: 1, channels: 1, height: imageSizes[1], width: imageSizes[2]), classes: 10,
            normalization: normalization)
    }

    /// The sizes and the payload of an IDX file of unsigned bytes with `dimensions` sizes.
    public static func decode(_ bytes: [UInt8], file: String, dimensions: Int) throws -> (sizes: [Int], data: [UInt8]) {
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            throw DatasetError("`\(file)` is gzip-compressed; decompress it first (gunzip \(file))")
        }
        guard bytes.count >= 4 else { throw DatasetError("`\(file)` is too short to be an IDX file (\(bytes.count) bytes)") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw DatasetError("`\(file)` is not an IDX file (it does not start with two zero bytes)")
        }
        guard bytes[2] == 0x08 else {
            throw DatasetError("`\(file)` holds IDX type 0x\(String(bytes[2], radix: 16)); only unsigned bytes (0x08) are supported")
        }
        guard Int(bytes[3]) == dimensions else {
            throw DatasetError("`\(file)` has \(bytes[3]) dimensions; expected \(dimensions) (\(dimensions == 3 ? "an image file" : "a label file"))")
        }
        let header = 4 + 4 * dimensions
        guard bytes.count >= header else { throw DatasetError("`\(file)` ends inside its header") }
        var sizes: [Int] = []
        for d in 0..<dimensions {
            let o = 4 + 4 * d
            sizes.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        let expected = sizes.reduce(1, *)
        guard bytes.count - header == expected else {
            throw DatasetError("`\(file)` should hold \(sizes.map(String.init).joined(separator: "x")) = \(expected) bytes after its header but holds \(bytes.count - header)")
        }
        return (sizes, Array(bytes[header...]))
    }
}
