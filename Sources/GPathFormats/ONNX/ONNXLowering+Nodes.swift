import GPathDiagnostics
import GPathIR

/// Per-node dispatch and the helpers every op's lowering shares.
extension ONNXLowering {
    /// Lowers node `position`: folds it when all its inputs are constants, otherwise hands it
    /// to its op's rule.
    mutating func lower(_ position: Int) {
        let node = graph.node[position]
        let inputs = node.input.filter { !$0.isEmpty }.map { value($0) }
        if inputs.contains(where: { if case .failed? = $0 { true } else { false } }) {
            for output in node.output where !output.isEmpty { values[output] = .failed }
            return
        }
        if identityNodes.contains(position) { return lowerAsIdentity(position) }
        if let pattern = patterns[position] { return lowerPattern(position, pattern) }
        let allConstant = inputs.allSatisfy { if case .constant? = $0 { true } else { false } }
        if allConstant { return fold(position) }
        switch node.opType {
        case "Conv": lowerConvolution(position)
        case "ConvTranspose": lowerTransposedConvolution(position)
        case "MatMul" where inputs.count == 2 && inputs.allSatisfy({ if case .data? = $0 { true } else { false } }):
            lowerMatrixProduct(position)
        case "Gemm", "MatMul": lowerLinear(position)
        case "BatchNormalization", "InstanceNormalization", "GroupNormalization": lowerNormalization(position)
        case "LayerNormalization": lowerLayerNorm(position)
        case "Add", "Sum", "Sub", "Mul", "Div": lowerElementwise(position)
        case "Concat": lowerConcat(position)
        case "Split": lowerSplit(position)
        case "Slice": lowerSlice(position)
        case "Gather": lowerGather(position)
        case "MaxPool", "AveragePool": lowerPooling(position)
        case "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax": lowerGlobalPooling(position)
        case "Resize", "Upsample": lowerResize(position)
        case "Pad": lowerPad(position)
        case "Flatten", "Reshape", "Squeeze", "Unsqueeze": lowerReshape(position)
        case "Transpose": lowerTranspose(position)
        case "Softmax", "LogSoftmax": lowerSoftmax(position)
        case "Identity", "Dropout", "Cast": lowerAlias(position)
        case "Shape": lowerShape(position)
        case "Constant", "ConstantOfShape", "Expand": fail(position, "reads a feature map where gpath expects constants")
        default:
            if let activation = Self.activations[node.opType] {
                lowerActivation(position, activation)
            } else {
                fail(position, "reads a feature map; gpath lowers `\(node.opType)` only on constants or inside a GELU or LayerNorm pattern")
            }
        }
    }

    // MARK: - Inputs

    /// The feature map at input `index`, reporting (once) when it is missing or a constant.
    /// Unless allowed, a pending Pad or one-axis subsampling is refused, a pending crop is made a
    /// token slice, and blocks (attention windows) are joined into one.
    mutating func dataInput(_ position: Int, _ index: Int = 0, allowPending: Bool = false, allowBlocks: Bool = false) -> ONNXDataValue? {
        let node = graph.node[position]
        guard let name = node.input(at: index) else {
            fail(position, "input \(index) is missing", code: .wrongArity)
            return nil
        }
        switch value(name) {
        case .data(var data)?:
            if !allowPending, data.pendingStep != nil || data.pendingPads != nil {
                fail(position, "reads `\(name)`, a Pad or a one-axis spatial Slice gpath can only fold into a following Conv, pooling or second Slice")
                return nil
            }
            if !allowPending, data.pendingCrop != nil {
                guard let realized = realizedCrop(data) else { return nil }
                data = realized
            }
            return allowBlocks ? data : materialized(data, position)
        case .constant?:
            fail(position, "input \(index) `\(name)` is a constant where gpath expects a feature map", code: .typeMismatch)
            return nil
        case .failed?, nil:
            for output in node.output where !output.isEmpty { values[output] = .failed }
            return nil
        }
    }

