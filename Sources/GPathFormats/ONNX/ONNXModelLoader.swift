import Foundation
import GPathDiagnostics
import SwiftProtobuf

/// A decoded ONNX model: the metadata gpath reads, and the serialized bytes for the few
/// small tensors whose values are needed later (see ``ONNXWireIndex``).
struct ONNXModel {
    let proto: ONNXModelProto
    let bytes: Data
    let index: ONNXWireIndex

    var graph: ONNXGraphProto { proto.graph }

    /// The default-domain opset version (1 when the model declares none).
    var opsetVersion: Int {
        let entry = proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }
        return entry.map { Int(clamping: $0.version) } ?? 1
    }

    /// Decodes initializer `position` with its payload.
    func initializerValue(at position: Int) -> ONNXTensorValueProto? {
        guard position < index.initializers.count else { return nil }
        return decode(ONNXTensorValueProto.self, index.initializers[position])
    }

    /// Decodes the tensor attribute `name` of node `position` with its payload.
    func attributeValue(node position: Int, named name: String) -> ONNXTensorValueProto? {
        guard position < index.nodes.count,
              let node = decode(ONNXNodeValueProto.self, index.nodes[position]) else { return nil }
        return node.attribute.first { $0.name == name && $0.hasT }?.t
    }

    private func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ range: Range<Int>) -> M? {
        try? M(serializedBytes: bytes[bytes.startIndex + range.lowerBound..<bytes.startIndex + range.upperBound])
    }
}

/// Turns bytes into an ``ONNXModel``, or a clear E110 diagnostic saying why it cannot.
enum ONNXModelLoader {
    enum Outcome {
        case success(ONNXModel)
        case failure(Diagnostic)
    }

    static func load(_ bytes: Data, file: String) -> Outcome {
        let location = SourceLocation(file: file)
        func failure(_ message: String, notes: [String] = [], helps: [String] = []) -> Outcome {
            .failure(Diagnostic(.malformedModel, message, at: location, notes: notes, helps: helps))
        }
        if bytes.isEmpty { return failure("`\(file)` is empty, not an ONNX model") }
        if let foreign = ONNXFileSignature.foreignFormat(of: bytes) {
            return failure(
                "`\(file)` is not an ONNX model: its first bytes are those of \(foreign)",
                helps: ["export the network to ONNX first, e.g. `torch.onnx.export(model, x, \"model.onnx\")`"])
        }
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        let proto: ONNXModelProto
        do {
            proto = try ONNXModelProto(serializedBytes: bytes, options: options)
        } catch let error as BinaryDecodingError {
            return failure(
                "`\(file)` is not a readable ONNX model: \(describe(error))",
                notes: ["the file is \(bytes.count) bytes long"],
                helps: ["re-export or re-download the model; a partial copy is the usual cause"])
        } catch {
            return failure("`\(file)` is not a readable ONNX model: \(error)")
        }
        guard proto.hasIrVersion, proto.hasGraph else {
            let missing = proto.hasIrVersion ? "no `graph`" : proto.hasGraph ? "no `ir_version`" : "neither `ir_version` nor `graph`"
            return failure(
                "`\(file)` is not an ONNX model: it has \(missing)",
                notes: ["the bytes decode as protobuf, but not as an ONNX `ModelProto`"])
        }
        let index = bytes.withUnsafeBytes { ONNXWireIndex($0) }
        guard let index, index.nodes.count == proto.graph.node.count,
              index.initializers.count == proto.graph.initializer.count else {
            return failure("`\(file)` is not a readable ONNX model: its graph is malformed")
        }
        return .success(ONNXModel(proto: proto, bytes: bytes, index: index))
    }

    private static func describe(_ error: BinaryDecodingError) -> String {
        switch error {
        case .truncated: "the data ends in the middle of a field (truncated file)"
        case .malformedProtobuf: "the protobuf encoding is corrupt"
        case .invalidUTF8: "a name is not valid UTF-8 (corrupt file)"
        case .messageDepthLimit: "messages nest too deeply (corrupt file)"
        case .trailingGarbage: "unexpected bytes after the model"
        default: "\(error)"
        }
    }
}
