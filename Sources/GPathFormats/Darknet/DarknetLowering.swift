import GPathDiagnostics
import GPathIR

/// Lowers parsed `.cfg` sections to a ``TensorBuilder``, one layer per section after `[net]`.
///
/// Node names follow darknet's own log: the layer's output is the node named by its index
/// (`"0"` is the first section after `[net]`); helper nodes of one layer are `"<index>.<part>"`
/// (a shortcut's `"7.sum"` before its activation). Every node points at its `[section]` line.
/// Shapes are computed while lowering so every mismatch is reported at the section.
struct DarknetLowering {
    let file: SourceFile
    var tensors: TensorBuilder
    var diagnostics: [Diagnostic] = []
    /// Output of each lowered layer by index; nil when it failed (dependents stay quiet).
    /// Loss heads output their input, as darknet's `[yolo]` passes its input on.
    var outputs: [ImportedTensor?] = []
    var input: ImportedTensor?
    /// Highest index of a layer with `stopbackward=1`: layers up to it are never trained.
    /// (`stopbackward=N` with N > 1 freezes them only for the first N iterations — darknet's
    /// `l.stopbackward > iteration` — so the trained network has no barrier there: W215.)
    var barrier: Int?

    init(file: SourceFile, name: String) {
        self.file = file
        self.tensors = TensorBuilder(name: name)
    }

    mutating func run(_ sections: [DarknetSection]) {
        guard let first = sections.first else {
            diagnostics.append(Diagnostic(
                .invalidField, "the file has no sections", at: file.location(ofOffset: 0),
                helps: ["a `.cfg` file starts with `[net]` (width, height, channels), then one section per layer"]))
            return
        }
        guard DarknetKind.names[first.name] == .net else {
            diagnostics.append(Diagnostic(
                .invalidField, "the first section must be `[net]`, not `[\(first.name)]`", at: first.location,
                label: "expected `[net]`", helps: ["start the file with `[net]` giving width, height and channels"]))
            return
        }
        let layers = Array(sections.dropFirst())
        barrier = layers.indices.last { index in
            layers[index].entries.contains { $0.key == "stopbackward" && $0.value.trimmingCharacters(in: .whitespaces) == "1" }
        }
        for section in layers {
            for entry in section.entries where entry.key == "stopbackward" {
                guard let iterations = Int(entry.value.trimmingCharacters(in: .whitespaces)), iterations > 1 else { continue }
                diagnostics.append(Diagnostic(
                    .trainingOnlyKey, "`stopbackward=\(iterations)` freezes the layers before it only for the first \(iterations) iterations; gpath analyses the network without that barrier",
                    at: entry.keyLocation, notes: ["only `stopbackward=1` stops the gradient for good (darknet breaks its backward loop while `stopbackward > iteration`)"]))
            }
        }
        tensors.declaresBehindBarrier = barrier != nil
        lowerNet(first, crop: layers.first.flatMap(Self.inputCrop))
        for (index, section) in layers.enumerated() {
            let kind = DarknetKind.names[section.name]
            if kind == nil || kind == .net {
                reportUnknownSection(section)
                outputs.append(nil)
                continue
            }
            guard let kind else { continue }
            var options = DarknetOptions(section, kind: kind)
            tensors.sourceKinds[String(index)] = section.name
            let next = index + 1 < layers.count ? DarknetKind.names[layers[index + 1].name] : nil
            let output = lower(index, kind, &options, next: next)
            options.checkKeys()
            diagnostics += options.diagnostics
            outputs.append(output)
            if index == barrier { tensors.declaresBehindBarrier = false }
        }
        if layers.isEmpty {
            diagnostics.append(Diagnostic(.invalidField, "the network has no layers after `[net]`", at: first.location))
        }
    }

