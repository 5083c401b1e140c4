/// Why the runtime refused a graph or a batch. Each case has a stable code (`E5xx`, the
/// runtime range of gpath's diagnostics) and a lowercase message naming the node involved.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
    /// An op (or an op configuration) the runtime cannot execute.
    case unsupportedOp(node: String, op: String, reason: String)
    /// A shape the runtime cannot work with: unknown input size, mismatched inputs, a batch
    /// that does not fit the compiled network.
    case shape(node: String, message: String)
    /// A label outside a loss's channels.
    case labelOutOfRange(loss: String, label: Int, channels: Int)
    /// A batch that is empty or has a label count different from its size.
    case badBatch(message: String)

    /// The stable code.
    public var code: String {
        switch self {
        case .unsupportedOp: "E501"
        case .shape: "E502"
        case .labelOutOfRange: "E503"
        case .badBatch: "E502"
        }
    }

    public var description: String {
        switch self {
        case .unsupportedOp(let node, let op, let reason):
            "the runtime cannot execute \(op) `\(node)`: \(reason)"
        case .shape(let node, let message):
            "`\(node)`: \(message)"
        case .labelOutOfRange(let loss, let label, let channels):
            "label \(label) is outside the \(channels) channels of loss `\(loss)`"
        case .badBatch(let message):
            message
        }
    }
}
