import GPathDiagnostics
import GPathIR

/// Statements that produce tensors: assignments and pipelines, `repeat`, block instantiation,
/// `split` and `connect`.
extension NetExpander {
    mutating func assign(_ target: NetTarget?, _ pipeline: NetPipeline, isLoss: Bool, in scope: inout NetScope) {
        var index: Int?
        if let target, let indexExpression = target.index {
            guard let value = integer(indexExpression, in: scope) else { return poison(target, nil, in: &scope) }
            guard value >= 0 else {
                report(.invalidValue, "array index must be at least 0, not \(value)", at: indexExpression.span, in: scope)
                return poison(target, nil, in: &scope)
            }
            index = value
        }
        if let target, !checkUnbound(target, index, in: scope) { return }
        if let expression = pipeline.expression, singleStage(expression, in: scope) == nil {
            return alias(target, index, expression, isLoss: isLoss, in: &scope)
        }
        var stages = pipeline.stages
        if let expression = pipeline.expression, let call = singleStage(expression, in: scope) { stages = [call] }
        let lastIsLoss: Bool = {
            guard let last = stages.last, let op = NetOperation.table[last.name], case .loss = op.kind else { return false }
            return true
        }()
        let wrapsInLoss = isLoss && !lastIsLoss
        guard var output = runPipeline(pipeline, stages: stages, target: wrapsInLoss ? nil : target, index: index, in: &scope) else {
            return poison(target, index, in: &scope)
        }
        if wrapsInLoss, let target {
            guard let loss = addNode(scope.prefix + localName(target, index), op: .loss(.generic), channels: output.width, inputs: [output], nameSpan: target.span, in: scope) else {
                return poison(target, index, in: &scope)
            }
            output = loss
        }
        if let target { bind(target, index, to: .tensor(output), in: &scope) }
        scope.current = .tensor(output)
    }

    private mutating func poison(_ target: NetTarget?, _ index: Int?, in scope: inout NetScope) {
        if let target, index == nil { scope.values[target.name] = .poisoned }
        scope.current = .poisoned
    }

    /// A lone call or bare op/block name that is really a one-stage pipeline.
    private func singleStage(_ expression: NetExpression, in scope: NetScope) -> NetCall? {
        switch expression {
        case .call(let call) where !NetOperation.builtins.contains(call.name):
            return call
        case .name(let name, let span) where scope.values[name] == nil && scope.arrays[name] == nil && parameters[name] == nil
            && (NetOperation.table[name] != nil || blocks[name] != nil):
            return NetCall(name: name, nameSpan: span, arguments: [], hasParentheses: false, span: span)
        default:
            return nil
        }
    }

    /// `a = x[0:16]`, `a = c / 2`, or a bare `x` that only moves the chain to `x`.
    private mutating func alias(_ target: NetTarget?, _ index: Int?, _ expression: NetExpression, isLoss: Bool, in scope: inout NetScope) {
        guard let value = evaluate(expression, in: scope) else { return poison(target, index, in: &scope) }
        if isLoss, let target {
            guard case .tensor(let operand) = value else {
                report(.typeMismatch, "a loss reads tensors, not \(value.kindDescription)", at: expression.span, in: scope)
                return poison(target, index, in: &scope)
            }
            guard let loss = addNode(scope.prefix + localName(target, index), op: .loss(.generic), channels: operand.width, inputs: [operand], nameSpan: target.span, in: scope) else {
                return poison(target, index, in: &scope)
            }
            bind(target, index, to: .tensor(loss), in: &scope)
            scope.current = .tensor(loss)
            return
        }
        if let target {
            if index != nil, case .tensor = value {} else if index != nil {
                report(.typeMismatch, "array elements are tensors, not \(value.kindDescription)", at: expression.span, in: scope)
                return
            }
            bind(target, index, to: value, in: &scope)
        } else if case .integer = value {
            report(.typeMismatch, "a number on its own does nothing", at: expression.span, in: scope, label: "expected a tensor or an operation")
            return
        }
        if case .tensor = value { scope.current = value }
    }