    /// `crop_height` × `crop_width` of a leading `[crop]`: darknet crops (and augments) the
    /// input there, so the network proper sees that size. Nil for other sections, or when a
    /// value is missing or not a positive integer (the `[crop]` lowering then reports it).
    static func inputCrop(_ section: DarknetSection) -> Spatial? {
        guard DarknetKind.names[section.name] == .crop else { return nil }
        func value(_ key: String) -> Int? {
            section.entries.first { $0.key == key }.flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) }
                .flatMap { $0 >= 1 && $0 <= Limits.maximumExtent ? $0 : nil }
        }
        guard let height = value("crop_height"), let width = value("crop_width") else { return nil }
        return Spatial(height: height, width: width)
    }

    /// The network input `channels × height × width` from `[net]`, or `crop` when the first
    /// layer crops it.
    private mutating func lowerNet(_ section: DarknetSection, crop: Spatial?) {
        var options = DarknetOptions(section, kind: .net)
        var size: [Int] = []
        for key in ["channels", "height", "width"] {
            guard let entry = options.entry(key) else {
                options.report(.invalidField, "`[net]` needs `\(key)`", at: section.location, label: "`\(key)` missing",
                               helps: ["give the input size, e.g. `width=416`, `height=416`, `channels=3`"])
                continue
            }
            if let value = options.int(key, 0, atLeast: 1) { size.append(value) } else { _ = entry }
        }
        options.checkKeys()
        diagnostics += options.diagnostics
        guard size.count == 3 else { return }
        let network = Spatial(height: size[1], width: size[2])
        let spatial = crop.flatMap { $0.height <= network.height && $0.width <= network.width ? $0 : nil } ?? network
        input = tensors.input("input", channels: size[0], spatial: spatial, at: section.location)
    }

    private mutating func reportUnknownSection(_ section: DarknetSection) {
        if DarknetKind.unsupported.contains(section.name) {
            diagnostics.append(Diagnostic(
                .unsupportedConstruct, "section `[\(section.name)]` is not supported by gpath", at: section.location,
                label: "unsupported layer", notes: ["recurrent, local and contrastive layers have no IR equivalent"]))
        } else if DarknetKind.names[section.name] == .net {
            diagnostics.append(Diagnostic(
                .duplicateName, "a second `[\(section.name)]` section", at: section.location,
                notes: ["`[net]` comes once, first"]))
        } else {
            diagnostics.append(Diagnostic(
                .unknownOp, "unknown section `[\(section.name)]`", at: section.location, label: "not a darknet layer",
                notes: ["darknet would leave a zeroed layer here; gpath rejects it"],
                helps: Suggestion.help(for: section.name, among: DarknetKind.names.keys)))
        }
    }

    /// The previous layer's output (the input for layer 0); nil, reported, when there is none.
    mutating func previous(_ index: Int, _ options: inout DarknetOptions) -> ImportedTensor? {
        index == 0 ? input : outputs[index - 1]
    }

    /// Resolves a layer reference of layer `index` (negative: relative; otherwise absolute).
    /// Nil when out of range (reported, E208) or when that layer failed (quiet).
    mutating func reference(_ value: Int, of index: Int, key: String, _ options: inout DarknetOptions) -> ImportedTensor?? {
        let target = value < 0 ? index + value : value
        guard target >= 0, target < index else {
            let location = options.entry(key)?.valueLocation ?? options.section.location
            let why = target >= index ? "layer \(target) is not before layer \(index)" : "layer \(index) has only \(index) earlier layers"
            options.report(.invalidValue, "`\(key)` refers to layer \(value < 0 ? "\(value) (= \(target))" : "\(target)"), which does not exist here",
                           at: location, label: "bad layer index",
                           notes: [why, "negative indices are relative to this layer, others absolute (0 = first layer after `[net]`)"])
            return nil
        }
        return .some(outputs[target])
    }

    /// All references of a list key, or nil when any is bad; the inner nil is a failed layer.
    mutating func references(_ key: String, of index: Int, _ options: inout DarknetOptions) -> [ImportedTensor]?? {
        guard let values = options.intList(key) else { return nil }
        var result: [ImportedTensor] = []
        var bad = false
        var quiet = false
        for value in values {
            switch reference(value, of: index, key: key, &options) {
            case nil: bad = true
            case .some(nil): quiet = true
            case .some(let tensor?): result.append(tensor)
            }
        }
        if bad { return nil }
        return quiet ? .some(nil) : .some(result)
    }
}
