import GPathDiagnostics
import GPathIR

/// Applying one op: argument binding (E203/E207/E210), value checks (E208), add placement
/// (E204), and the node and edges it becomes.
extension NetExpander {
    mutating func applyOperation(
        _ op: NetOperation, _ call: NetCall, previous: NetOperand?, normalized: Bool, activation: Activation?,
        name: String?, nameSpan: NetSpan?, in scope: inout NetScope
    ) -> NetOperand? {
        guard op.kind != .split else {
            report(.wrongArity, "`split` produces several tensors and needs names", at: call.span, in: scope, helps: ["write `a, b = split(x)`"])
            return nil
        }
        guard let (tensors, values) = bindArguments(op, call, in: scope) else { return nil }
        var inputs: [NetOperand] = []
        if let previous {
            inputs = [previous] + tensors
        } else if !tensors.isEmpty {
            inputs = tensors
            if op.isMerge, tensors.count == 1 {
                report(.wrongArity, "`\(call.name)` needs at least two operands", at: call.span, in: scope, label: "only one given",
                       helps: ["to combine with the previous output chain it: `… \(call.name)(x)`; for a one-input \(call.name) write `x -> \(call.name)()`"])
                return nil
            }
        } else {
            switch scope.current {
            case .tensor(let operand)?: inputs = [operand]
            case .poisoned?:
                // The chain broke earlier (already reported): still check this op's own values.
                _ = makeOp(op, call, inputs: nil, values: values, normalized: normalized, activation: activation, in: scope)
                return nil
            default:
                report(.wrongArity, "`\(call.name)` has no input", at: call.span, in: scope, label: "nothing precedes it",
                       helps: ["declare an `input` first, or pass a tensor: `\(call.name)(x, …)`"])
                return nil
            }
        }
        if op.kind != .add, let placed = inputs.first(where: { $0.offset != nil }) {
            report(.invalidValue, "`@` placement of `\(placed.node)` only applies to add operands", at: call.span, in: scope)
            return nil
        }
        guard let (irOp, opWidth) = makeOp(op, call, inputs: inputs, values: values, normalized: normalized, activation: activation, in: scope) else { return nil }
        let fullName = scope.prefix + (name ?? automaticName(op.autoName, in: &scope))
        var width = opWidth
        if case .shape(let channels, _)? = computedShape(irOp, inputs) { width = channels }
        let declared: Int? = (irOp.isWeighted || irOp == .input) ? width : nil
        return addNode(fullName, op: irOp, channels: declared ?? width, inputs: inputs, nameSpan: nameSpan ?? call.span, in: scope)
    }

    /// Positional tensors (inputs) and numeric arguments by canonical name.
    private mutating func bindArguments(_ op: NetOperation, _ call: NetCall, in scope: NetScope) -> ([NetOperand], [String: (Int, NetSpan)])? {
        var tensors: [NetOperand] = []
        var numbers: [(Int, NetSpan)] = []
        var values: [String: (Int, NetSpan)] = [:]
        var failed = false
        for argument in call.arguments {
            if case .keyword(let keyword, let span, let expression) = argument {
                guard let canonical = op.keywords[keyword] else {
                    let known = op.keywords.keys.sorted()
                    report(.unknownArgument, "`\(call.name)` has no argument `\(keyword)`", at: span, in: scope, label: "unknown keyword",
                           notes: [known.isEmpty ? "`\(call.name)` takes no keyword arguments" : "`\(call.name)` takes \(known.map { "`\($0)`" }.joined(separator: ", "))"],
                           helps: Self.axisHelp(for: keyword, among: known) ?? Suggestion.help(for: keyword, among: known))
                    failed = true
                    continue
                }
                guard let value = integer(expression, in: scope) else { failed = true; continue }
                if values[canonical] != nil {
                    report(.wrongArity, "argument `\(canonical)` is given twice", at: span, in: scope)
                    failed = true
                }
                values[canonical] = (value, expression.span)
                continue
            }
            switch argumentValue(argument, in: scope) {
            case .integer(let value)?:
                numbers.append((value, argument.span))
            case .tensor(let operand)?:
                if !numbers.isEmpty { failed = misplacedTensor(argument, call, scope) }
                tensors.append(operand)
            case .list(let operands)?:
                if !numbers.isEmpty { failed = misplacedTensor(argument, call, scope) }
                tensors.append(contentsOf: operands)
            case .poisoned?, nil:
                failed = true
            }
        }
        if numbers.count > op.positional.count {
            let names = op.positional.isEmpty ? "no numbers" : "at most \(op.positional.count) number\(op.positional.count == 1 ? "" : "s") (\(op.positional.joined(separator: ", ")))"
            report(.wrongArity, "`\(call.name)` takes \(names), got \(numbers.count)", at: numbers[op.positional.count].1, in: scope, label: "extra argument")
            return nil
        }
        for (position, (value, span)) in numbers.enumerated() {
            let canonical = op.positional[position]
            if values[canonical] != nil {
                report(.wrongArity, "argument `\(canonical)` is given twice", at: span, in: scope)
                failed = true
            }
            values[canonical] = (value, span)
        }
        return failed ? nil : (tensors, values)
    }

