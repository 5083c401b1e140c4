import GPathDiagnostics
import GPathIR

/// `a, b = split(x, …)` and `connect x -> y`: statements that create several nodes or an edge
/// rather than one chained node.
extension NetExpander {
    /// Splits one tensor into consecutive `slice` nodes, equal parts by default.
    mutating func split(_ targets: [NetTarget], _ call: NetCall, in scope: inout NetScope) {
        guard call.name == "split" else {
            if NetOperation.table[call.name] != nil || blocks[call.name] != nil {
                report(.wrongArity, "only `split` produces several tensors, not `\(call.name)`", at: call.nameSpan, in: scope)
            } else {
                report(.unknownOp, "unknown op `\(call.name)`", at: call.nameSpan, in: scope, label: "not an operation",
                       helps: Suggestion.help(for: call.name, among: ["split"]))
            }
            return
        }
        var source: NetOperand?
        var sizes: [(Int, NetSpan)] = []
        for argument in call.arguments {
            guard case .positional(let expression) = argument else {
                report(.unknownArgument, "`split` takes no keyword or spread arguments", at: argument.span, in: scope)
                return
            }
            switch evaluate(expression, in: scope) {
            case .tensor(let operand)? where source == nil && sizes.isEmpty: source = operand
            case .integer(let size)?:
                guard size > 0, size <= Self.maximumValue else {
                    report(.invalidValue, "split size must be between 1 and 2**30, not \(size)", at: expression.span, in: scope)
                    return
                }
                sizes.append((size, expression.span))
            case .poisoned?, nil: return
            case let other?:
                report(.typeMismatch, "`split` takes one tensor, then numbers; found \(other.kindDescription)", at: expression.span, in: scope)
                return
            }
        }
        if source == nil, case .tensor(let operand)? = scope.current { source = operand }
        guard let source else {
            report(.wrongArity, "`split` has no input", at: call.span, in: scope, label: "nothing precedes it")
            return
        }
        var parts = sizes.map(\.0)
        if parts.isEmpty {
            guard source.width % targets.count == 0 else {
                report(.invalidValue, "\(source.width) channels do not split into \(targets.count) equal parts", at: call.span, in: scope,
                       helps: ["give the sizes: `split(x, a, b)`"])
                return
            }
            parts = Array(repeating: source.width / targets.count, count: targets.count)
        }
        guard parts.count == targets.count else {
            report(.wrongArity, "\(targets.count) names but \(parts.count) sizes", at: call.span, in: scope)
            return
        }
        guard parts.reduce(0, +) == source.width else {
            report(.channelMismatch, "split sizes add up to \(parts.reduce(0, +)), not the \(source.width) channels of `\(source.node)`", at: call.span, in: scope)
            return
        }
        var lower = source.range.lower
        for (target, size) in zip(targets, parts) {
            var index: Int?
            if let expression = target.index {
                guard let value = integer(expression, in: scope) else { return }
                index = value
            }
            guard checkUnbound(target, index, in: scope) else { return }
            var piece = source
            piece.range = ChannelRange(lower, lower + size)
            lower += size
            guard let node = addNode(scope.prefix + localName(target, index), op: .passThrough(.slice), channels: size,
                                     inputs: [piece], nameSpan: target.span, in: scope) else { return }
            bind(target, index, to: .tensor(node), in: &scope)
            scope.current = .tensor(node)
        }
    }

    /// Appends one more input edge to an existing node (any node, so cycles can be written).
    mutating func connect(_ operandExpression: NetExpression, to target: NetTarget, in scope: inout NetScope) {
        guard let source = tensor(operandExpression, in: scope) else { return }
        let destinationExpression: NetExpression = target.index.map { .index(.name(target.name, target.span), $0, target.span) }
            ?? .name(target.name, target.span)
        guard let destination = tensor(destinationExpression, in: scope) else { return }
        builder.connect(
            source.node, to: destination.node, sourceRange: source.range,
            destinationRange: source.offset.map { ChannelRange($0, $0 + source.width) },
            stopsGradient: source.detached, location: scope.rootLocation)
    }
}
