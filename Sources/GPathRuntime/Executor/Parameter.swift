import GPathIR

/// One trainable tensor (a layer's weight, bias, or norm scale/shift) with its gradient.
public struct Parameter: Sendable {
    /// What the tensor is to its layer.
    public enum Role: String, Sendable, CaseIterable {
        case weight
        case bias
        case scale
        case shift
        /// The values of a learned tensor (a class token, a positional embedding).
        case learned
    }

    /// `layer.weight`, `layer.bias`, `layer.scale`, `layer.shift`, `tensor.value`.
    public let name: String
    /// The node owning it.
    public let node: NodeID
    public let role: Role
    /// Inputs feeding one output (the He initialisation fan-in; 1 for norm parameters).
    public let fanIn: Int
    public var value: [Float]
    /// ∂L/∂value of the last backward pass (zeroed at its start).
    public var gradient: [Float]

    public init(name: String, node: NodeID, role: Role, fanIn: Int, value: [Float]) {
        self.name = name
        self.node = node
        self.role = role
        self.fanIn = fanIn
        self.value = value
        self.gradient = [Float](repeating: 0, count: value.count)
    }

    /// Weight decay applies to weights only (not biases, norm parameters or learned tensors,
    /// which ViT's recipe also leaves undecayed).
    public var decays: Bool { role == .weight }
}

/// Every parameter of a network, in node declaration order then role order; kernels refer to
/// them by index. A class so optimizers and kernels update one shared copy.
public final class ParameterStore {
    public var parameters: [Parameter] = []

    public init() {}

    /// Appends a parameter and returns its index.
    func add(_ parameter: Parameter) -> Int {
        parameters.append(parameter)
        return parameters.count - 1
    }

    /// Total number of scalar parameters.
    public var scalarCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// `gradient[index] += values`, element-wise.
    func accumulate(_ values: [Float], into index: Int) {
        parameters[index].gradient.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] += values[i] }
        }
    }

    /// Sets every gradient to zero.
    public func zeroGradients() {
        for index in parameters.indices {
            parameters[index].gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }

    /// The parameters' values, for saving or comparing runs.
    public var values: [[Float]] { parameters.map(\.value) }
}
