import GPathDiagnostics
import GPathIR

/// Expression evaluation: integer arithmetic (checked: overflow and division by zero are
/// E208), names, tensor arrays, channel slices, placements and `detach`.
extension NetExpander {
    /// The value of `expression`, or nil when it is invalid (already reported) or poisoned.
    mutating func evaluate(_ expression: NetExpression, in scope: NetScope) -> NetValue? {
        switch expression {
        case .integer(let value, _):
            return .integer(value)
        case .name(let name, let span):
            return lookUp(name, span: span, in: scope)
        case .unary(let symbol, let operand, let span):
            guard let value = integer(operand, in: scope) else { return nil }
            if symbol == "not" { return .integer(value == 0 ? 1 : 0) }
            guard value != Int.min else { return overflow(at: span, in: scope) }
            return .integer(-value)
        case .binary(let symbol, let left, let right, let span):
            guard let a = integer(left, in: scope), let b = integer(right, in: scope) else { return nil }
            return arithmetic(symbol, a, b, span: span, in: scope)
        case .call(let call):
            return evaluateCall(call, in: scope)
        case .index(let base, let index, let span):
            return element(base, index, span: span, in: scope)
        case .slice(let base, let lower, let upper, let span):
            return slice(base, lower, upper, span: span, in: scope)
        case .place(let base, let offsetExpression, _):
            guard let operand = tensor(base, in: scope), let offset = integer(offsetExpression, in: scope) else { return nil }
            guard offset >= 0, offset <= Self.maximumValue else {
                report(.invalidValue, "placement offset must be between 0 and 2**30, not \(offset)", at: offsetExpression.span, in: scope)
                return nil
            }
            var placed = operand
            placed.offset = offset
            return .tensor(placed)
        }
    }

    /// An integer-valued expression (E210 otherwise).
    mutating func integer(_ expression: NetExpression, in scope: NetScope) -> Int? {
        switch evaluate(expression, in: scope) {
        case .integer(let value)?: return value
        case .poisoned?, nil: return nil
        case let other?:
            report(.typeMismatch, "expected a number, found \(other.kindDescription)", at: expression.span, in: scope, label: "not a number")
            return nil
        }
    }

    /// A single-tensor expression (E210 otherwise).
    mutating func tensor(_ expression: NetExpression, in scope: NetScope) -> NetOperand? {
        switch evaluate(expression, in: scope) {
        case .tensor(let operand)?: return operand
        case .poisoned?, nil: return nil
        case let other?:
            report(.typeMismatch, "expected a tensor, found \(other.kindDescription)", at: expression.span, in: scope, label: "not a tensor")
            return nil
        }
    }

    private mutating func lookUp(_ name: String, span: NetSpan, in scope: NetScope) -> NetValue? {
        if let value = scope.values[name] {
            if case .poisoned = value { return nil }
            return value
        }
        if let array = scope.arrays[name] {
            return .list(array.keys.sorted().compactMap { array[$0] })
        }
        if let value = parameters[name] { return .integer(value) }
        if NetOperation.table[name] != nil || blocks[name] != nil {
            report(.typeMismatch, "`\(name)` is \(blocks[name] != nil ? "a block" : "an operation"), not a value", at: span, in: scope,
                   label: "used as a value", helps: ["give the operation its own statement and refer to its result by name"])
            return nil
        }
        guard !hasReported(.unknownName, at: span) else { return nil }
        var notes: [String] = []
        if name == "in" { notes.append("`in` is the input of a block and exists only inside block bodies") }
        report(.unknownName, "unknown name `\(name)`", at: span, in: scope, label: "not defined here", notes: notes,
               helps: Suggestion.help(for: name, among: scope.visibleNames + Array(parameters.keys)))
        return nil
    }

    private mutating func arithmetic(_ symbol: String, _ a: Int, _ b: Int, span: NetSpan, in scope: NetScope) -> NetValue? {
        func checked(_ result: (partialValue: Int, overflow: Bool)) -> Int? { result.overflow ? nil : result.partialValue }
        let result: Int?
        switch symbol {
        case "+": result = checked(a.addingReportingOverflow(b))
        case "-": result = checked(a.subtractingReportingOverflow(b))
        case "*": result = checked(a.multipliedReportingOverflow(by: b))
        case "/", "%":
            guard b != 0 else {
                report(.invalidValue, "division by zero", at: span, in: scope, label: "the right-hand side is 0")
                return nil
            }
            result = symbol == "/" ? checked(a.dividedReportingOverflow(by: b)) : checked(a.remainderReportingOverflow(dividingBy: b))
        case "**":
            guard b >= 0 else {
                report(.invalidValue, "negative exponent \(b)", at: span, in: scope, label: "powers are whole numbers")
                return nil
            }
            var power = 1
            var overflowed = false
            for _ in 0..<min(b, 64) where !overflowed {
                let step = power.multipliedReportingOverflow(by: a)
                overflowed = step.overflow
                power = step.partialValue
            }
            result = overflowed || (b > 64 && a.magnitude > 1) ? nil : (b > 64 && a == -1 ? (b % 2 == 0 ? 1 : -1) : power)
        case "==": result = a == b ? 1 : 0
        case "!=": result = a != b ? 1 : 0
        case "<": result = a < b ? 1 : 0
        case "<=": result = a <= b ? 1 : 0
        case ">": result = a > b ? 1 : 0
        case ">=": result = a >= b ? 1 : 0
        case "and": result = (a != 0 && b != 0) ? 1 : 0
        default: result = (a != 0 || b != 0) ? 1 : 0
        }
        guard let result else { return overflow(at: span, in: scope) }
        return .integer(result)
    }

