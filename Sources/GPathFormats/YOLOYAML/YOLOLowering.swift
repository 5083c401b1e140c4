import GPathDiagnostics
import GPathIR

/// Lowers YOLO model rows to a ``TensorBuilder`` (`formats.md` §2): resolves `from`, applies
/// the depth and width multiples, and expands each module into its internal layers.
///
/// Node names follow the PyTorch module tree so users can map back: a single-layer row is its
/// index (`"3"`), module-internal layers are `"<row>.<name>"` (`"4.cv1"`, `"4.m.0.cv2"`), and a
/// row repeated n times sequentially is `"<row>.0"` … `"<row>.<n-1>"`. Every node points at
/// its row. Shapes are tracked so modules can use c1 (input channels) as `parse_model` does.
struct YOLOLowering {
    let file: SourceFile
    let model: YOLOModel
    var tensors: TensorBuilder
    var diagnostics: [Diagnostic] = []
    var outputs: [ImportedTensor?] = []
    let input: ImportedTensor
    /// Conv's activation: SiLU, or the file's `activation` (yolov5).
    var defaultActivation: Activation? = .silu
    /// `nn.ZeroPad2d` rows by index, folded into the pooling row that reads them.
    var pendingPaddings: [Int: PendingPadding] = [:]
    /// `CBLinear` rows by index: the widths their output splits into.
    var splits: [Int: [Int]] = [:]
    /// False once a `C3k2` row is lowered: ultralytics then builds Detect's class branch from
    /// depthwise-separable pairs (`Detect.legacy`).
    var legacyDetect = true

    /// Most nodes a model may lower to (rows × repeats × module layers): 1,000,000 unless the
    /// reader's ``ReaderLimits`` say otherwise.
    let maximumNodes: Int

    init(file: SourceFile, model: YOLOModel, name: String, imageSize: Int = 640, limits: ReaderLimits = .standard) {
        self.file = file
        self.maximumNodes = limits.maximumNodes
        self.model = model
        self.tensors = TensorBuilder(name: name)
        let first = model.rows.first?.location ?? file.location(ofOffset: 0)
        input = tensors.input("input", channels: model.inputChannels, spatial: Spatial(height: imageSize, width: imageSize), at: first)
    }

    mutating func run() {
        if let fileDefault = model.activation, let act = activation(fileDefault, at: model.activationLocation ?? file.location(ofOffset: 0)) {
            defaultActivation = act
        }
        for row in model.rows {
            outputs.append(lower(row))
            let times = repeats(row.number)
            tensors.sourceKinds[String(row.index)] = Self.torchName(row.module) + (times > 1 ? " ×\(times)" : "")
            if tensors.builder.declarationCount > maximumNodes {
                report(.sizeLimit, "the model expands to more than \(maximumNodes) nodes", at: row.location, label: "expansion stopped here",
                       notes: ["gpath's size limits are listed in docs/reliability.md"])
                return
            }
        }
    }

    /// The rows `row.from` names (the input for `-1` on row 0). Nil when any is bad (reported)
    /// or failed earlier (quiet).
    mutating func sources(of row: YOLOModel.Row) -> [ImportedTensor]? {
        var result: [ImportedTensor] = []
        var ok = true
        for value in row.from {
            let target = value < 0 ? row.index + value : value
            if target == -1 && value == -1 {
                result.append(input)
                continue
            }
            guard target >= 0, target < row.index else {
                report(.invalidValue, "`from` \(value) of row \(row.index) refers to \(target < 0 ? "a row before the first" : "row \(target), which is not before it")",
                       at: row.location, label: "bad row index",
                       notes: ["negative values are relative (-1 = previous row), others absolute row indices (0 = first backbone row)"])
                return nil
            }
            guard let tensor = outputs[target] else { ok = false; continue }
            if pendingPaddings[target] != nil, !(row.from.count == 1 && ["MaxPool2d", "AvgPool2d"].contains(Self.torchName(row.module))) {
                report(.unsupportedConstruct, "row \(row.index) (`\(row.module)`) reads the `nn.ZeroPad2d` of row \(target)", at: row.location,
                       label: "padding not folded", notes: ["gpath folds `nn.ZeroPad2d` only into the `nn.MaxPool2d` or `nn.AvgPool2d` row that alone reads it"])
                return nil
            }
            result.append(tensor)
        }
        return ok ? result : nil
    }

