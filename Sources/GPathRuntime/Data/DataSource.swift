/// What `--data` names: a built-in synthetic task or a folder of files in a known format.
public enum DataSource: Equatable, Sendable, CustomStringConvertible {
    case syntheticShapes
    case syntheticTextures
    /// MNIST or Fashion-MNIST IDX files in a folder.
    case idx(kind: String, directory: String)
    /// CIFAR-10 binary batches in a folder.
    case cifar10(directory: String)

    /// Every spelling accepted, for help and errors.
    public static let forms = ["synthetic:shapes", "synthetic:textures", "mnist:DIR", "fashion-mnist:DIR", "cifar10:DIR"]

    /// Parses `synthetic:shapes`, `mnist:DIR`, …; nil when the text names no known source.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1] : ""
        switch (kind, argument) {
        case ("synthetic", "shapes"): self = .syntheticShapes
        case ("synthetic", "textures"): self = .syntheticTextures
        case ("mnist", _) where !argument.isEmpty, ("fashion-mnist", _) where !argument.isEmpty:
            self = .idx(kind: kind, directory: argument)
        case ("cifar10", _) where !argument.isEmpty, ("cifar-10", _) where !argument.isEmpty:
            self = .cifar10(directory: argument)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .syntheticShapes: "synthetic:shapes"
        case .syntheticTextures: "synthetic:textures"
        case .idx(let kind, let directory): "\(kind):\(directory)"
        case .cifar10(let directory): "cifar10:\(directory)"
        }
    }

    /// The files a folder source reads, as (training, evaluation) name lists; alternatives for
    /// one file are separated by `|` (the IDX files come with `-` or `.` before `idx`).
    public var files: (training: [String], evaluation: [String]) {
        switch self {
        case .syntheticShapes, .syntheticTextures:
            ([], [])
        case .idx:
            (["train-images-idx3-ubyte|train-images.idx3-ubyte", "train-labels-idx1-ubyte|train-labels.idx1-ubyte"],
             ["t10k-images-idx3-ubyte|t10k-images.idx3-ubyte", "t10k-labels-idx1-ubyte|t10k-labels.idx1-ubyte"])
        case .cifar10:
            ((1...5).map { "data_batch_\($0).bin" }, ["test_batch.bin"])
        }
    }
}