    /// `kx` → "did you mean `kw`?": per-axis keywords end in h (height) and w (width), not y and x.
    static func axisHelp(for keyword: String, among known: [String]) -> [String]? {
        guard let axis = keyword.last, axis == "x" || axis == "y" else { return nil }
        let spelled = keyword.dropLast() + (axis == "x" ? "w" : "h")
        guard known.contains(String(spelled)) else { return nil }
        return ["did you mean `\(spelled)`? per-axis values end in `h` (height) and `w` (width)"]
    }

    private mutating func misplacedTensor(_ argument: NetArgument, _ call: NetCall, _ scope: NetScope) -> Bool {
        report(.typeMismatch, "tensor arguments of `\(call.name)` must come before its numbers", at: argument.span, in: scope,
               label: "a tensor after a number")
        return true
    }

    /// The IR op and output width, with every value checked.
    private mutating func makeOp(
        _ op: NetOperation, _ call: NetCall, inputs knownInputs: [NetOperand]?, values: [String: (Int, NetSpan)],
        normalized: Bool, activation: Activation?, in scope: NetScope
    ) -> (Op, Int)? {
        let inputs = knownInputs ?? []
        var ok = true
        func value(_ name: String, default fallback: Int?, minimum: Int, maximum: Int = NetExpander.maximumValue) -> Int? {
            guard let (value, span) = values[name] else {
                if fallback == nil {
                    report(.wrongArity, "`\(call.name)` needs `\(name)`", at: call.span, in: scope, label: "missing `\(name)`")
                    ok = false
                }
                return fallback
            }
            guard value >= minimum, value <= maximum else {
                let bound = maximum == NetExpander.maximumValue ? "between \(minimum) and 2**30" : "between \(minimum) and \(maximum)"
                report(.invalidValue, "`\(name)` of `\(call.name)` must be \(bound), not \(value)", at: span, in: scope, label: "invalid value")
                ok = false
                return nil
            }
            return value
        }
        /// A window value: `name` for both axes, `name`h / `name`w for one; `fallback` per axis.
        func pair(_ name: String, fallback: AxisPair, minimum: Int) -> AxisPair? {
            let both = values[name] == nil ? nil : value(name, default: nil, minimum: minimum)
            guard values[name] == nil || both != nil,
                  let height = value(name + "h", default: both ?? fallback.height, minimum: minimum),
                  let width = value(name + "w", default: both ?? fallback.width, minimum: minimum) else { return nil }
            return AxisPair(height: height, width: width)
        }
        let inputWidth = inputs.reduce(0) { $0 + $1.width }
        let result: (Op, Int)?
        switch op.kind {
        case .convolution:
            let out = value("out", default: nil, minimum: 1)
            let kernel = pair("k", fallback: 1, minimum: 1)
            let stride = pair("s", fallback: 1, minimum: 1)
            let dilation = pair("d", fallback: 1, minimum: 1)
            let same = Convolution.samePadding(kernel: kernel ?? 1, dilation: dilation ?? 1)
            let padding = ["p", "ph", "pw"].contains { values[$0] != nil } ? pair("p", fallback: same, minimum: 0) : nil
            let groups = value("g", default: 1, minimum: 1)
            let bias = value("bias", default: 0, minimum: 0, maximum: 1)
            guard ok, let out, let kernel, let stride, let dilation, let groups, let bias else { return nil }
            result = (.convolution(Convolution(
                kernel: kernel, stride: stride, padding: padding, dilation: dilation, groups: groups,
                bias: bias == 1, normalized: normalized, activation: activation)), out)
        case .linear:
            let out = value("out", default: nil, minimum: 1)
            let bias = value("bias", default: 1, minimum: 0, maximum: 1)
            guard ok, let out, let bias else { return nil }
            result = (.linear(Linear(bias: bias == 1, normalized: normalized, activation: activation)), out)
        case .layer:
            let out = value("out", default: nil, minimum: 1)
            let groups = value("g", default: 1, minimum: 1)
            guard ok, let out, let groups else { return nil }
            result = (.layer(groups: groups), out)
        case .add:
            let width = values["width"] == nil ? nil : value("width", default: nil, minimum: 1)
            guard ok, knownInputs != nil, let width = addWidth(inputs, declared: width, call, in: scope) else { return nil }
            result = (.add, width)
        case .concat:
            result = (.concat, inputWidth)
        case .loss(let kind):
            result = (.loss(kind), inputWidth)
        case .maxPool, .averagePool:
            let kernel = pair("k", fallback: 2, minimum: 1)
            let stride = pair("s", fallback: kernel ?? 1, minimum: 1)
            let padding = pair("p", fallback: 0, minimum: 0)
            let trailing = pair("pe", fallback: padding ?? 0, minimum: 0)
            guard ok, let kernel, let stride, let padding, let trailing else { return nil }
            let pooling = Pooling(kernel: kernel, stride: stride, padding: padding, trailingPadding: trailing)
            result = (.passThrough(op.kind == .maxPool ? .maxPool(pooling) : .averagePool(pooling)), inputWidth)
        case .upsample:
            guard let scale = value("scale", default: 2, minimum: 1), ok else { return nil }
            result = (.passThrough(.upsample(scale: scale)), inputWidth)
        case .activation(let a): result = (.passThrough(.activation(a)), inputWidth)
        case .matmul:
            let transposed = value("t", default: 0, minimum: 0, maximum: 1)
            let scaled = value("scaled", default: 0, minimum: 0, maximum: 1)
            let sampled = value("sampled", default: 0, minimum: 0, maximum: 1)
            guard ok, let transposed, let scaled, let sampled, knownInputs != nil else { return nil }
            guard inputs.count == 2 else {
                report(.wrongArity, "`\(call.name)` multiplies two tensors, got \(inputs.count)", at: call.span, in: scope,
                       label: "needs two operands", helps: ["write `\(call.name)(a, b)`, or `\(call.name)(q, k, t=1)` for q·kᵀ"])
                return nil
            }
            result = (.matmul(MatrixProduct(transposesSecond: transposed == 1, scaled: scaled == 1, samplesSecond: sampled == 1)), inputs.last?.width ?? 0)
        case .softmax:
            let axis = value("axis", default: 0, minimum: 0, maximum: 1)
            guard ok, let axis else { return nil }
            result = (.softmax(axis == 0 ? .channels : .positions), inputWidth)
        case .groupNorm:
            guard let groups = value("g", default: nil, minimum: 1), ok else { return nil }
            result = (.groupNorm(groups: groups), inputWidth)
        case .reshape:
            let height = value("h", default: nil, minimum: 1)
            let width = value("w", default: 1, minimum: 1)
            guard ok, let height, let width else { return nil }
            result = (.reshape(Spatial(height: height, width: width)), inputWidth)
        case .tokenSlice:
            let first = value("start", default: nil, minimum: 0)
            let end = value("end", default: nil, minimum: 1)
            guard ok, let first, let end else { return nil }
            guard end > first else {
                report(.invalidValue, "`\(call.name)` range \(first):\(end) is empty", at: call.span, in: scope, label: "empty range")
                return nil
            }
            result = (.tokenSlice(lower: first, upper: end), inputWidth)
        case .tokenConcat:
            result = (.tokenConcat, inputs.first?.width ?? 0)
        case .plain(let kind):
            guard let plain = kind.definition.plainOp else { return nil }
            result = (plain, inputWidth)
        case .split: return nil
        }
        guard knownInputs != nil else { return nil }
        if let op = result?.0, op.definition.arity == .one, op.family != .passThrough || op.definition.channels == .computed, inputs.count != 1 {
            report(.wrongArity, "`\(call.name)` takes one input, got \(inputs.count)", at: call.span, in: scope)
            return nil
        }
        if case .passThrough = result?.0, inputs.count != 1 {
            report(.wrongArity, "`\(call.name)` takes one input, got \(inputs.count)", at: call.span, in: scope, label: "pass-through ops read one tensor")
            return nil
        }
        if result?.0 == .stopGradient, inputs.count != 1 {
            report(.wrongArity, "`\(call.name)` takes one input, got \(inputs.count)", at: call.span, in: scope)
            return nil
        }
        return result
    }

