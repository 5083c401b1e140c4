import ArgumentParser
import Foundation

/// The input a command reads: one network file plus how to load it.
struct InputOptions: ParsableArguments {
    @Argument(help: "Network file: .net, graph JSON (.json), Darknet (.cfg), YOLO model YAML (.yaml/.yml) or ONNX (.onnx).")
    var file: String

    @OptionGroup(title: "Loading")
    var load: LoadOptions

    var format: InputFormat? { load.format }
    var scale: String? { load.scale }
    var lossNames: [String]? { load.lossNames }
    var unknownOperators: UnknownOperatorTreatment? { load.unknownOperators }
    var noColor: Bool { load.noColor }
    func parameters() throws -> [String: Int] { try load.parameters() }

    /// Options for `file` loaded the way `load` says (for commands that take several files).
    static func make(file: String, load: LoadOptions) throws -> InputOptions {
        try parse([file] + load.arguments)
    }
}

/// How to load a network file: format, parameter overrides, YAML scale, ONNX losses.
struct LoadOptions: ParsableArguments {
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

    /// The options as command-line arguments again.
    var arguments: [String] {
        var result: [String] = []
        if let format { result += ["--from", format.rawValue] }
        for define in defines { result += ["-D", define] }
        if let scale { result += ["--scale", scale] }
        if let losses { result += ["--loss", losses] }
        if let unknownOperators { result += ["--treat-unknown-as", unknownOperators.rawValue] }
        if noColor { result.append("--no-color") }
        return result
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
