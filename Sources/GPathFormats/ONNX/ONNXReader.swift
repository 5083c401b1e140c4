import Foundation
import GPathDiagnostics
import GPathIR

/// Reads ONNX models (`.onnx`, the protobuf `ModelProto`) into the IR.
///
/// Decoding uses gpath's own subset schema (`proto/onnx-subset.proto`) with unknown fields
/// discarded, so weight payloads are skipped rather than copied: a model's weights are known by
/// their `dims` only, and memory stays small whatever the file's size (external data files are
/// never opened). Weights are initializers, IR < 4 graph inputs that have an initializer, and
/// node outputs folded from `Constant`/`ConstantOfShape` and shape arithmetic.
///
/// Layer ids are the ONNX node names exactly (`<op_type>_<index>` for unnamed nodes); graph
/// outputs become `loss:<tensor>` nodes unless `losses` names other tensors or nodes. ONNX has
/// no lines, so diagnostics point at the file and name the node and its index in the message.
/// See `docs/onnx.md` for what each operator becomes.
public enum ONNXReader {
    /// Decodes, lowers and verifies the model in `data`.
    ///
    /// - Parameters:
    ///   - name: the file name as the user gave it (used in diagnostics; its stem names the graph).
    ///   - losses: tensor or node names to attach losses to, instead of the graph outputs.
    ///   - treatUnknownAsIdentity: lower unsupported operators as identity of their first
    ///     feature-map input (a W231 warning) instead of failing with E230.
    public static func read(
        _ data: Data, name: String, losses: [String]? = nil, treatUnknownAsIdentity: Bool = false
    ) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        let model: ONNXModel
        switch ONNXModelLoader.load(data, file: name) {
        case .success(let loaded): model = loaded
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var lowering = ONNXLowering(model: model, file: name, losses: losses, treatUnknownAsIdentity: treatUnknownAsIdentity)
        guard let builder = lowering.run(name: graphName(for: name)) else {
            return (nil, lowering.collector.finished)
        }
        let (graph, verification) = builder.build()
        var collector = lowering.collector
        for var diagnostic in verification {
            // Builder diagnostics name nodes but carry no position: point them at the file.
            if diagnostic.location == nil { diagnostic.location = SourceLocation(file: name) }
            collector.report(diagnostic)
        }
        return (collector.hasErrors ? nil : graph, collector.finished)
    }

    /// Convenience for byte arrays.
    public static func read(
        _ bytes: [UInt8], name: String, losses: [String]? = nil, treatUnknownAsIdentity: Bool = false
    ) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        read(Data(bytes), name: name, losses: losses, treatUnknownAsIdentity: treatUnknownAsIdentity)
    }

    /// The file name without directories and extension: `models/resnet.onnx` → `resnet`.
    static func graphName(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }
}
