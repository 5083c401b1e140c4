import Foundation
import GPathDiagnostics
import GPathRuntime

/// Turns `--data` into a training/evaluation split shaped like the network's input. The only
/// place that reads data files (the runtime decodes bytes).
enum TrainingData {
    static func load(_ text: String, seed: UInt64, input: TensorShape) throws -> DataSplit {
        guard let source = DataSource(text) else {
            throw CommandFailure.input(.usage, "unknown data source `\(text)`", helps: ["use one of \(DataSource.forms.joined(separator: ", "))"])
        }
        let (c, h, w) = (input.channels, input.height, input.width)
        do {
            switch source {
            case .syntheticShapes:
                return SyntheticShapes.split(seed: seed, channels: c, height: h, width: w)
            case .syntheticTextures:
                return SyntheticTextures.split(seed: seed, channels: c, height: h, width: w)
            case .idx(let kind, let directory):
                let names = source.files
                let train = try names.training.map { try read(directory, $0) }
                let test = try names.evaluation.map { try read(directory, $0) }
                let training = try IDXDecoder.dataset(name: kind, images: train[0].bytes, labels: train[1].bytes, imagesFile: train[0].path, labelsFile: train[1].path)
                let evaluation = try IDXDecoder.dataset(name: kind, images: test[0].bytes, labels: test[1].bytes, imagesFile: test[0].path, labelsFile: test[1].path, normalization: training.normalization)
                return DataSplit(training: try training.adapted(channels: c, height: h, width: w), evaluation: try evaluation.adapted(channels: c, height: h, width: w))
            case .cifar10(let directory):
                let names = source.files
                let folder = FileManager.default.fileExists(atPath: directory + "/cifar-10-batches-bin") ? directory + "/cifar-10-batches-bin" : directory
                let train = try names.training.map { try read(folder, $0) }
                let test = try names.evaluation.map { try read(folder, $0) }
                let training = try CIFAR10Decoder.dataset(name: "cifar10", files: train.map { ($0.path, $0.bytes) })
                let evaluation = try CIFAR10Decoder.dataset(name: "cifar10", files: test.map { ($0.path, $0.bytes) }, normalization: training.normalization)
                return DataSplit(training: try training.adapted(channels: c, height: h, width: w), evaluation: try evaluation.adapted(channels: c, height: h, width: w))
            }
        } catch let error as DatasetError {
            throw CommandFailure.coded("error[\(error.code)]: \(error.message)")
        }
    }

    /// Reads the first existing file among `alternatives` (`a|b`) in `directory`.
    private static func read(_ directory: String, _ alternatives: String) throws -> (path: String, bytes: [UInt8]) {
        let candidates = alternatives.split(separator: "|").map { directory + "/" + $0 }
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path) { return (path, [UInt8](data)) }
        }
        let gzipped = candidates.first { FileManager.default.fileExists(atPath: $0 + ".gz") }
        let hint = gzipped.map { "\n  = help: `\($0).gz` exists; decompress it (gunzip \($0).gz)" } ?? ""
        let exists = FileManager.default.fileExists(atPath: directory)
        let reason = exists ? "not found" : "the folder `\(directory)` does not exist"
        throw CommandFailure.coded("error[E505]: cannot read `\(candidates[0])`: \(reason)" + hint)
    }
}
