import GPathRuntime
import Testing

/// Data: synthetic tasks are deterministic and balanced; the IDX and CIFAR-10 decoders read
/// tiny files generated here and reject malformed ones with clear messages.
@Suite("datasets")
struct DatasetTests {
    @Test("synthetic shapes: deterministic per (seed, index), all classes, normalised")
    func shapes() {
        let data = SyntheticShapes(seed: 3, count: 500)
        let (a, labelsA) = data.batch(Array(0..<200))
        let (b, labelsB) = data.batch(Array(0..<200))
        #expect(a == b && labelsA == labelsB)
        #expect(Set(labelsA) == Set(0..<10))
        let other = SyntheticShapes(seed: 4, count: 500).batch([0]).images
        #expect(other != data.batch([0]).images)
        let mean = a.storage.reduce(0, +) / Float(a.count)
        #expect(abs(mean) < 0.5)
        let evaluation = SyntheticShapes.split(seed: 3).evaluation.batch([0]).images
        #expect(evaluation != data.batch([0]).images)
        let grey = SyntheticShapes(seed: 3, channels: 1, height: 28, width: 20).batch([1]).images
        #expect(grey.shape == TensorShape(batch: 1, channels: 1, height: 28, width: 20))
        let textures = SyntheticTextures(seed: 1).batch(Array(0..<100))
        #expect(Set(textures.labels) == Set(0..<8))
    }

    static func idx(dimensions: [Int], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return bytes + payload
    }

    @Test("MNIST IDX: decode, normalise, pad 28x28 grey to 3x32x32")
    func mnist() throws {
        let images = Self.idx(dimensions: [3, 28, 28], payload: (0..<(3 * 784)).map { UInt8($0 % 256) })
        let labels = Self.idx(dimensions: [3], payload: [7, 0, 9])
        let data = try IDXDecoder.dataset(name: "mnist", images: images, labels: labels, imagesFile: "img", labelsFile: "lab")
        #expect(data.count == 3 && data.classes == 10)
        let (x, y) = data.batch([0, 2])
        #expect(y == [7, 9])
        #expect(x.shape == TensorShape(batch: 2, channels: 1, height: 28, width: 28))
        let mean = x.storage.reduce(0, +) / Float(x.count)
        #expect(abs(mean) < 0.1)
        let padded = try data.adapted(channels: 3, height: 32, width: 32)
        let (p, _) = padded.batch([0])
        #expect(p.shape == TensorShape(batch: 1, channels: 3, height: 32, width: 32))
        #expect(p[0, 0, 0, 0] == 0 && p[0, 2, 31, 31] == 0)
        #expect(p[0, 0, 2, 2] == x[0, 0, 0, 0] && p[0, 2, 2, 2] == x[0, 0, 0, 0])
        #expect(throws: DatasetError.self) { try data.adapted(channels: 3, height: 16, width: 16) }
    }

    @Test("malformed IDX files get clear errors", arguments: [
        ([0x1F, 0x8B, 8, 0], "gzip"),
        ([0, 0, 8], "too short"),
        ([1, 2, 8, 3, 0, 0, 0, 0], "not an IDX file"),
        ([0, 0, 0x0D, 3], "type 0xd"),
        ([0, 0, 8, 1, 0, 0, 0, 2, 5], "expected 3 (an image file)"),
        ([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3], "should hold 1x2x2 = 4 bytes"),
    ] as [([UInt8], String)])
    func malformedIDX(bytes: [UInt8], message: String) {
        do {
            _ = try IDXDecoder.dataset(name: "mnist", images: bytes, labels: Self.idx(dimensions: [1], payload: [1]), imagesFile: "img", labelsFile: "lab")
            Issue.record("accepted malformed bytes \(bytes)")
        } catch let error as DatasetError {
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("IDX image and label counts must agree; labels must be digits")
    func idxMismatch() {
        let images = Self.idx(dimensions: [2, 2, 2], payload: [UInt8](repeating: 9, count: 8))
        #expect(throws: DatasetError.self) {
            try IDXDecoder.dataset(name: "m", images: images, labels: Self.idx(dimensions: [3], payload: [1, 2, 3]), imagesFile: "i", labelsFile: "l")
        }
        #expect(throws: DatasetError.self) {
            try IDXDecoder.dataset(name: "m", images: images, labels: Self.idx(dimensions: [2], payload: [1, 12]), imagesFile: "i", labelsFile: "l")
        }
    }

    @Test("CIFAR-10 binary batches: decode records; reject partial records and CIFAR-100 labels")
    func cifar() throws {
        var file: [UInt8] = []
        for (label, value) in [(3, 10), (9, 200)] as [(UInt8, UInt8)] {
            file.append(label)
            file += [UInt8](repeating: value, count: 1024) + [UInt8](repeating: value / 2, count: 1024) + [UInt8](repeating: 0, count: 1024)
        }
        let data = try CIFAR10Decoder.dataset(name: "cifar10", files: [("data_batch_1.bin", file)])
        let (x, y) = data.batch([0, 1])
        #expect(y == [3, 9])
        #expect(x.shape == TensorShape(batch: 2, channels: 3, height: 32, width: 32))
        #expect(x[1, 0, 5, 5] > x[0, 0, 5, 5])
        do {
            _ = try CIFAR10Decoder.dataset(name: "cifar10", files: [("data_batch_1.bin", Array(file.dropLast()))])
            Issue.record("accepted a partial record")
        } catch let error as DatasetError {
            #expect(error.message.contains("not a whole number of 3073-byte"))
        }
        var hundred = file
        hundred[0] = 42
        #expect(throws: DatasetError.self) { try CIFAR10Decoder.dataset(name: "cifar10", files: [("x.bin", hundred)]) }
    }

    @Test("data sources parse", arguments: [
        ("synthetic:shapes", DataSource.syntheticShapes), ("synthetic:textures", .syntheticTextures),
        ("mnist:/data/mnist", .idx(kind: "mnist", directory: "/data/mnist")),
        ("fashion-mnist:d", .idx(kind: "fashion-mnist", directory: "d")), ("cifar10:c", .cifar10(directory: "c")),
    ])
    func sources(text: String, expected: DataSource) {
        #expect(DataSource(text) == expected)
    }

    @Test("unknown data sources are rejected", arguments: ["synthetic", "synthetic:blobs", "mnist:", "imagenet:/x", ""])
    func badSources(text: String) {
        #expect(DataSource(text) == nil)
    }
}