    /// Output width of an add: `width=` or the first operand's extent; every operand must fit
    /// and every channel must be covered (E204).
    private mutating func addWidth(_ inputs: [NetOperand], declared: Int?, _ call: NetCall, in scope: NetScope) -> Int? {
        guard let first = inputs.first else { return nil }
        let width = declared ?? ((first.offset ?? 0) + first.width)
        var covered = [ChannelRange]()
        for operand in inputs {
            let lower = operand.offset ?? 0
            guard lower + operand.width <= width else {
                report(.channelMismatch, "operand `\(operand.node)` (\(operand.width) channels placed at \(lower)) does not fit in the \(width)-channel add",
                       at: call.span, in: scope, label: "operands do not line up",
                       notes: ["an add is as wide as its first operand unless `width=` says otherwise"],
                       helps: ["slice the operand (`\(operand.node)[0:\(max(1, width - lower))]`) or project it to \(width) channels with `conv(\(width), k=1)`"])
                return nil
            }
            covered.append(ChannelRange(lower, lower + operand.width))
        }
        var cursor = 0
        for range in covered.sorted() {
            if range.lower > cursor { break }
            cursor = max(cursor, range.upper)
        }
        guard cursor >= width else {
            report(.channelMismatch, "channels [\(cursor):…] of the \(width)-channel add are covered by no operand", at: call.span, in: scope,
                   label: "gap in the add", notes: covered.map { "an operand covers \($0)" })
            return nil
        }
        return width
    }

