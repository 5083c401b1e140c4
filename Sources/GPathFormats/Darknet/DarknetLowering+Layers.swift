import GPathDiagnostics
import GPathIR

/// One section kind at a time: the shape rules of `formats.md` §1 (darknet's `*_layer.c`).
extension DarknetLowering {
    mutating func lower(_ index: Int, _ kind: DarknetKind, _ options: inout DarknetOptions, next: DarknetKind?) -> ImportedTensor? {
        let name = String(index)
        let at = options.section.location
        if kind == .implicit { return implicit(name, &options) }
        if kind == .route { return route(index, &options) }
        guard let input = previous(index, &options) else { return nil }
        switch kind {
        case .convolutional: return convolution(name, input, &options)
        case .connected:
            guard let outputs = options.int("output", 1, atLeast: 1), let batchNorm = options.int("batch_normalize", 0),
                  let activation = options.activation("logistic") else { return nil }
            let linear = Linear(bias: batchNorm == 0, normalized: batchNorm != 0, activation: activation)
            return tensors.linear(name, input, outputs: outputs, linear, at: at)
        case .maxpool, .localAveragePool: return pool(name, input, kind, &options)
        case .avgpool: return tensors.passThrough(name, .globalAveragePool, ImportedEdge(input), at: at)
        case .shortcut, .sam: return shortcut(index, input, kind, &options)
        case .scaleChannels: return scaleChannels(index, input, &options)
        case .upsample:
            guard let stride = options.int("stride", 2), stride != 0 else {
                options.report(.invalidValue, "`stride` of `[upsample]` must not be 0", at: options.entry("stride")?.valueLocation ?? at)
                return nil
            }
            if stride > 0 { return tensors.passThrough(name, .upsample(scale: stride), ImportedEdge(input), at: at) }
            return tensors.passThrough(name, .averagePool(Pooling(kernel: AxisPair(-stride))), ImportedEdge(input), at: at)
        case .reorg3d:
            guard let stride = options.int("stride", 1, atLeast: 1) else { return nil }
            guard input.spatial.height % stride == 0, input.spatial.width % stride == 0 else {
                options.report(.channelMismatch, "`[reorg3d]` stride \(stride) does not divide its \(input.spatial.height)x\(input.spatial.width) input", at: at)
                return nil
            }
            return tensors.spaceToDepth(name, input, stride: stride, at: at)
        case .dropout: return tensors.passThrough(name, .dropout, ImportedEdge(input), at: at)
        case .activation:
            guard let activation = options.activation("linear") else { return nil }
            return tensors.passThrough(name, activation.map { .activation($0) } ?? .identity, ImportedEdge(input), at: at)
        case .batchnorm: return tensors.passThrough(name, .normalization, ImportedEdge(input), at: at)
        case .normalization, .empty: return tensors.passThrough(name, .identity, ImportedEdge(input), at: at)
        case .crop: return crop(name, input, index: index, &options)
        case .softmax:
            let output = tensors.passThrough(name, .identity, ImportedEdge(input), at: at)
            // darknet's softmax layer computes the cross-entropy itself unless a [cost] follows.
            if next != .cost, options.int("noloss", 0) == 0 {
                tensors.loss("\(name).loss", .crossEntropy, [ImportedEdge(output)], at: at)
            }
            return output
        case .cost:
            tensors.loss(name, .crossEntropy, [ImportedEdge(input)], at: at)
            return input
        case .yolo, .gaussianYolo, .region, .detection:
            guard checkHead(kind, input, &options) else { return nil }
            tensors.loss(name, .generic, [ImportedEdge(input)], at: at)
            return input
        case .net, .implicit, .route: return nil
        }
    }

