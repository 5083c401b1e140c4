/// The syntax tree of a `.net` file, as written (before blocks, loops and arithmetic are
/// expanded). Every node keeps the byte span it came from for diagnostics.

/// An expression: integer arithmetic, names, calls, tensor indexing and slicing.
indirect enum NetExpression: Sendable {
    case integer(Int, NetSpan)
    case name(String, NetSpan)
    /// `-x`, `not x`.
    case unary(String, NetExpression, NetSpan)
    /// `a + b`, `a ** b`, `a < b`, `a and b`…
    case binary(String, NetExpression, NetExpression, NetSpan)
    /// `conv(64, k=3)`, `detach(x)`, `min(a, b)`, or a bare op name in a pipeline.
    case call(NetCall)
    /// `l[i]`: element `i` of a tensor array.
    case index(NetExpression, NetExpression, NetSpan)
    /// `x[a:b]`, `x[a:]`, `x[:b]`: a half-open channel slice.
    case slice(NetExpression, NetExpression?, NetExpression?, NetSpan)
    /// `x @ d`: an add operand placed at output channel `d`.
    case place(NetExpression, NetExpression, NetSpan)

    var span: NetSpan {
        switch self {
        case .integer(_, let s), .name(_, let s), .unary(_, _, let s), .binary(_, _, _, let s),
             .index(_, _, let s), .slice(_, _, _, let s), .place(_, _, let s):
            s
        case .call(let call): call.span
        }
    }
}

/// `name(arguments)` or a bare `name` (``hasParentheses`` false).
struct NetCall: Sendable {
    var name: String
    var nameSpan: NetSpan
    var arguments: [NetArgument]
    var hasParentheses: Bool
    var span: NetSpan
}

/// One argument of a call.
enum NetArgument: Sendable {
    case positional(NetExpression)
    case keyword(String, NetSpan, NetExpression)
    /// `for j in a..<b if condition: expression` — one operand per value of `j`.
    case spread(NetLoopHeader, NetExpression?, NetExpression)

    var span: NetSpan {
        switch self {
        case .positional(let e): e.span
        case .keyword(_, let s, let e): s.through(e.span)
        case .spread(let header, _, let e): header.span.through(e.span)
        }
    }
}

/// `for i in lower..<upper` (half-open) or `for i in lower...upper` (inclusive).
struct NetLoopHeader: Sendable {
    var variable: String
    var lower: NetExpression
    var upper: NetExpression
    var inclusive: Bool
    var span: NetSpan
}

/// Where a statement's result goes: `name` or `name[index]`.
struct NetTarget: Sendable {
    var name: String
    var index: NetExpression?
    var span: NetSpan
}

/// `[source ->] [repeat N] stage stage…` or a single expression.
struct NetPipeline: Sendable {
    var source: NetExpression?
    var repeatCount: NetExpression?
    /// Either several stages, or one expression (a call, a name, an operand, a number).
    var stages: [NetCall]
    var expression: NetExpression?
}

/// A block definition: `block name(p, q = default) { … }`.
final class NetBlock: Sendable {
    let name: String
    let parameters: [(name: String, defaultValue: NetExpression?, span: NetSpan)]
    let body: [NetStatement]
    let span: NetSpan
    /// Names assigned anywhere in the body (reserved so automatic names never take them).
    let assignedNames: Set<String>

    init(name: String, parameters: [(name: String, defaultValue: NetExpression?, span: NetSpan)], body: [NetStatement], span: NetSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
        self.assignedNames = NetStatement.assignedNames(in: body)
    }
}

/// One statement.
enum NetStatement: Sendable {
    case network(String, NetSpan)
    case parameter(String, NetExpression, NetSpan)
    /// `input x CxHxW`, or `learned x CxHxW [table=n]` (a learned tensor, its values gathered
    /// from n trainable entries when `table` is given) when `learned`.
    case input(String, [NetExpression], NetSpan, learned: Bool, table: NetExpression?)
    case block(NetBlock)
    /// `[loss] [target =] pipeline`.
    case assignment(NetTarget?, NetPipeline, isLoss: Bool, NetSpan)
    /// `a, b = split(x, …)`.
    case split([NetTarget], NetCall, NetSpan)
    /// `connect operand -> target`.
    case connect(NetExpression, NetTarget, NetSpan)
    case loop(NetLoopHeader, [NetStatement], NetSpan)
    /// `if c { } else if d { } else { }`: conditions with bodies, then the else body.
    case conditional([(NetExpression, [NetStatement])], [NetStatement]?, NetSpan)

    var span: NetSpan {
        switch self {
        case .network(_, let s), .parameter(_, _, let s), .input(_, _, let s, _, _), .assignment(_, _, _, let s),
             .split(_, _, let s), .connect(_, _, let s), .loop(_, _, let s), .conditional(_, _, let s):
            s
        case .block(let b): b.span
        }
    }

    /// Plain (non-array) names assigned by `statements` and the loop/if bodies inside them.
    static func assignedNames(in statements: [NetStatement]) -> Set<String> {
        var names: Set<String> = []
        var pending: [[NetStatement]] = [statements]
        while let list = pending.popLast() {
            for statement in list {
                switch statement {
                case .assignment(let target?, _, _, _) where target.index == nil: names.insert(target.name)
                case .split(let targets, _, _): for t in targets where t.index == nil { names.insert(t.name) }
                case .input(let name, _, _, _, _): names.insert(name)
                case .loop(_, let body, _): pending.append(body)
                case .conditional(let branches, let otherwise, _):
                    pending.append(contentsOf: branches.map(\.1))
                    if let otherwise { pending.append(otherwise) }
                default: break
                }
            }
        }
        return names
    }
}
