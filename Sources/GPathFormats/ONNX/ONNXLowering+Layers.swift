import GPathDiagnostics
import GPathIR

/// Weighted layers (Conv, ConvTranspose, Gemm, MatMul with a weight) and what folds into
/// them (BatchNormalization, activations, SiLU's Sigmoid+Mul, Erf GELU).
extension ONNXLowering {
    /// ONNX activation op types and the IR activation each becomes. Ops without an exact IR
    /// counterpart take the closest shape of curve (documented in `docs/onnx.md`); the gradient
    /// routes the same way through all of them.
    static let activations: [String: Activation] = [
        "Relu": .relu, "LeakyRelu": .leakyRelu, "PRelu": .leakyRelu, "Sigmoid": .sigmoid,
        "HardSigmoid": .sigmoid, "Tanh": .tanh, "HardSwish": .hardSwish, "Mish": .mish, "Gelu": .gelu,
        "Clip": .relu, "Elu": .leakyRelu, "Selu": .leakyRelu, "Celu": .leakyRelu, "Softplus": .relu,
        "Softsign": .tanh, "ThresholdedRelu": .relu,
    ]

    mutating func lowerConvolution(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position, allowPending: true) else { return }
        guard raw.pendingStep == nil, raw.rank == 4 else {
            return fail(position, "needs a 4-D NCHW feature map, got shape \(ONNXShapes.describe(raw.shape))")
        }
        guard let weight = weightInput(position, 1, rank: 4) else { return }
        let kernel = node.ints("kernel_shape") ?? [weight[2], weight[3]]
        let pointwise = kernel == [1, 1] && (node.ints("strides") ?? [1, 1]) == [1, 1]
            && (node.ints("pads") ?? [0, 0, 0, 0]).allSatisfy { $0 == 0 } && raw.pendingPads == nil
        guard let input = raw.pendingPads == nil ? mapLayout(raw, position, regroup: !pointwise) : raw else { return }
        let groups = node.int("group", default: 1)
        guard let window = window(position, input: input, kernel: kernel) else { return }
        guard groups >= 1, input.width == weight[1] * groups else {
            return fail(position, "input has \(input.width) channels but weight \(ONNXShapes.describe(weight)) with group \(groups) expects \(weight[1] * groups)", code: .channelMismatch)
        }
        let padding = irPadding(window, input: input) { axis, n, padding in
            axis == 0
                ? Convolution.outputSize(n, kernel: window.kernel.height, stride: window.stride.height, padding: padding, dilation: window.dilation.height)
                : Convolution.outputSize(n, kernel: window.kernel.width, stride: window.stride.width, padding: padding, dilation: window.dilation.width)
        }
        guard let padding else { return failPadding(position, window) }
        let convolution = Convolution(
            kernel: window.kernel, stride: window.stride, padding: padding, dilation: window.dilation,
            groups: groups, bias: node.input(at: 2) != nil)
        var output = input
        output.axes[1] = weight[0] > 1 ? [ONNXFactor(size: weight[0], role: .channel, rank: [0])] : []
        planNode(position, op: .convolution(convolution), channels: weight[0],
                 edges: input.segments.map { PlannedEdge(segment: $0) },
                 shape: [input.shape[0], weight[0], window.outputHeight, window.outputWidth],
                 layout: pointwise ? output : nil)
    }

    /// ConvTranspose: the weights and MACs of a stride-1 convolution over the input (each
    /// input pixel meets every kernel tap once), then a nearest upsample ×stride named
    /// `<node>/upsample` — exact when the output is input × stride, the usual decoder case.
    mutating func lowerTransposedConvolution(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position), raw.rank == 4, let input = mapLayout(raw, position, regroup: true) else {
            return fail(position, "needs a 4-D NCHW feature map")
        }
        guard let weight = weightInput(position, 1, rank: 4) else { return }
        let groups = node.int("group", default: 1)
        let kernel = node.ints("kernel_shape") ?? [weight[2], weight[3]]
        let strides = node.ints("strides") ?? [1, 1]
        let dilations = node.ints("dilations") ?? [1, 1]
        guard kernel.count == 2, strides.count == 2, dilations.count == 2 else {
            return fail(position, "only 2-D windows are supported (kernel \(ONNXShapes.describe(kernel)))")
        }
        guard strides[0] == strides[1] else {
            return fail(position, "stride \(strides[0])x\(strides[1]); gpath lowers ConvTranspose as a nearest upsample, which scales both axes alike")
        }
        guard kernel.allSatisfy({ $0 >= 1 }), strides[0] >= 1, dilations.allSatisfy({ $0 >= 1 }) else {
            return fail(position, "kernel, stride and dilation must be positive", code: .invalidValue)
        }
        guard input.width == weight[0] else {
            return fail(position, "input has \(input.width) channels but weight \(ONNXShapes.describe(weight)) expects \(weight[0])", code: .channelMismatch)
        }
        let s = strides[0]
        let pads = node.ints("pads") ?? [0, 0, 0, 0]
        let extra = node.ints("output_padding") ?? [0, 0]
        let autoPad = node.string("auto_pad", default: "NOTSET")
        func output(_ n: Int?, axis: Int) -> Int? {
            guard let n else { return nil }
            if let shape = node.ints("output_shape"), shape.count >= 2 { return shape[shape.count - 2 + axis] }
            if autoPad.hasPrefix("SAME") { return n * s }
            return s * (n - 1) + (extra.count > axis ? extra[axis] : 0) + dilations[axis] * (kernel[axis] - 1) + 1
                - (pads.count == 4 ? pads[axis] + pads[axis + 2] : 0)
        }
        let (height, width) = (output(input.shape[2], axis: 0), output(input.shape[3], axis: 1))
        if let h = input.shape[2], let w = input.shape[3], height != h * s || width != w * s {
            return fail(position, "output \(height ?? 0)x\(width ?? 0) is not the input \(h)x\(w) times the stride \(s); gpath represents only that geometry")
        }
        // The same-size stride-1 convolution over the input: an even span d(k − 1) pads by half
        // of it; an odd span doubles the dilation so a symmetric padding keeps the size (the
        // weights and MACs, which count kernel taps, are unchanged).
        func axis(_ axis: Int) -> (dilation: Int, padding: Int) {
            let span = dilations[axis] * (kernel[axis] - 1)
            return span % 2 == 0 ? (dilations[axis], span / 2) : (2 * dilations[axis], span)
        }
        let (rows, columns) = (axis(0), axis(1))
        let convolution = Convolution(
            kernel: AxisPair(height: kernel[0], width: kernel[1]), stride: 1,
            padding: AxisPair(height: rows.padding, width: columns.padding),
            dilation: AxisPair(height: rows.dilation, width: columns.dilation),
            groups: groups, bias: node.input(at: 2) != nil)
        let channels = weight[1] * groups
        let shape: [Int?] = [input.shape[0], channels, height, width]
        let layer = planNode(position, op: .convolution(convolution), channels: channels,
                             edges: input.segments.map { PlannedEdge(segment: $0) }, shape: shape)
        guard s > 1 else { return }
        let upsample = plan(PlannedNode(
            name: uniqueName("\(nodeNames[position])/upsample"), op: .passThrough(.upsample(scale: s)),
            inputs: [PlannedEdge(segment: ONNXSegment(node: layer, range: ChannelRange(0, channels)))]))
        setOutput(position, ONNXDataValue(segments: [ONNXSegment(node: upsample, range: ChannelRange(0, channels))], shape: shape))
    }

    /// Gemm (`A·B + C`, optional transB) and MatMul with a constant right-hand side. Over a
    /// channel axis with positions on other axes (tokens, a channels-last map) it is a 1×1
    /// convolution: the same weight at every position, exact params and MACs. Over a vector (or
    /// a flattened map) it is a linear layer reading every value.
    mutating func lowerLinear(_ position: Int) {
        let node = graph.node[position]
        if node.opType == "MatMul", constantInput(node, 0) != nil {
            return fail(position, "multiplies a constant by a feature map (W·x); gpath lowers MatMul with the weight as the second operand")
        }
        guard let input = dataInput(position) else { return }
        guard node.opType == "MatMul" || node.int("transA", default: 0) == 0 else {
            return fail(position, "transA=1 (the batch on the second axis) is not a fully connected layer")
        }
        guard input.rank >= 2, node.opType == "MatMul" || input.rank == 2 else {
            return fail(position, "needs a 2-D [batch, features] input, got shape \(ONNXShapes.describe(input.shape))")
        }
        guard let weight = weightInput(position, 1, rank: 2) else { return }
        let transposed = node.opType == "Gemm" && node.int("transB", default: 0) != 0
        let (features, outputs) = transposed ? (weight[1], weight[0]) : (weight[0], weight[1])
        let axis = input.rank - 1
        if let actual = input.shape[axis], actual != features {
            return fail(position, "input has \(actual) features but weight \(ONNXShapes.describe(weight)) expects \(features)", code: .channelMismatch)
        }
        let bias = node.opType == "Gemm" && node.input(at: 2) != nil
        var shape = input.shape
        shape[axis] = outputs
        let perPosition = input.positionCount > 1 && input.axes[axis].allSatisfy { $0.role == .channel }
        if perPosition {
            guard let layout = channelLayout(input, axis: axis, position) else { return }
            var output = layout
            output.axes[axis] = outputs > 1 ? [ONNXFactor(size: outputs, role: .channel, rank: [0])] : []
            planNode(position, op: .convolution(Convolution(kernel: 1, bias: bias)), channels: outputs,
                     edges: layout.segments.map { PlannedEdge(segment: $0) }, shape: shape, layout: output)
            return
        }
        guard input.axes.enumerated().allSatisfy({ $0.offset == axis || $0.element.isEmpty }) else {
            return fail(position, "multiplies a \(ONNXShapes.describe(input.shape)) tensor whose last axis \(input.axes[axis].contains { $0.role == .channel } ? "mixes channels and positions while other axes hold positions" : "holds positions"); gpath lowers MatMul/Gemm over a channel axis or a whole vector")
        }
        var output = input
        output.axes[axis] = outputs > 1 ? [ONNXFactor(size: outputs, role: .channel, rank: [0])] : []
        planNode(position, op: .linear(Linear(bias: bias)), channels: outputs,
                 edges: input.segments.map { PlannedEdge(segment: $0) }, shape: shape, layout: output)
    }

    /// BatchNormalization folds into the convolution or linear layer it follows (when that
    /// layer's output feeds nothing else); otherwise, and for InstanceNormalization, it is a
    /// normalisation node (2 × channels trainable parameters). GroupNormalization is a
    /// `groupnorm` node.
    mutating func lowerNormalization(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position), let input = channelLayout(raw, axis: min(1, raw.rank - 1), position) else { return }
        if node.opType == "GroupNormalization" {
            let groups = node.int("num_groups", default: 1)
            planNode(position, op: .groupNorm(groups: groups), channels: input.width,
                     edges: [PlannedEdge(segment: single(input.segments, position))], shape: input.shape, layout: input)
            return
        }
        if node.opType == "BatchNormalization", let tensor = node.input.first, let target = foldTarget(tensor, input) {
            var done = true
            switch planned[target].op {
            case .convolution(var c) where !c.normalized && c.activation == nil:
                c.normalized = true
                planned[target].op = .convolution(c)
            case .linear(var l) where !l.normalized && l.activation == nil:
                l.normalized = true
                planned[target].op = .linear(l)
            default:
                done = false
            }
            if done { return refold(position, target, input) }
        }
        planPassThrough(position, .normalization, input: input, shape: input.shape)
    }

    /// A standalone activation, folded into the layer it follows when possible.
    mutating func lowerActivation(_ position: Int, _ activation: Activation) {
        guard let input = dataInput(position), let tensor = graph.node[position].input.first else { return }
        applyActivation(position, activation, input: input, tensor: tensor)
    }

    /// The node completing a pattern: an activation (SiLU, HardSwish, GELU) or a LayerNorm.
    mutating func lowerPattern(_ position: Int, _ pattern: ONNXPattern) {
        let tensor = switch pattern {
        case .activation(_, let input), .layerNorm(let input, _): input
        }
        guard case .data(var input)? = value(tensor) else {
            return fail(position, "`\(tensor)` is not a feature map", code: .typeMismatch)
        }
        if input.pendingCrop != nil {
            guard let realized = realizedCrop(input) else { return }
            input = realized
        }
        input = materialized(input, position)
        switch pattern {
        case .activation(let activation, _):
            applyActivation(position, activation, input: input, tensor: tensor)
        case .layerNorm(_, let mean):
            let node = graph.node[mean]
            guard let axes = node.ints("axes") ?? integerInput(node, 1) else {
                return fail(position, "the LayerNorm's ReduceMean has no constant axes", code: .invalidValue)
            }
            planLayerNorm(position, input: input, axes: axes)
        }
    }

    private mutating func applyActivation(_ position: Int, _ activation: Activation, input: ONNXDataValue, tensor: String) {
        if let target = foldTarget(tensor, input) {
            switch planned[target].op {
            case .convolution(var c) where c.activation == nil:
                c.activation = activation
                planned[target].op = .convolution(c)
                return refold(position, target, input)
            case .linear(var l) where l.activation == nil:
                l.activation = activation
                planned[target].op = .linear(l)
                return refold(position, target, input)
            default:
                break
            }
        }
        planPassThrough(position, .activation(activation), input: input, shape: input.shape)
    }

    /// After folding node `position` into planned layer `target`, the layer's output is the
    /// node's output.
    func refoldTensor(_ position: Int) -> String? { graph.node[position].output.first }

    mutating func refold(_ position: Int, _ target: Int, _ input: ONNXDataValue) {
        planned[target].tensor = refoldTensor(position)
        setOutput(position, input)
    }
}
