import GPathDiagnostics
import GPathIR

/// A reference to (a slice of) one node's output, as used as an input.
struct NetOperand: Equatable, Sendable {
    /// Full node name.
    var node: String
    /// Channels of `node` carried (absolute).
    var range: ChannelRange
    /// `@ d`: where the operand lands in an add's output.
    var offset: Int?
    /// `detach(x)`: the edge stops gradient.
    var detached: Bool = false

    var width: Int { range.width }
}

/// What an expression evaluates to.
enum NetValue: Sendable {
    case integer(Int)
    case tensor(NetOperand)
    /// Several operands: a tensor array used whole, or a spread argument.
    case list([NetOperand])
    /// The result of a statement that already failed; reading it reports nothing more.
    case poisoned

    var kindDescription: String {
        switch self {
        case .integer: "a number"
        case .tensor: "a tensor"
        case .list: "a list of tensors"
        case .poisoned: "an invalid value"
        }
    }
}

/// One block instantiation (or the file's top level): its names, counters and chain.
///
/// Names are single-assignment within a scope; `name[i]` elements form tensor arrays. A block
/// body sees its parameters, `in`, its own names, the top-level `param`s and every block.
struct NetScope {
    /// Prefix of every node name created here: `""` or `stage2.block1.`.
    var prefix: String
    var values: [String: NetValue] = [:]
    var arrays: [String: [Int: NetOperand]] = [:]
    /// Counter per automatic name stem (`conv`, `basic`…).
    var counters: [String: Int] = [:]
    /// Names the body assigns explicitly; automatic names skip them.
    var reserved: Set<String>
    /// The previous statement's output, the input of an unsourced pipeline.
    var current: NetValue?
    /// Block instantiations from the top level down to here, for `= note:` lines (innermost
    /// first; child scopes share their parent's links, so entering a block is O(1)).
    var chain: NetInstantiation?
    /// The top-level statement being expanded (every node created gets this location).
    var rootLocation: SourceLocation?
    var depth: Int = 0

    init(prefix: String, reserved: Set<String>) {
        self.prefix = prefix
        self.reserved = reserved
    }

    /// Every name visible as a value here (for "did you mean").
    var visibleNames: [String] { Array(values.keys) + Array(arrays.keys) }
}

/// One block instantiation in a scope's chain: the block, where it was called, and the
/// instantiation it happened in. Locations are computed only when a diagnostic needs them.
final class NetInstantiation: Sendable {
    let block: String
    let span: NetSpan
    let parent: NetInstantiation?

    init(block: String, span: NetSpan, parent: NetInstantiation?) {
        self.block = block
        self.span = span
        self.parent = parent
    }

    /// This instantiation and its ancestors, innermost first.
    var innermostFirst: [NetInstantiation] {
        var result: [NetInstantiation] = []
        var link: NetInstantiation? = self
        while let current = link {
            result.append(current)
            link = current.parent
        }
        return result
    }
}