    /// Runs `[source ->] [repeat N] stages`; the last node takes the target's name.
    private mutating func runPipeline(_ pipeline: NetPipeline, stages: [NetCall], target: NetTarget?, index: Int?, in scope: inout NetScope) -> NetOperand? {
        // Every misspelt stage is its own root cause: report each before anything else can
        // fail, then poison the result so nothing downstream reports a follow-on error.
        var unknown = false
        for stage in stages where NetOperation.table[stage.name] == nil && blocks[stage.name] == nil {
            reportUnknownOp(stage, in: scope)
            unknown = true
        }
        if unknown { return nil }
        var output: NetOperand?
        if let source = pipeline.source {
            guard let operand = tensor(source, in: scope) else { return nil }
            output = operand
        }
        var count = 1
        if let repeatExpression = pipeline.repeatCount {
            guard let value = integer(repeatExpression, in: scope) else { return nil }
            guard value >= 0 else {
                report(.invalidValue, "repeat count must be at least 0, not \(value)", at: repeatExpression.span, in: scope)
                return nil
            }
            guard value <= maximumNodes else {
                report(.expansionLimit, "repeat count \(value) is above the limit of \(maximumNodes)", at: repeatExpression.span, in: scope)
                return nil
            }
            count = value
        }
        let namedRepeat = target != nil && pipeline.repeatCount != nil
        let saved = (scope.prefix, scope.counters, scope.reserved)
        if namedRepeat, let target {
            scope.prefix += localName(target, index) + "."
            scope.counters = [:]
            scope.reserved = []
        }
        defer {
            if namedRepeat { (scope.prefix, scope.counters, scope.reserved) = saved }
        }
        if count == 0 {
            if let output { return output }
            if case .tensor(let operand)? = scope.current { return operand }
            report(.wrongArity, "`repeat 0` has nothing to pass on", at: pipeline.repeatCount?.span ?? stages[0].span, in: scope)
            return nil
        }
        for round in 0..<count {
            var position = 0
            while position < stages.count {
                if aborted { return nil }
                let stage = stages[position]
                var next = position + 1
                var normalized = false
                var activation: Activation?
                if let op = NetOperation.table[stage.name], blocks[stage.name] == nil, op.foldsModifiers {
                    if next < stages.count, isModifier(stages[next]), stages[next].name == "bn" {
                        normalized = true
                        next += 1
                    }
                    if next < stages.count, isModifier(stages[next]), case .activation(let a)? = NetOperation.table[stages[next].name]?.kind {
                        activation = a
                        next += 1
                    }
                }
                let isFinal = round == count - 1 && next == stages.count
                let name = isFinal && !namedRepeat ? target.map { localName($0, index) } : nil
                guard let result = applyStage(stage, previous: output, normalized: normalized, activation: activation, name: name, nameSpan: target?.span, in: &scope) else { return nil }
                output = result
                position = next
            }
        }
        return output
    }

    /// A bare or empty-parenthesis `bn`/activation, foldable into the layer before it.
    private func isModifier(_ call: NetCall) -> Bool {
        call.arguments.isEmpty && blocks[call.name] == nil
    }

    /// One stage: a block instantiation or an op.
    private mutating func applyStage(
        _ call: NetCall, previous: NetOperand?, normalized: Bool, activation: Activation?, name: String?, nameSpan: NetSpan?,
        in scope: inout NetScope
    ) -> NetOperand? {
        if let block = blocks[call.name] {
            var input = previous
            var inputPoisoned = false
            if input == nil {
                switch scope.current {
                case .tensor(let operand)?: input = operand
                case .poisoned?: inputPoisoned = true
                default: break
                }
            }
            return instantiate(block, call, input: input, inputPoisoned: inputPoisoned, instanceName: name, in: &scope)
        }
        guard let op = NetOperation.table[call.name] else {
            reportUnknownOp(call, in: scope)
            return nil
        }
        return applyOperation(op, call, previous: previous, normalized: normalized, activation: activation, name: name, nameSpan: nameSpan, in: &scope)
    }

    /// E201 for a call that names neither an operation nor a block.
    private mutating func reportUnknownOp(_ call: NetCall, in scope: NetScope) {
        guard !hasReported(.unknownOp, at: call.nameSpan) else { return }
        report(.unknownOp, "unknown op `\(call.name)`", at: call.nameSpan, in: scope, label: "not an operation or block",
               helps: Suggestion.help(for: call.name, among: Array(NetOperation.table.keys) + Array(blocks.keys)))
    }

