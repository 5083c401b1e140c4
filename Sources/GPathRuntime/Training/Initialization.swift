import Foundation
import GPathIR

/// How parameters start: He/Kaiming normal weights, zero biases, unit norm scales, zero
/// shifts, learned tensors N(0, 0.02²); optionally zero scales on the last norm of every
/// residual branch.
///
/// Weights are N(0, 2/fan_in) (He et al. 2015), fan_in = (in/groups)·k² for convolutions and
/// C·H·W for linear layers — except a layer that feeds only losses, which gets N(0, 1/fan_in)
/// so the initial logits stay near unit scale, and a layer that feeds only matrix products
/// (attention's q, k, v projections), which gets N(0, 1/fan_in) too: scaled dot-product
/// attention's 1/√d assumes q and k of unit-variance components (Vaswani et al. 2017), which
/// the gain 2 (meant to make up for a ReLU) would double — scores of deviation 2 instead of 1,
/// a sharper softmax from the start (on `vit_tiny` with a patchify stem, 300 steps of batch 64
/// at lr 0.1, seed 1: the loss fell 52% instead of 49%). With `zeroInitResidualNorms`, a norm folded into a
/// weighted layer that feeds an add directly starts with scale 0 when it is the add's
/// deepest input (most weighted layers from the network input) and another input of the add
/// is shallower — the residual branch, not the projection shortcut (Goyal et al. 2017).
public struct Initialization: Sendable {
    /// σ of a learned tensor's start, N(0, σ²): 0.02, as ViT initialises its class token and
    /// positional embedding (see ``LearnedTensorKernel``).
    public static let learnedDeviation = 0.02

    public var seed: UInt64
    public var zeroInitResidualNorms: Bool

    public init(seed: UInt64 = 1, zeroInitResidualNorms: Bool = false) {
        self.seed = seed
        self.zeroInitResidualNorms = zeroInitResidualNorms
    }

    /// Sets every parameter of `network`.
    public func apply(to network: Network) {
        let graph = network.graph
        var random = SeededRandom(seed: seed)
        let unitGain = graph.nodes.indices.map { graph.consumers(of: NodeID($0)) }.map { consumers in
            !consumers.isEmpty && (consumers.allSatisfy { graph[$0.node].op.family == .objective }
                || consumers.allSatisfy { graph[$0.node].op.kind == .matmul })
        }
        let zeroed = zeroInitResidualNorms ? Self.residualBranchNorms(graph) : []
        let store = network.parameters
        for index in store.parameters.indices {
            let p = store.parameters[index]
            switch p.role {
            case .weight:
                let gain = unitGain[p.node.index] ? 1.0 : 2.0
                let deviation = (gain / Double(max(1, p.fanIn))).squareRoot()
                for i in p.value.indices { store.parameters[index].value[i] = Float(random.normal() * deviation) }
            case .bias, .shift:
                store.parameters[index].value = [Float](repeating: 0, count: p.value.count)
            case .scale:
                store.parameters[index].value = [Float](repeating: zeroed.contains(p.node) ? 0 : 1, count: p.value.count)
            case .learned:
                for i in p.value.indices { store.parameters[index].value[i] = Float(random.normal() * Self.learnedDeviation) }
            }
        }
    }

    /// Weighted layers with a folded norm that end a residual branch (see the type's summary).
    static func residualBranchNorms(_ graph: Graph) -> Set<NodeID> {
        var depth = [Int](repeating: 0, count: graph.nodes.count)
        for id in graph.topologicalOrder {
            let node = graph[id]
            let deepest = node.inputs.map { depth[$0.source.index] }.max() ?? 0
            depth[id.index] = deepest + (node.op.isWeighted ? 1 : 0)
        }
        var result = Set<NodeID>()
        for node in graph.nodes where node.op == .add && node.inputs.count >= 2 {
            let depths = node.inputs.map { depth[$0.source.index] }
            guard let deepest = depths.max(), let shallowest = depths.min(), shallowest < deepest else { continue }
            for edge in node.inputs where depth[edge.source.index] == deepest {
                let source = graph[edge.source]
                let normalized = switch source.op {
                case .convolution(let c): c.normalized
                case .linear(let l): l.normalized
                default: false
                }
                if normalized { result.insert(source.id) }
            }
        }
        return result
    }
}
