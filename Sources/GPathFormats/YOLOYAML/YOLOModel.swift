import GPathDiagnostics
import Yams

/// A YOLO model YAML file read into rows (yolov5 `parse_model`, ultralytics `scales`), with the
/// location of every row. Structural problems are diagnostics (E109 YAML syntax, E106 missing
/// or mistyped field, E207 unknown top-level key, E208 bad scale).
struct YOLOModel: Sendable {
    /// One `[from, number, module, args]` row.
    struct Row: Sendable {
        var index: Int
        var from: [Int]
        var number: Int
        var module: String
        var arguments: [YOLOValue]
        /// The row (`- [` …) and its module name.
        var location: SourceLocation
        var moduleLocation: SourceLocation
    }

    var classes = 80
    var depth = 1.0
    var width = 1.0
    var maxChannels = Int.max
    /// The letter picked from `scales` (C3k2 switches to C3k blocks at `m`, `l`, `x`).
    var scale: String?
    var anchors: YOLOValue = .none
    var activation: YOLOValue?
    /// Where the top-level `activation` value is, so a rejected one is reported there.
    var activationLocation: SourceLocation?
    var inputChannels = 3
    /// `kpt_shape: [keypoints, dims]` (ultralytics pose models): what a `Pose` row's
    /// `kpt_shape` argument names; `.none` when the file has none.
    var keypointShape: YOLOValue = .none
    /// `reg_max`: the DFL bins of ultralytics' anchor-free heads (box outputs 4·reg_max).
    var regMax = 16
    /// `end2end: True`: ultralytics' anchor-free heads get one-to-one twins of their branches.
    var endToEnd = false
    var rows: [Row] = []

    /// Largest `number` a row may repeat its module (ultralytics' own files use at most 9): 1,000.
    static let maximumRepeats = 1_000
    /// Largest `depth_multiple` / `width_multiple` (ultralytics' scales go up to 1.5): 16.
    static let maximumMultiplier = 16.0
    /// Most YAML nodes the file may expand to once aliases are resolved (a "billion laughs"
    /// alias chain is refused before it is walked): 1,000,000.
    static let maximumExpandedNodes = 1_000_000

    static let topLevelKeys: Set<String> = [
        "nc", "depth_multiple", "width_multiple", "scales", "anchors", "activation", "ch", "kpt_shape", "reg_max", "end2end", "backbone", "head", "text_model",
    ]