    private mutating func overflow(at span: NetSpan, in scope: NetScope) -> NetValue? {
        report(.invalidValue, "arithmetic overflow", at: span, in: scope, label: "result does not fit in 64 bits")
        return nil
    }

    private mutating func evaluateCall(_ call: NetCall, in scope: NetScope) -> NetValue? {
        switch call.name {
        case "detach":
            guard call.arguments.count == 1, case .positional(let argument) = call.arguments[0] else {
                report(.wrongArity, "`detach` takes exactly one tensor", at: call.span, in: scope)
                return nil
            }
            guard var operand = tensor(argument, in: scope) else { return nil }
            operand.detached = true
            return .tensor(operand)
        case "channels":
            guard call.arguments.count == 1, case .positional(let argument) = call.arguments[0] else {
                report(.wrongArity, "`channels` takes exactly one tensor", at: call.span, in: scope)
                return nil
            }
            return tensor(argument, in: scope).map { .integer($0.width) }
        case "log2":
            guard call.arguments.count == 1, case .positional(let argument) = call.arguments[0] else {
                report(.wrongArity, "`log2` takes exactly one number", at: call.span, in: scope)
                return nil
            }
            guard let value = integer(argument, in: scope) else { return nil }
            guard value >= 1 else {
                report(.invalidValue, "`log2` needs a positive number, not \(value)", at: argument.span, in: scope)
                return nil
            }
            return .integer(Int.bitWidth - 1 - value.leadingZeroBitCount)
        case "min", "max":
            var values: [Int] = []
            for argument in call.arguments {
                guard case .positional(let expression) = argument else {
                    report(.wrongArity, "`\(call.name)` takes numbers only", at: argument.span, in: scope)
                    return nil
                }
                guard let value = integer(expression, in: scope) else { return nil }
                values.append(value)
            }
            guard let result = call.name == "min" ? values.min() : values.max() else {
                report(.wrongArity, "`\(call.name)` needs at least one number", at: call.span, in: scope)
                return nil
            }
            return .integer(result)
        default:
            if NetOperation.table[call.name] != nil || blocks[call.name] != nil {
                report(.typeMismatch, "`\(call.name)` cannot be used inside an expression", at: call.nameSpan, in: scope,
                       label: "operations are statements", helps: ["give it its own statement, `t = \(call.name)(…)`, and use `t`"])
            } else if !hasReported(.unknownOp, at: call.nameSpan) {
                report(.unknownOp, "unknown function `\(call.name)`", at: call.nameSpan, in: scope, label: "not a function",
                       notes: ["functions usable in expressions: \(NetOperation.builtins.joined(separator: ", "))"],
                       helps: Suggestion.help(for: call.name, among: NetOperation.builtins + Array(NetOperation.table.keys) + Array(blocks.keys)))
            }
            return nil
        }
    }

    private mutating func element(_ base: NetExpression, _ indexExpression: NetExpression, span: NetSpan, in scope: NetScope) -> NetValue? {
        guard case .name(let name, let nameSpan) = base else {
            report(.typeMismatch, "only tensor arrays can be indexed", at: base.span, in: scope, helps: ["a channel slice is written `x[a:b]`"])
            return nil
        }
        guard let array = scope.arrays[name] else {
            if let value = scope.values[name] {
                if case .poisoned = value { return nil }
                report(.typeMismatch, "`\(name)` is \(value.kindDescription), not a tensor array", at: span, in: scope,
                       label: "cannot be indexed", helps: ["a channel slice is written `\(name)[a:b]`"])
                return nil
            }
            _ = lookUp(name, span: nameSpan, in: scope)
            return nil
        }
        guard let index = integer(indexExpression, in: scope) else { return nil }
        guard let operand = array[index] else {
            let keys = array.keys.sorted()
            report(.unknownName, "`\(name)[\(index)]` is not defined", at: span, in: scope, label: "no such element",
                   notes: keys.isEmpty ? [] : ["`\(name)` has elements \(keys.count == 1 ? "\(keys[0])" : "\(keys[0]) to \(keys[keys.count - 1])")"])
            return nil
        }
        return .tensor(operand)
    }

    private mutating func slice(_ base: NetExpression, _ lowerExpression: NetExpression?, _ upperExpression: NetExpression?, span: NetSpan, in scope: NetScope) -> NetValue? {
        guard let operand = tensor(base, in: scope) else { return nil }
        let lower = lowerExpression.map { integer($0, in: scope) } ?? 0
        let upper = upperExpression.map { integer($0, in: scope) } ?? operand.width
        guard let lower, let upper else { return nil }
        guard lower >= 0, upper <= operand.width, lower < upper else {
            let problem = lower >= upper ? "is empty" : "is outside its \(operand.width) channels"
            report(.badSlice, "slice [\(lower):\(upper)] of `\(operand.node)` \(problem)", at: span, in: scope,
                   label: "bad slice", notes: ["the tensor has channels [0:\(operand.width)]"])
            return nil
        }
        var sliced = operand
        sliced.range = ChannelRange(operand.range.lower + lower, operand.range.lower + upper)
        return .tensor(sliced)
    }
}
