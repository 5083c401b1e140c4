import GPathDiagnostics
import GPathIR

/// Ops that change height and width: pooling windows, global pooling, Resize/Upsample, Pad;
/// the window geometry Conv shares; and the NCHW layout they all read.
extension ONNXLowering {
    /// A convolution or pooling window (one value per axis) with its ONNX padding and output size.
    struct Window {
        var kernel: AxisPair
        var stride: AxisPair
        var dilation: AxisPair
        /// Begin paddings (top, left) as ONNX gives them, after any folded Pad.
        var padBegin: AxisPair
        /// Input size before any folded Pad (what the IR layer reads).
        var inputHeight: Int?
        var inputWidth: Int?
        var outputHeight: Int?
        var outputWidth: Int?
    }

    /// Reads kernel, strides, dilations, pads, `auto_pad` and `ceil_mode` of node `position`
    /// (plus a pending Pad of its input) and computes the ONNX output size.
    mutating func window(_ position: Int, input: ONNXDataValue, kernel: [Int]) -> Window? {
        let node = graph.node[position]
        let strides = node.ints("strides") ?? [1, 1]
        let dilations = node.ints("dilations") ?? [1, 1]
        var pads = node.ints("pads") ?? [0, 0, 0, 0]
        let autoPad = node.string("auto_pad", default: "NOTSET")
        let pending = input.pendingPads ?? [0, 0, 0, 0]
        let inputHeight = input.shape[2].map { $0 - pending[0] - pending[2] }
        let inputWidth = input.shape[3].map { $0 - pending[1] - pending[3] }
        if input.pendingPads != nil {
            guard autoPad == "NOTSET" || autoPad.isEmpty || autoPad == "VALID", pads.count == 4 else {
                fail(position, "a folded Pad together with auto_pad \(autoPad)")
                return nil
            }
            pads = zip(pads, pending).map(+)
        }
        guard kernel.count == 2, strides.count == 2, dilations.count == 2, pads.count == 4 else {
            fail(position, "only 2-D windows are supported (kernel \(ONNXShapes.describe(kernel)))")
            return nil
        }
        guard kernel.allSatisfy({ $0 >= 1 }), strides.allSatisfy({ $0 >= 1 }), dilations.allSatisfy({ $0 >= 1 }), pads.allSatisfy({ $0 >= 0 }) else {
            fail(position, "kernel, stride and dilation must be positive and pads non-negative", code: .invalidValue)
            return nil
        }
        guard (kernel + strides + dilations + pads).allSatisfy({ $0 <= Limits.maximumExtent }),
              kernel.indices.allSatisfy({ dilations[$0] * (kernel[$0] - 1) <= Limits.maximumExtent })
        else {
            fail(position, "kernel \(kernel), strides \(strides), dilations \(dilations) or pads \(pads) beyond gpath's limit of \(Limits.extentDescription)", code: .sizeLimit)
            return nil
        }
        let ceilMode = node.int("ceil_mode", default: 0) != 0
        func size(_ n: Int?, axis: Int) -> Int? {
            n.map {
                ONNXShapes.windowOutput(
                    input: $0, kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis],
                    padBegin: pads[axis], padEnd: pads[axis + 2], autoPad: autoPad, ceilMode: ceilMode)
            }
        }
        func begin(_ axis: Int) -> Int {
            autoPad.hasPrefix("SAME") ? dilations[axis] * (kernel[axis] - 1) / 2 : autoPad == "VALID" ? 0 : pads[axis]
        }
        let window = Window(
            kernel: AxisPair(height: kernel[0], width: kernel[1]), stride: AxisPair(height: strides[0], width: strides[1]),
            dilation: AxisPair(height: dilations[0], width: dilations[1]), padBegin: AxisPair(height: begin(0), width: begin(1)),
            inputHeight: inputHeight, inputWidth: inputWidth,
            outputHeight: size(inputHeight, axis: 0), outputWidth: size(inputWidth, axis: 1))
        if let h = window.outputHeight, let w = window.outputWidth, h < 1 || w < 1 {
            fail(position, "the window shrinks the \(inputHeight ?? 0)x\(inputWidth ?? 0) input to nothing", code: .channelMismatch)
            return nil
        }
        return window
    }

    /// The symmetric IR padding, per axis, reproducing `window`'s ONNX output size (see
    /// ``ONNXShapes/equivalentPadding``); the begin padding when the input size is symbolic.
    /// `size(axis, input, padding)` is the IR layer's output size along `axis` (0 height, 1 width).
    func irPadding(_ window: Window, input: ONNXDataValue, size: @escaping (Int, Int, Int) -> Int) -> AxisPair? {
        guard let h = window.inputHeight, let w = window.inputWidth, let oh = window.outputHeight, let ow = window.outputWidth else {
            return window.padBegin
        }
        guard let height = ONNXShapes.equivalentPadding(
                preferred: window.padBegin.height, limit: window.dilation.height * window.kernel.height + 1,
                pairs: [(h, oh)], size: { size(0, $0, $1) }),
              let width = ONNXShapes.equivalentPadding(
                preferred: window.padBegin.width, limit: window.dilation.width * window.kernel.width + 1,
                pairs: [(w, ow)], size: { size(1, $0, $1) })
        else { return nil }
        return AxisPair(height: height, width: width)
    }

    mutating func failPadding(_ position: Int, _ window: Window) {
        fail(position, "no symmetric padding reproduces the \(window.outputHeight ?? 0)x\(window.outputWidth ?? 0) output of this window")
    }

    /// `value` as an NCHW map (channels on axis 1, positions in IR order), its IR map regrouped
    /// to the ONNX H×W when `regroup` (a window reads neighbours, so the map must be the real
    /// one; the regrouping is exact because the positions are aligned).
    mutating func mapLayout(_ value: ONNXDataValue, _ position: Int, regroup: Bool) -> ONNXDataValue? {
        guard value.rank == 4 || value.rank == 2, var layout = channelLayout(value, axis: 1, position) else { return nil }
        if regroup, value.rank == 4, let h = layout.shape[2], let w = layout.shape[3], map(of: layout) != Spatial(height: h, width: w),
           map(of: layout)?.area == h * w {
            layout = regrouped(layout, to: Spatial(height: h, width: w), position, label: "map")
        }
        return layout
    }

    mutating func lowerPooling(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position, allowPending: true) else { return }
        guard raw.pendingStep == nil, raw.rank == 4, let input = raw.pendingPads == nil ? mapLayout(raw, position, regroup: true) : raw else {
            return fail(position, "needs a 4-D NCHW feature map, got shape \(ONNXShapes.describe(raw.shape))")
        }
        guard let kernel = node.ints("kernel_shape") else {
            return fail(position, "has no `kernel_shape`", code: .invalidValue)
        }
        guard let window = window(position, input: input, kernel: kernel) else { return }
        guard window.dilation == 1 else { return fail(position, "dilated pooling is not supported") }
        let padding = irPadding(window, input: input) { axis, n, padding in
            Pooling.outputSize(n, kernel: axis == 0 ? window.kernel.height : window.kernel.width,
                               stride: axis == 0 ? window.stride.height : window.stride.width, padding: padding)
        }
        guard let padding else { return failPadding(position, window) }
        let pooling = Pooling(kernel: window.kernel, stride: window.stride, padding: padding)
        var clean = input
        clean.pendingPads = nil
        planPassThrough(position, node.opType == "MaxPool" ? .maxPool(pooling) : .averagePool(pooling),
                        input: clean, shape: [input.shape[0], input.width, window.outputHeight, window.outputWidth])
    }

    /// GlobalAveragePool/GlobalMaxPool, and ReduceMean/ReduceMax over H and W (how TensorFlow
    /// exports global pooling).
    mutating func lowerGlobalPooling(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position), raw.rank == 4, let input = mapLayout(raw, position, regroup: false) else {
            return fail(position, "needs a 4-D NCHW feature map")
        }
        var keepDims = true
        if node.opType.hasPrefix("Reduce") {
            let axes = (node.ints("axes") ?? integerInput(node, 1))?.map { $0 < 0 ? $0 + 4 : $0 }.sorted()
            guard axes == [2, 3] else {
                return fail(position, "reduces axes \(axes.map { "\($0)" } ?? "all"); gpath lowers only a reduction over H and W (global pooling)")
            }
            keepDims = node.int("keepdims", default: 1) != 0
        }
        let kind: PassThrough = node.opType.hasSuffix("Max") || node.opType == "GlobalMaxPool" ? .globalMaxPool : .globalAveragePool
        planPassThrough(position, kind, input: input, shape: keepDims ? [input.shape[0], input.width, 1, 1] : [input.shape[0], input.width])
    }

    /// Resize (scales or sizes input) and Upsample (scales attribute ≤ opset 8, input from 9):
    /// an integer, equal scale on H and W becomes nearest upsampling.
    mutating func lowerResize(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position), raw.rank == 4, let input = mapLayout(raw, position, regroup: true) else {
            return fail(position, "needs a 4-D NCHW feature map")
        }
        var scales: [Double]?
        if let sizes = integerInput(node, 3), sizes.count == 4, let h = input.shape[2], let w = input.shape[3], h > 0, w > 0 {
            scales = [1, 1, Double(sizes[2]) / Double(h), Double(sizes[3]) / Double(w)]
        } else if node.opType == "Upsample", let attribute = node.floats("scales") {
            scales = attribute
        } else {
            for index in (node.opType == "Upsample" ? [1] : [2, 1]) {
                if let constant = constantInput(node, index), (constant.elementCount ?? 0) > 0, let found = numbers(constant) {
                    scales = found
                    break
                }
            }
        }
        guard let scales, scales.count == 4 else {
            return fail(position, "needs constant `scales` or `sizes` for a 4-D input", code: .invalidValue)
        }
        guard scales[0] == 1, scales[1] == 1, scales[2] == scales[3], scales[2] >= 1, scales[2] == scales[2].rounded() else {
            return fail(position, "scales \(scales.map { "\($0)" }.joined(separator: ", ")); gpath lowers only an integer upsampling equal on H and W")
        }
        guard scales[2] <= Double(Limits.maximumExtent) else {
            return fail(position, "scale \(scales[2]) is beyond gpath's limit of \(Limits.extentDescription)", code: .sizeLimit)
        }
        let factor = Int(scales[2])
        guard factor > 1 else { return setOutput(position, input) }
        planPassThrough(position, .upsample(scale: factor), input: input,
                        shape: [input.shape[0], input.width, input.shape[2].map { $0 * factor }, input.shape[3].map { $0 * factor }])
    }

    /// Pad on H and W is held on the value and folded into the following Conv or pooling;
    /// padding the batch or channel axes is not supported.
    mutating func lowerPad(_ position: Int) {
        let node = graph.node[position]
        guard let raw = dataInput(position, allowPending: true) else { return }
        let pads = node.ints("pads") ?? node.ints("paddings") ?? integerInput(node, 1)
        if let pads, pads.allSatisfy({ $0 == 0 }) { return setOutput(position, raw) }
        guard raw.rank == 4, raw.pendingStep == nil,
              let input = raw.pendingPads == nil ? mapLayout(raw, position, regroup: true) : raw else {
            return fail(position, "needs a 4-D NCHW feature map")
        }
        guard let pads, pads.count == 8 else {
            return fail(position, "needs 8 constant pads for a 4-D input", code: .invalidValue)
        }
        if let axes = integerInput(node, 3), axes.map({ $0 < 0 ? $0 + 4 : $0 }) != [0, 1, 2, 3] {
            return fail(position, "an `axes` input other than all four axes is not supported")
        }
        guard pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0 else {
            return fail(position, "pads the batch or channel axis")
        }
        let added = [pads[2], pads[3], pads[6], pads[7]]
        guard added.allSatisfy({ $0 >= 0 }) else { return fail(position, "negative pads (cropping) are not supported") }
        var output = input
        output.pendingPads = zip(input.pendingPads ?? [0, 0, 0, 0], added).map(+)
        if output.pendingPads == [0, 0, 0, 0] { output.pendingPads = nil }
        output.shape[2] = input.shape[2].map { $0 + added[0] + added[2] }
        output.shape[3] = input.shape[3].map { $0 + added[1] + added[3] }
        setOutput(position, output)
    }
}
