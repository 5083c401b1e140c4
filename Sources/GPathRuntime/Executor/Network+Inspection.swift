import GPathIR

/// Gradient norms per layer and the search for the first non-finite value — what a training
/// report and divergence detection need.
extension Network {
    /// One weighted layer's parameter and gradient norms.
    public struct LayerNorms: Sendable, Equatable {
        public let name: String
        /// ‖∂L/∂weight‖₂.
        public let weightGradient: Double
        /// ‖weight‖₂.
        public let weight: Double
        /// ‖∂L/∂θ‖₂ over all of the layer's parameters (weight, bias, norm scale and shift).
        public let allGradients: Double
    }

    /// Norms for every weighted layer, in declaration order.
    public var layerNorms: [LayerNorms] {
        var byNode: [NodeID: (weightGradient: Double, weight: Double, all: Double)] = [:]
        for p in parameters.parameters {
            var entry = byNode[p.node] ?? (0, 0, 0)
            let g = Self.squaredNorm(p.gradient)
            entry.all += g
            if p.role == .weight {
                entry.weightGradient += g
                entry.weight += Self.squaredNorm(p.value)
            }
            byNode[p.node] = entry
        }
        return graph.layers.compactMap { node in
            byNode[node.id].map {
                LayerNorms(name: node.name, weightGradient: $0.weightGradient.squareRoot(), weight: $0.weight.squareRoot(), allGradients: $0.all.squareRoot())
            }
        }
    }

    /// ‖∂L/∂θ‖₂ over every parameter.
    public var globalGradientNorm: Double {
        parameters.parameters.reduce(0) { $0 + Self.squaredNorm($1.gradient) }.squareRoot()
    }

    /// The first node, in topological order, whose last forward output holds NaN or ±∞.
    public func firstNonFiniteOutput() -> Node? {
        for id in graph.topologicalOrder {
            if let output = outputs[id.index], !output.isFinite { return graph[id] }
        }
        return nil
    }

    /// The parameter nearest the losses (reverse topological order) whose gradient holds NaN
    /// or ±∞, or whose value does.
    public func firstNonFiniteParameter() -> Parameter? {
        let order = Dictionary(uniqueKeysWithValues: graph.topologicalOrder.enumerated().map { ($1, $0) })
        let sorted = parameters.parameters.sorted { (order[$0.node] ?? 0) > (order[$1.node] ?? 0) }
        return sorted.first { p in
            !(p.gradient.allSatisfy(\.isFinite) && p.value.allSatisfy(\.isFinite))
        }
    }

    static func squaredNorm(_ values: [Float]) -> Double {
        values.reduce(0) { $0 + Double($1) * Double($1) }
    }
}