    /// `max(round(n · depth_multiple), 1)` when n > 1 (Python's round: half to even).
    func repeats(_ n: Int) -> Int {
        n > 1 ? max(Int((Double(n) * model.depth).rounded(.toNearestOrEven)), 1) : n
    }

    /// `make_divisible(min(c2, max_channels) · width_multiple, 8)`: rounded up to a multiple of 8.
    func scaledWidth(_ c2: Int) -> Int {
        let scaled = Double(min(c2, model.maxChannels)) * model.width
        // Clamped past the limit (the verifier then reports E217 at the row): never a trap.
        return Int(min((scaled / 8).rounded(.up), Double(Limits.maximumExtent))) * 8
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, label: String? = nil,
        notes: [String] = [], helps: [String] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location, label: label, notes: notes, helps: helps))
    }

    /// The activation an `act` argument names (`True` = the file's default, SiLU unless the file
    /// sets `activation`); nil (reported) when unknown; `.some(nil)` for none.
    mutating func activation(_ value: YOLOValue?, at location: SourceLocation) -> Activation?? {
        switch value {
        case nil, .bool(true)?:
            return .some(defaultActivation)
        case .bool(false)?, .none?: return .some(nil)
        case .call(let name, _)?, .name(let name)?, .string(let name)?:
            let bare = Self.torchName(name)
            if let known = Self.activations[bare] { return .some(known) }
            report(.unsupportedConstruct, "activation `\(name)` has no gpath equivalent", at: location,
                   notes: ["supported: \(Self.activations.keys.sorted().map { "nn.\($0)()" }.joined(separator: ", "))"],
                   helps: Suggestion.help(for: bare, among: Self.activations.keys))
            return nil
        default:
            report(.invalidValue, "`\(value.map(\.description) ?? "")` is not an activation", at: location)
            return nil
        }
    }

    /// A `torch.nn` class name without its `nn.` or `torch.nn.` prefix (`torch.nn.ReLU` → `ReLU`).
    static func torchName(_ name: String) -> String {
        for prefix in ["torch.nn.", "nn."] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        return name
    }

    static let activations: [String: Activation?] = [
        "SiLU": .silu, "ReLU": .relu, "LeakyReLU": .leakyRelu, "Hardswish": .hardSwish, "Mish": .mish,
        "Sigmoid": .sigmoid, "Tanh": .tanh, "GELU": .gelu, "Identity": nil, "ReLU6": .relu,
    ]

    /// `Conv`: Conv2d (no bias, autopad k//2 dilation-aware) + BatchNorm2d + activation.
    mutating func conv(
        _ name: String, _ inputs: [ImportedEdge], _ c2: Int, k: Int = 1, s: Int = 1, p: Int? = nil, g: Int = 1, d: Int = 1,
        act: Activation?, bias: Bool = false, normalized: Bool = true, at location: SourceLocation
    ) -> ImportedTensor? {
        let c1 = inputs.reduce(0) { $0 + $1.width }
        guard k >= 1, s >= 1, d >= 1, g >= 1, c2 >= 1, c1 % g == 0, c2 % g == 0 else {
            report(.channelMismatch, "`\(name)`: a \(k)x\(k)/\(s) convolution from \(c1) to \(c2) channels with \(g) groups is not possible", at: location)
            return nil
        }
        let convolution = Convolution(kernel: AxisPair(k), stride: AxisPair(s), padding: p.map { AxisPair($0) }, dilation: AxisPair(d), groups: g, bias: bias, normalized: normalized, activation: act)
        guard let output = tensors.convolution(name, inputs, filters: c2, convolution, at: location) else {
            report(.channelMismatch, "`\(name)` shrinks its input to nothing", at: location)
            return nil
        }
        return output
    }
}