    /// The weight at input `index` with exactly `rank` dims (any rank when nil).
    mutating func weightInput(_ position: Int, _ index: Int, rank: Int? = nil) -> [Int]? {
        let node = graph.node[position]
        guard let constant = constantInput(node, index), let dims = constant.dims else {
            let name = node.input(at: index).map { "`\($0)`" } ?? "input \(index)"
            fail(position, "weight \(name) is not an initializer or a constant with known dims", code: .invalidValue,
                 notes: ["gpath reads weight shapes from initializers, IR<4 graph inputs with an initializer, Constant and ConstantOfShape nodes"])
            return nil
        }
        if let rank, dims.count != rank {
            fail(position, "weight `\(node.input[index])` has shape \(ONNXShapes.describe(dims)), expected \(rank) dims", code: .channelMismatch)
            return nil
        }
        // A ConstantOfShape can be given any shape, negative entries included.
        if dims.contains(where: { $0 < 0 }) {
            fail(position, "weight `\(node.input[index])` has shape \(ONNXShapes.describe(dims)), with a negative dimension", code: .invalidValue)
            return nil
        }
        return dims
    }

    // MARK: - Outputs

    /// Sets output `index` of node `position` to `value`.
    mutating func setOutput(_ position: Int, _ value: ONNXDataValue, index: Int = 0) {
        let outputs = graph.node[position].output
        guard index < outputs.count, !outputs[index].isEmpty else { return }
        values[outputs[index]] = .data(value)
    }

    /// Plans a node named after ONNX node `position` reading `edges`, and makes it output 0:
    /// `layout` (a value whose axes describe the output) with the node's channels, or an NCHW
    /// value of `shape`.
    @discardableResult
    mutating func planNode(
        _ position: Int, op: Op, channels: Int? = nil, edges: [PlannedEdge], shape: [Int?], name: String? = nil,
        layout: ONNXDataValue? = nil
    ) -> Int {
        let output = graph.node[position].output.first
        let index = plan(PlannedNode(
            name: name ?? nodeNames[position], op: op, channels: channels, inputs: edges, tensor: name == nil ? output : nil))
        let segment = ONNXSegment(node: index, range: ChannelRange(0, planned[index].channels ?? 0))
        if var layout {
            layout.segments = [segment]
            layout.shape = shape
            setOutput(position, layout)
        } else {
            setOutput(position, ONNXDataValue(segments: [segment], shape: shape))
        }
        return index
    }

    /// A pass-through node reading `input` whole (its channels gathered into one node first
    /// when they come from several). The output keeps `input`'s axes when `shape`
    /// is its shape (an activation), else it is an NCHW map of `shape` (pooling).
    mutating func planPassThrough(_ position: Int, _ kind: PassThrough, input: ONNXDataValue, shape: [Int?]) {
        planNode(position, op: .passThrough(kind), edges: [PlannedEdge(segment: single(input.segments, position))], shape: shape,
                 layout: shape == input.shape ? input : nil)
    }

    /// Output 0 is input 0 (Identity, Dropout, Cast): no node.
    mutating func lowerAlias(_ position: Int) {
        guard let input = dataInput(position, allowPending: true, allowBlocks: true) else { return }
        setOutput(position, input)
    }

    /// `--treat-unknown-as identity`: every output is the first feature-map input.
    mutating func lowerAsIdentity(_ position: Int) {
        let node = graph.node[position]
        var first: ONNXDataValue?
        for name in node.input where !name.isEmpty {
            if case .data(let data)? = values[name] {
                first = data
                break
            }
        }
        guard let first else {
            fold(position)
            return
        }
        for index in node.output.indices { setOutput(position, first, index: index) }
    }

    /// `Shape` of a feature map: a constant (batch counted as 1).
    mutating func lowerShape(_ position: Int) {
        guard let input = dataInput(position, allowPending: true) else { return }
        var dims = input.shape.map { $0 ?? 1 }
        let node = graph.node[position]
        let rank = dims.count
        let start = normalized(node.int("start", default: 0), rank: rank + 1).map { min($0, rank) } ?? 0
        let end = node.attribute("end").map { min(max($0.i < 0 ? Int($0.i) + rank : Int($0.i), 0), rank) } ?? rank
        dims = start < end ? Array(dims[start..<end]) : []
        if let output = node.output.first {
            values[output] = .constant(ONNXConstant(dims: [dims.count], values: dims.map(Double.init)))
        }
    }

    /// The planned node behind `tensor` when a following op may fold into it: a
    /// convolution or linear layer whose output only this op reads.
    func foldTarget(_ tensor: String, _ value: ONNXDataValue) -> Int? {
        guard consumerCount[tensor] == 1, value.segments.count == 1, let segment = value.segments.first,
              planned[segment.node].tensor == tensor, segment.range.lower == 0,
              segment.range.width == planned[segment.node].channels else { return nil }
        switch planned[segment.node].op {
        case .convolution, .linear: return segment.node
        default: return nil
        }
    }
}