    /// Expands `block` into a child scope named `instanceName` (or `block1`, `block2`…). When
    /// the implicit input is poisoned (the statement before failed and was reported), `in` is
    /// poisoned too, so the body reports only its own mistakes.
    private mutating func instantiate(
        _ block: NetBlock, _ call: NetCall, input: NetOperand?, inputPoisoned: Bool = false, instanceName: String?,
        in scope: inout NetScope
    ) -> NetOperand? {
        guard !aborted, takeStep(at: call.span, in: scope) else { return nil }
        guard scope.depth < Self.maximumDepth else {
            report(.expansionLimit, "blocks nest deeper than \(Self.maximumDepth) levels", at: call.span, in: scope,
                   label: "instantiated here", notes: ["is `\(block.name)` recursive without a condition that stops it?"])
            return nil
        }
        var bound: [String: NetValue] = [:]
        var failed = false
        var position = 0
        let names = block.parameters.map(\.name)
        for argument in call.arguments {
            switch argument {
            case .positional, .spread:
                guard position < names.count else {
                    report(.wrongArity, "block `\(block.name)` takes \(names.count) argument\(names.count == 1 ? "" : "s")", at: argument.span, in: scope,
                           label: "one too many", notes: ["parameters: \(names.joined(separator: ", "))"])
                    failed = true
                    continue
                }
                guard let value = argumentValue(argument, in: scope) else { failed = true; continue }
                bound[names[position]] = value
                position += 1
            case .keyword(let name, let span, let expression):
                guard names.contains(name) else {
                    report(.unknownArgument, "block `\(block.name)` has no parameter `\(name)`", at: span, in: scope, label: "unknown keyword",
                           notes: ["parameters: \(names.joined(separator: ", "))"], helps: Suggestion.help(for: name, among: names))
                    failed = true
                    continue
                }
                guard bound[name] == nil else {
                    report(.wrongArity, "argument `\(name)` is given twice", at: span, in: scope)
                    failed = true
                    continue
                }
                guard let value = evaluate(expression, in: scope) else { failed = true; continue }
                bound[name] = value
            }
        }
        if failed { return nil }
        let name = instanceName ?? automaticName(block.name, in: &scope)
        var child = NetScope(prefix: scope.prefix + name + ".", reserved: block.assignedNames)
        child.chain = NetInstantiation(block: block.name, span: call.span, parent: scope.chain)
        child.rootLocation = scope.rootLocation
        child.depth = scope.depth + 1
        if let input {
            child.values["in"] = .tensor(input)
            child.current = .tensor(input)
        } else if inputPoisoned {
            child.values["in"] = .poisoned
            child.current = .poisoned
        }
        for parameter in block.parameters {
            if let value = bound[parameter.name] {
                child.values[parameter.name] = value
            } else if let expression = parameter.defaultValue {
                guard let value = evaluate(expression, in: child) else { return nil }
                child.values[parameter.name] = value
            } else {
                report(.wrongArity, "block `\(block.name)` needs argument `\(parameter.name)`", at: call.span, in: scope, label: "missing `\(parameter.name)`")
                return nil
            }
        }
        execute(block.body, in: &child)
        if case .tensor(let output)? = child.current { return output }
        if child.current == nil, !inputPoisoned {
            report(.wrongArity, "block `\(block.name)` produces no tensor", at: call.span, in: scope, label: "no input and no statements")
        }
        return nil
    }

    /// A positional or spread argument's value.
    mutating func argumentValue(_ argument: NetArgument, in scope: NetScope) -> NetValue? {
        switch argument {
        case .positional(let expression): return evaluate(expression, in: scope)
        case .keyword(_, _, let expression): return evaluate(expression, in: scope)
        case .spread(let header, let condition, let body):
            guard let range = loopRange(header, in: scope) else { return nil }
            var inner = scope
            var operands: [NetOperand] = []
            let bounds = range.map { ($0.lowerBound, $0.upperBound) } ?? (1, 0)
            for value in stride(from: bounds.0, through: bounds.1, by: 1) {
                inner.values[header.variable] = .integer(value)
                if let condition {
                    guard let keep = integer(condition, in: inner) else { return nil }
                    if keep == 0 { continue }
                }
                switch evaluate(body, in: inner) {
                case .tensor(let operand)?: operands.append(operand)
                case .list(let list)?: operands.append(contentsOf: list)
                case .integer?:
                    report(.typeMismatch, "a spread produces tensors, not numbers", at: body.span, in: scope)
                    return nil
                case .poisoned?, nil: return nil
                }
            }
            return .list(operands)
        }
    }
}