    private mutating func convolution(_ name: String, _ input: ImportedTensor, _ options: inout DarknetOptions) -> ImportedTensor? {
        let at = options.section.location
        guard let filters = options.int("filters", 1, atLeast: 1), let size = options.int("size", 1, atLeast: 1),
              let stride = strides(&options), let pad = options.int("pad", 0), let explicit = options.int("padding", 0, atLeast: 0),
              let groups = options.int("groups", 1, atLeast: 1), var dilation = options.int("dilation", 1, atLeast: 1),
              let batchNorm = options.int("batch_normalize", 0), let activation = options.activation("logistic")
        else { return nil }
        if size == 1 { dilation = 1 }
        let padding = pad != 0 ? size / 2 : explicit
        guard input.channels % groups == 0, filters % groups == 0 else {
            options.report(.channelMismatch, "`groups=\(groups)` does not divide the \(input.channels) input channels and \(filters) filters",
                           at: options.entry("groups")?.valueLocation ?? at, notes: ["the input is \(input.darknetDescription)"])
            return nil
        }
        let convolution = Convolution(
            kernel: AxisPair(size), stride: stride, padding: AxisPair(padding * dilation), dilation: AxisPair(dilation), groups: groups,
            bias: batchNorm == 0, normalized: batchNorm != 0, activation: activation)
        guard let output = tensors.convolution(name, [ImportedEdge(input)], filters: filters, convolution, at: at) else {
            options.report(.channelMismatch, "a \(size)x\(size) convolution with stride \(stride) shrinks the \(input.darknetDescription) input to nothing", at: at)
            return nil
        }
        return output
    }

    /// `stride`, overridden per axis by `stride_y` (height) and `stride_x` (width).
    private mutating func strides(_ options: inout DarknetOptions) -> AxisPair? {
        guard let stride = options.int("stride", 1, atLeast: 1),
              let x = options.int("stride_x", stride, atLeast: 1), let y = options.int("stride_y", stride, atLeast: 1) else { return nil }
        return AxisPair(height: y, width: x)
    }

    /// darknet's pooling rule: out = (n + padding − size) / stride + 1 with `padding` the total
    /// (default size − 1), windows starting ⌊padding/2⌋ before the map: the IR pool pads
    /// ⌊padding/2⌋ before and the rest after, on each axis.
    private mutating func pool(_ name: String, _ input: ImportedTensor, _ kind: DarknetKind, _ options: inout DarknetOptions) -> ImportedTensor? {
        let at = options.section.location
        // darknet: `size` defaults to the `stride` key (not to stride_x/stride_y).
        guard let stride = strides(&options), let strideKey = options.int("stride", 1, atLeast: 1),
              let size = options.int("size", strideKey, atLeast: 1),
              let total = options.int("padding", size - 1, atLeast: 0) else { return nil }
        // Saturating: an earlier layer's size may already be past the limit (reported by the verifier).
        guard input.spatial.height.saturatingAdding(total).saturatingSubtracting(size) >= 0,
              input.spatial.width.saturatingAdding(total).saturatingSubtracting(size) >= 0 else {
            options.report(.channelMismatch, "a \(size)x\(size) pool shrinks the \(input.darknetDescription) input to nothing", at: at)
            return nil
        }
        let pooling = Pooling(kernel: AxisPair(size), stride: stride, padding: AxisPair(total / 2), trailingPadding: AxisPair(total - total / 2))
        return tensors.passThrough(name, kind == .maxpool ? .maxPool(pooling) : .averagePool(pooling), ImportedEdge(input), at: at)
    }

    /// `[crop]`: darknet's input crop and augmentation, valid as the first layer only. The input
    /// node already has the crop size (see ``DarknetLowering/inputCrop(_:)``), so the layer is
    /// an identity (no weights; gradient passes through).
    private mutating func crop(_ name: String, _ input: ImportedTensor, index: Int, _ options: inout DarknetOptions) -> ImportedTensor? {
        let at = options.section.location
        guard index == 0 else {
            options.report(.unsupportedConstruct, "`[crop]` is supported only as the first layer (darknet's input crop)", at: at,
                           label: "not the first layer")
            return nil
        }
        guard options.entry("crop_height") != nil, options.entry("crop_width") != nil else {
            options.report(.invalidField, "`[crop]` needs `crop_height` and `crop_width`", at: at, label: "crop size missing")
            return nil
        }
        guard let height = options.int("crop_height", 1, atLeast: 1), let width = options.int("crop_width", 1, atLeast: 1) else { return nil }
        guard input.spatial == Spatial(height: height, width: width) else {
            options.report(.channelMismatch, "`[crop]` of \(width) x \(height) is larger than the \(input.darknetDescription) input", at: at)
            return nil
        }
        return tensors.passThrough(name, .identity, ImportedEdge(input), at: at)
    }