    /// Parses `file`; nil with diagnostics when the file is not a usable model description.
    static func parse(_ file: SourceFile, scale: String?, diagnostics: inout [Diagnostic]) -> YOLOModel? {
        if let nesting = YAMLNesting.problem(in: file) {
            diagnostics.append(nesting)
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text)
        } catch let error as YamlError {
            diagnostics.append(syntaxDiagnostic(error, file))
            return nil
        } catch {
            diagnostics.append(Diagnostic(.malformedYAML, "malformed YAML: \(error)", at: file.location(ofOffset: 0)))
            return nil
        }
        if let root, let node = firstNodeBeyondExpansionLimit(root) {
            diagnostics.append(Diagnostic(
                .sizeLimit, "the YAML expands to more than \(maximumExpandedNodes) nodes once aliases are resolved",
                at: Self.location(of: node, in: file) ?? file.location(ofOffset: 0), label: "expansion stopped here",
                notes: ["gpath's size limits are listed in docs/reliability.md"]))
            return nil
        }
        guard let mapping = root?.mapping else {
            diagnostics.append(Diagnostic(.invalidField, "a YOLO model YAML must be a mapping with `backbone` and `head`", at: file.location(ofOffset: 0)))
            return nil
        }
        var model = YOLOModel()
        var reader = FieldReader(file: file)
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            switch name {
            case "nc": model.classes = reader.int(value, "nc") ?? model.classes
            case "depth_multiple": model.depth = reader.multiplier(value, "depth_multiple") ?? model.depth
            case "width_multiple": model.width = reader.multiplier(value, "width_multiple") ?? model.width
            case "ch": model.inputChannels = reader.int(value, "ch") ?? model.inputChannels
            case "anchors": model.anchors = YOLOValue(value)
            case "kpt_shape": model.keypointShape = YOLOValue(value)
            case "reg_max":
                guard let bins = reader.int(value, "reg_max") else { break }
                guard bins >= 1 else {
                    reader.report(.invalidField, "`reg_max` must be at least 1", at: value)
                    break
                }
                model.regMax = bins
            case "end2end":
                guard case .bool(let flag) = YOLOValue(value) else {
                    reader.report(.invalidField, "`end2end` must be `True` or `False`", at: value)
                    break
                }
                model.endToEnd = flag
            case "activation":
                model.activation = YOLOValue(value)
                model.activationLocation = reader.location(value)
            case "scales", "backbone", "head", "text_model": break  // YOLOE's text encoder: no layers of the image model
            default:
                reader.report(.unknownArgument, "unknown top-level key `\(name)`", at: key, label: "unknown key",
                              notes: ["a model YAML has \(topLevelKeys.sorted().map { "`\($0)`" }.joined(separator: ", "))"],
                              helps: Suggestion.help(for: name, among: topLevelKeys))
            }
        }
        model.applyScale(mapping["scales"], requested: scale, file: file, reader: &reader)
        for section in ["backbone", "head"] {
            guard let node = mapping[section] else {
                reader.report(.invalidField, "the model has no `\(section)` list", at: root, label: "`\(section)` missing")
                continue
            }
            guard let sequence = node.sequence else {
                reader.report(.invalidField, "`\(section)` must be a list of `[from, number, module, args]` rows", at: node)
                continue
            }
            for rowNode in sequence {
                if let row = reader.row(rowNode, index: model.rows.count) { model.rows.append(row) } else {
                    model.rows.append(Row(index: model.rows.count, from: [], number: 0, module: "", arguments: [],
                                          location: reader.location(rowNode), moduleLocation: reader.location(rowNode)))
                }
            }
        }
        diagnostics += reader.diagnostics
        return reader.diagnostics.containsError ? nil : model
    }

    /// `scales: {n: [depth, width, max_channels], …}`: picks `requested`, else the letter the
    /// file name ends with (`yolov8n.yaml`), else the first scale, as ultralytics does.
    private mutating func applyScale(_ node: Node?, requested: String?, file: SourceFile, reader: inout FieldReader) {
        guard let node, let scales = node.mapping else {
            if let requested {
                reader.diagnostics.append(Diagnostic(.invalidValue, "`--scale \(requested)` given but the file has no `scales` table", at: file.location(ofOffset: 0)))
            }
            return
        }
        let letters = scales.keys.compactMap(\.string)
        let stem = NetReader.defaultName(for: file)
        let chosen = requested ?? letters.first { stem.hasSuffix($0) && stem.count > $0.count } ?? letters.first
        guard let chosen, let entry = scales[chosen]?.sequence, entry.count >= 2 else {
            reader.report(.invalidValue, "scale `\(requested ?? "")` is not in the `scales` table", at: node,
                          notes: ["available: \(letters.joined(separator: ", "))"], helps: Suggestion.help(for: requested ?? "", among: letters))
            return
        }
        scale = chosen
        depth = reader.multiplier(entry[0], "depth") ?? depth
        width = reader.multiplier(entry[1], "width") ?? width
        if entry.count > 2 { maxChannels = reader.int(entry[2], "max_channels") ?? maxChannels }
    }

    /// E109 at the position Yams (libyaml) reports, with the construct it was inside as a note.
    private static func syntaxDiagnostic(_ error: YamlError, _ file: SourceFile) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let notes = context.map { ["\($0.text) that started at line \($0.mark.line), column \($0.mark.column)"] } ?? []
            return Diagnostic(.malformedYAML, "malformed YAML: \(problem)",
                              at: SourceLocation(file: file.name, line: max(1, mark.line), column: max(1, mark.column)),
                              label: "here", notes: notes)
        case .reader(let problem, let offset, _, _):
            return Diagnostic(.malformedYAML, "malformed YAML: \(problem)", at: file.location(ofOffset: offset ?? 0))
        default:
            return Diagnostic(.malformedYAML, "malformed YAML: \(error)", at: file.location(ofOffset: 0))
        }
    }
}

extension YOLOModel {
    /// Walks `root` as the readers will see it, aliases expanded, with an explicit stack and a
    /// budget of ``maximumExpandedNodes``: the node at which the budget ran out, or nil.
    /// O(min(expanded size, budget)), whatever the alias chain.
    static func firstNodeBeyondExpansionLimit(_ root: Node) -> Node? {
        var stack = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > maximumExpandedNodes { return node }
            switch node {
            case .scalar: break
            case .sequence(let sequence): stack.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            }
        }
        return nil
    }

    static func location(of node: Node, in file: SourceFile) -> SourceLocation? {
        guard let mark = node.mark else { return nil }
        return SourceLocation(file: file.name, line: max(1, mark.line), column: max(1, mark.column))
    }
}
