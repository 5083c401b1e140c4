import GPathDiagnostics
import GPathIR

/// Rows naming plain `torch.nn` layers (`nn.MaxPool2d`, `nn.AvgPool2d`, `nn.ZeroPad2d`,
/// `nn.ConvTranspose2d`) and ultralytics' `ConvTranspose`, with their PyTorch argument order
/// (`parse_model` passes `c1` first only to the convolutions).
extension YOLOLowering {
    /// Zero padding of an `nn.ZeroPad2d` row, waiting to be folded into the pooling row that
    /// reads it (the IR has no padding node; a pool's window carries uneven padding).
    struct PendingPadding: Sendable {
        var left: Int
        var right: Int
        var top: Int
        var bottom: Int
    }

    /// `nn.ZeroPad2d(padding)`: an int (all sides) or `[left, right, top, bottom]`. The row's
    /// output is its input; the padding is remembered for the next pooling row.
    mutating func zeroPad(_ row: YOLOModel.Row, _ x: ImportedTensor) -> ImportedTensor? {
        let sides: [Int]? = switch argument(row, 0) {
        case .int(let all)?: [all, all, all, all]
        case .list(let values)? where values.count == 4: values.compactMap(\.int).count == 4 ? values.compactMap(\.int) : nil
        default: nil
        }
        guard let sides, sides.allSatisfy({ $0 >= 0 }) else {
            report(.invalidValue, "`nn.ZeroPad2d` takes a non-negative int or `[left, right, top, bottom]`, not `\(argument(row, 0)?.description ?? "nothing")`", at: row.location)
            return nil
        }
        pendingPaddings[row.index] = PendingPadding(left: sides[0], right: sides[1], top: sides[2], bottom: sides[3])
        return x
    }

    /// `nn.MaxPool2d(k, s=k, p=0)` / `nn.AvgPool2d(k, s=k, p=0)`, with the zero padding of an
    /// `nn.ZeroPad2d` row it reads folded in as extra leading (top, left) and trailing
    /// (bottom, right) padding.
    mutating func torchPool(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, average: Bool) -> ImportedTensor? {
        guard let k = int(row, 0, nil, "kernel_size"), let s = int(row, 1, k, "stride"), let p = int(row, 2, 0, "padding") else { return nil }
        guard k >= 1, s >= 1, p >= 0, 2 * p <= k else {
            report(.invalidValue, "`\(row.module)` with kernel \(k), stride \(s) and padding \(p) is not a valid window", at: row.location)
            return nil
        }
        let folded = row.from.count == 1 ? pendingPaddings[row.from[0] < 0 ? row.index + row.from[0] : row.from[0]] : nil
        let extra = folded ?? PendingPadding(left: 0, right: 0, top: 0, bottom: 0)
        let window = Pooling(
            kernel: AxisPair(k), stride: AxisPair(s),
            padding: AxisPair(height: p + extra.top, width: p + extra.left),
            trailingPadding: AxisPair(height: p + extra.bottom, width: p + extra.right))
        return tensors.passThrough(name, average ? .averagePool(window) : .maxPool(window), ImportedEdge(x), at: row.location)
    }

    /// `nn.ConvTranspose2d(c1, c2, k, s=1, p=0, output_padding=0, groups=1, bias=True)` and
    /// ultralytics `ConvTranspose(c1, c2, k=2, s=2, p=0, bn=True, act=True)` (batch norm
    /// replaces the bias). Lowered as the ONNX importer does: a stride-1 convolution over the
    /// input carrying the weights and MACs (c1·c2/g·k² per input position — exact, a transposed
    /// convolution scatters every input value through every tap), then a nearest upsample ×s
    /// named `<name>/upsample`. Only the geometry where the output is exactly s times the input
    /// is accepted (k == s with p == 0, or e.g. k = 4, s = 2, p = 1).
    mutating func transposedConv(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, c2: Int, torch: Bool) -> ImportedTensor? {
        guard let k = int(row, 1, torch ? nil : 2, "kernel_size"), let s = int(row, 2, torch ? 1 : 2, "stride"),
              let p = int(row, 3, 0, "padding") else { return nil }
        let outputPadding = torch ? (int(row, 4, 0, "output_padding") ?? 0) : 0
        let groups = torch ? (int(row, 5, 1, "groups") ?? 1) : 1
        let normalized = torch ? false : bool(row, 4, true)
        let bias = torch ? bool(row, 6, true) : !normalized
        let act: Activation?
        if torch { act = nil } else {
            guard let chosen = activation(argument(row, 5), at: row.location) else { return nil }
            act = chosen
        }
        guard k >= 1, s >= 1, p >= 0 else {
            report(.invalidValue, "`\(row.module)` with kernel \(k), stride \(s) and padding \(p) is not a valid window", at: row.location)
            return nil
        }
        let layer = TransposedLayer(kernel: k, stride: s, padding: p, outputPadding: outputPadding, groups: groups, bias: bias, normalized: normalized, activation: act)
        return transposed(name, x, c2, layer, module: row.module, at: row.location)
    }

    /// The attributes of one transposed convolution.
    struct TransposedLayer: Sendable {
        var kernel: Int
        var stride: Int
        var padding = 0
        var outputPadding = 0
        var groups = 1
        var bias = true
        var normalized = false
        var activation: Activation?
    }

    /// A transposed convolution `name` from `x` to `c2` channels, lowered as a stride-1
    /// convolution carrying the weights and MACs, then a nearest upsample ×stride
    /// `<name>/upsample`; nil (reported against `module`) unless the output is exactly stride
    /// times the input.
    mutating func transposed(_ name: String, _ x: ImportedTensor, _ c2: Int, _ layer: TransposedLayer, module: String, at: SourceLocation) -> ImportedTensor? {
        let (k, s, p) = (layer.kernel, layer.stride, layer.padding)
        let size = { (n: Int) in (n - 1) * s - 2 * p + (k - 1) + layer.outputPadding + 1 }
        let output = Spatial(height: size(x.spatial.height), width: size(x.spatial.width))
        guard output == Spatial(height: x.spatial.height * s, width: x.spatial.width * s) else {
            report(.unsupportedConstruct, "`\(module)` with kernel \(k), stride \(s) and padding \(p) maps \(x.spatial) to \(output), not \(s) times the input; gpath lowers a transposed convolution as a convolution and a nearest upsample, which needs that geometry", at: at)
            return nil
        }
        // A same-size stride-1 window: an even span k − 1 pads by half of it; an odd span
        // doubles the dilation so a symmetric padding keeps the size (taps are unchanged).
        let span = k - 1
        let (dilation, padding) = span % 2 == 0 ? (1, span / 2) : (2, span)
        guard let convolution = conv(name, [ImportedEdge(x)], c2, k: k, s: 1, p: padding, g: layer.groups, d: dilation, act: layer.activation,
                                     bias: layer.bias, normalized: layer.normalized, at: at) else { return nil }
        guard s > 1 else { return convolution }
        return tensors.passThrough("\(name)/upsample", .upsample(scale: s), ImportedEdge(convolution), at: at)
    }
}
