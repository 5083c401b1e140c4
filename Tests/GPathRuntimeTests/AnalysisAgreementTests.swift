import GPathAnalysis
import GPathIR
import GPathRuntime
import GPathTestSupport
import Testing

/// The analyzer agrees with the runtime: on seeded random graphs (every routing rule — grouped
/// layers, full/masked/asymmetric/placed adds, concats, slices, stop-gradient nodes and edges,
/// one or two losses), every channel unit `GradientAnalysisPass` calls unreachable gets exactly
/// zero weight gradient, and every reachable unit a non-zero one.
///
/// The random graphs' `layer` nodes run as 1×1 grouped convolutions with He-initialised
/// weights; losses become MSE against one-hot targets so every loss channel sends a generic
/// non-zero gradient (a 1-channel cross-entropy would send exactly zero). Inputs are 2×2 maps
/// of N(0, 1) values, so no product vanishes except structurally.
@Suite("analysis agrees with runtime")
struct AnalysisAgreementTests {
    static func withMSELosses(_ builder: GraphBuilder) -> GraphBuilder {
        var b = GraphBuilder(name: builder.name)
        for d in builder.declarations {
            let op: Op = if case .loss = d.op { .loss(.meanSquaredError) } else { d.op }
            b.addNode(d.name, op: op, channels: d.channels, spatial: d.spatial)
        }
        for c in builder.connections {
            b.connect(c.source, to: c.destination, sourceRange: c.sourceRange, destinationRange: c.destinationRange, stopsGradient: c.stopsGradient)
        }
        return b
    }

    static func check(seed: UInt64, nodes: Int) throws -> (units: Int, unreachable: Int) {
        let builder = withMSELosses(RandomGraphs.builder(seed: seed, nodes: nodes))
        let graph = try #require(builder.build().graph, "seed \(seed)")
        let analysis = GradientAnalysisPass().run(on: graph)
        let network = try Network(graph: graph, inputSpatial: Spatial(height: 2, width: 2), initialization: Initialization(seed: seed))
        var random = SeededRandom(seed: seed ^ 0xABCD)
        let inputs = (0..<graph.inputs.count).map { k in
            let shape = network.inputShape(k)
            let batch = TensorShape(batch: 3, channels: shape.channels, height: shape.height, width: shape.width)
            return Tensor(shape: batch, storage: (0..<batch.count).map { _ in Float(random.normal()) })
        }
        try network.forward(inputs, labels: [0, 0, 0], mode: .training)
        network.backward()
        var unreachable = 0
        for unit in analysis.units {
            let weight = try #require(network.parameters.parameters.first { $0.node == unit.layer && $0.role == .weight })
            let rows = weight.value.count / graph[unit.layer].channels
            var maximum: Float = 0
            for run in unit.channels.runs {
                for o in run.lower..<run.upper {
                    for g in weight.gradient[(o * rows)..<((o + 1) * rows)] { maximum = max(maximum, abs(g)) }
                }
            }
            if unit.isReachable {
                #expect(maximum > 0, "seed \(seed): reachable unit \(unit.label) got zero weight gradient")
            } else {
                unreachable += 1
                #expect(maximum == 0, "seed \(seed): unreachable unit \(unit.label) got weight gradient \(maximum)")
            }
        }
        return (analysis.units.count, unreachable)
    }

    @Test("300 random graphs of 12 nodes and 50 of 40 nodes")
    func randomGraphs() throws {
        var units = 0
        var unreachable = 0
        for seed in UInt64(1)...300 {
            let result = try Self.check(seed: seed, nodes: 12)
            units += result.units
            unreachable += result.unreachable
        }
        for seed in UInt64(1001)...1050 {
            let result = try Self.check(seed: seed, nodes: 40)
            units += result.units
            unreachable += result.unreachable
        }
        // The generator must exercise both sides of the property.
        #expect(unreachable >= 500, "only \(unreachable) unreachable units among \(units)")
        #expect(units - unreachable >= 500)
    }
}
