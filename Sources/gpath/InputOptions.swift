import ArgumentParser
import Foundation

/// The input a command reads: a network file and `.net` parameter overrides.
struct InputOptions: ParsableArguments {
    @Argument(help: "Network file: .net, graph JSON (.json), Darknet (.cfg), YOLO model YAML (.yaml/.yml) or ONNX (.onnx).")
    var file: String

    @Option(name: .customLong("from"), help: "Input format when the extension does not say: net, graph-json, darknet, yolo-yaml, onnx.")
    var format: InputFormat?

    @Option(name: .customShort("D"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Override a `.net` parameter, e.g. -D blocks=50.", valueName: "name=value"))
    var defines: [String] = []

    @Option(name: .long, help: ArgumentHelp("YOLO YAML scale (n, s, m, l, x) from its `scales` table; default: the file name's letter (yolov8n.yaml) or the first.", valueName: "letter"))
    var scale: String?

    @Option(name: .customLong("loss"), help: ArgumentHelp("ONNX: tensors (or nodes) to attach losses to, instead of the graph outputs.", valueName: "name[,name]"))
    var losses: String?

    @Option(name: .customLong("treat-unknown-as"), help: ArgumentHelp("ONNX: lower unsupported operators as `identity` (a warning) instead of failing.", valueName: "identity"))
    var unknownOperators: UnknownOperatorTreatment?

    @Flag(name: .customLong("no-color"), help: "Never colour diagnostics.")
    var noColor = false

    func validate() throws {
        _ = try parameters()
        if let losses, lossNames == nil {
            throw ValidationError("--loss expects tensor names separated by commas, got `\(losses)`")
        }
    }

    /// The `--loss` names, nil when not given.
    var lossNames: [String]? {
        guard let losses else { return nil }
        let names = losses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return names.isEmpty || names.contains("") ? nil : names
    }

    /// The `-D` overrides as a dictionary.
    func parameters() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for define in defines {
            let parts = define.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Int(parts[1]) else {
                throw ValidationError("-D expects name=integer, got `\(define)`")
            }
            result[parts[0]] = value
        }
        return result
    }
}

/// Input formats `--from` accepts.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case net
    case graphJSON = "graph-json"
    case darknet
    case yoloYAML = "yolo-yaml"
    case onnx
}

/// What `--treat-unknown-as` lowers unsupported ONNX operators to.
enum UnknownOperatorTreatment: String, ExpressibleByArgument, CaseIterable {
    case identity
}