    /// `[route] layers=… groups=g group_id=i`: slice i of g of every listed layer, side by side.
    private mutating func route(_ index: Int, _ options: inout DarknetOptions) -> ImportedTensor? {
        let at = options.section.location
        guard let found = references("layers", of: index, &options), let groups = options.int("groups", 1, atLeast: 1),
              let group = options.int("group_id", 0, atLeast: 0) else { return nil }
        guard let sources = found else { return nil }
        guard group < groups else {
            options.report(.invalidValue, "`group_id=\(group)` must be below `groups=\(groups)`", at: options.entry("group_id")?.valueLocation ?? at)
            return nil
        }
        var edges: [ImportedEdge] = []
        for source in sources {
            guard source.channels % groups == 0 else {
                options.report(.channelMismatch, "layer `\(source.name)` has \(source.channels) channels, which `groups=\(groups)` does not divide", at: at)
                return nil
            }
            let width = source.channels / groups
            edges.append(ImportedEdge(source, range: groups == 1 ? nil : ChannelRange(group * width, (group + 1) * width)))
        }
        guard sameSpatial(sources, &options) else { return nil }
        return tensors.concat(String(index), edges, at: at)
    }

    /// True when every tensor has the first one's spatial size (else E204 listing them).
    mutating func sameSpatial(_ sources: [ImportedTensor], _ options: inout DarknetOptions) -> Bool {
        guard let first = sources.first, sources.contains(where: { $0.spatial != first.spatial }) else { return true }
        options.report(.channelMismatch, "the layers of `[\(options.section.name)]` have different spatial sizes", at: options.section.location,
                       notes: sources.map { "layer \($0.name) outputs \($0.darknetDescription)" })
        return false
    }

    /// The filters a detection head needs from the layer before it (darknet asserts the same).
    private mutating func checkHead(_ kind: DarknetKind, _ input: ImportedTensor, _ options: inout DarknetOptions) -> Bool {
        guard let classes = options.int("classes", 20, atLeast: 0), let num = options.int("num", 1, atLeast: 1),
              let coords = options.int("coords", 4, atLeast: 0) else { return false }
        var anchors = num
        if kind == .yolo || kind == .gaussianYolo, options.entry("mask") != nil {
            guard let mask = options.intList("mask") else { return false }
            anchors = mask.count
        }
        let expected: Int
        let formula: String
        switch kind {
        case .yolo: (expected, formula) = (anchors * (classes + 5), "\(anchors) masks x (\(classes) classes + 5)")
        case .gaussianYolo: (expected, formula) = (anchors * (classes + 9), "\(anchors) masks x (\(classes) classes + 9)")
        case .region: (expected, formula) = (num * (classes + coords + 1), "\(num) anchors x (\(classes) classes + \(coords) coords + 1)")
        default:
            guard let side = options.int("side", 7, atLeast: 1) else { return false }
            // Saturating: every factor is at most 2**30, their products are not.
            let total = side.saturatingMultiplied(by: side).saturatingMultiplied(by: ((coords + 1) * num).saturatingAdding(classes))
            let given = input.channels.saturatingMultiplied(by: input.spatial.area)
            guard given == total else {
                options.report(.channelMismatch, "`[detection]` expects \(total) inputs, the previous layer gives \(given)", at: options.section.location)
                return false
            }
            return true
        }
        guard input.channels == expected else {
            options.report(.channelMismatch, "`[\(options.section.name)]` needs \(expected) channels (\(formula)) but the previous layer has \(input.channels)",
                           at: options.section.location, label: "head width mismatch",
                           helps: ["set `filters=\(expected)` in the convolution before this head"])
            return false
        }
        return true
    }
}