    /// The shape a ``OpDefinition/ChannelRule/computed`` op gets from its operands' known maps;
    /// nil for other ops (the verifier reports operands that do not fit).
    func computedShape(_ op: Op, _ inputs: [NetOperand]) -> ShapeOutcome? {
        guard op.definition.channels == .computed else { return nil }
        return op.definition.shape(of: op, ShapeInput(widths: inputs.map(\.width), spatials: inputs.map { maps[$0.node] }))
    }

    /// The node's output map from its first operand's, when known.
    private func outputMap(_ op: Op, _ inputs: [NetOperand]) -> Spatial? {
        if case .shape(_, let map)? = computedShape(op, inputs) { return map }
        guard op.definition.arity != .none, let first = inputs.first, let map = maps[first.node] else { return nil }
        return op.definition.outputSpatial(of: op, input: map)
    }

    /// Declares the node and its input edges; E206 when the name is taken, E209 past the limit.
    mutating func addNode(
        _ fullName: String, op: Op, channels: Int, spatial: Spatial? = nil, inputs: [NetOperand], nameSpan: NetSpan,
        in scope: NetScope
    ) -> NetOperand? {
        guard !builder.hasNode(fullName) else {
            report(.duplicateName, "node `\(fullName)` is already defined", at: nameSpan, in: scope, label: "defined again here")
            return nil
        }
        nodeCount += 1
        stepsAtLastNode = steps
        guard nodeCount <= maximumNodes else {
            report(.expansionLimit, "the network expands to more than \(maximumNodes) nodes", at: nameSpan, in: scope, label: "expansion stopped here")
            aborted = true
            return nil
        }
        let declared: Int? = (op.isWeighted || op == .input || op.family == .learned) ? channels : nil
        builder.addNode(fullName, op: op, channels: declared, spatial: spatial, location: scope.rootLocation)
        if let map = spatial ?? outputMap(op, inputs) { maps[fullName] = map }
        for input in inputs {
            let destination: ChannelRange? = op == .add ? ChannelRange(input.offset ?? 0, (input.offset ?? 0) + input.width) : nil
            builder.connect(input.node, to: fullName, sourceRange: input.range, destinationRange: destination,
                            stopsGradient: input.detached, location: scope.rootLocation)
        }
        return NetOperand(node: fullName, range: ChannelRange(0, channels))
    }
}
