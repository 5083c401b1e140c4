import GPathIR
import GPathRuntime
import Testing

/// Whole-network gradient checks: for a small network of every family, every parameter
/// tensor's gradient (sampled at 6 coordinates) equals central finite differences of the
/// summed losses.
///
/// Tolerance: h = 10⁻², rtol = 3·10⁻², atol = 2·10⁻⁴. The loss (≈ 1) is computed in float32
/// through up to ~15 layers with batch norm, so its rounding is ~10⁻⁶ and the difference's
/// rounding error ~10⁻⁶/h = 10⁻⁴ — below atol; truncation error h²·f‴ stays under 1% of the
/// gradient for these O(1) activations.
///
/// Kinks: perturbing one weight by ±h moves every pre-activation it feeds, so in a ReLU network
/// some of them always cross 0 and the central difference averages two slopes (errors of
/// 5–50% seen). The whole-network checks therefore run each family with its kinked ops swapped
/// for smooth ones of the same shape (`FamilyNetworks.graph(smooth:)`): they test the
/// executor's wiring (placement, fan-out accumulation, folding, several losses); ReLU, leaky,
/// max pooling and global max pooling themselves are checked per op, away from their kinks.
///
/// Stop-gradients are checked separately: the finite difference of a network *with its
/// stopped tensors frozen as constant inputs* must equal the runtime's gradient.
@Suite("network gradients")
struct NetworkGradientTests {
    static let check = GradientCheck(step: 1e-2, relativeTolerance: 3e-2, absoluteTolerance: 2e-4)

    @Test("every parameter of a small network of each family", arguments: FamilyNetworks.names.filter { $0 != "stop_gradient" })
    func family(name: String) throws {
        let graph = try FamilyNetworks.graph(name, smooth: true)
        let network = try Network(graph: graph, initialization: Initialization(seed: 3))
        // Learned tensors start at σ = 0.02: a layer norm over a class token that small bends
        // within ±h, so the check moves them to unit scale.
        for index in network.parameters.parameters.indices where network.parameters.parameters[index].role == .learned {
            network.parameters.parameters[index].value = network.parameters.parameters[index].value.map { $0 * 50 }
        }
        let (x, labels) = FamilyNetworks.batch(4, seed: 11)
        let reports = try Self.check.run(network: network, inputs: [x], labels: labels)
        #expect(!reports.isEmpty)
        var checked = 0
        var nonSmooth = 0
        for (parameter, report) in reports.sorted(by: { $0.key < $1.key }) {
            #expect(report.passed, "\(name) \(parameter): \(report)")
            checked += report.checked
            nonSmooth += report.nonSmooth
        }
        #expect(nonSmooth == 0, "\(name): \(nonSmooth) of \(checked) coordinates non-smooth")
    }

    /// The graph with every stop-gradient node and every stopped edge's source replaced by a
    /// new input (`frozen.NAME`), so what the runtime must treat as a constant is one.
    static func frozen(_ graph: Graph, shapes: ShapePlan) -> (GraphBuilder, [NodeID]) {
        var b = GraphBuilder(name: graph.name + "_frozen")
        var frozenSources: [NodeID] = []
        for node in graph.nodes {
            if node.op == .stopGradient {
                let shape = shapes.shapes[node.id.index]
                b.addNode(node.name, op: .input, channels: node.channels, spatial: Spatial(height: shape.height, width: shape.width))
                frozenSources.append(node.id)
                continue
            }
            b.addNode(node.name, op: node.op, channels: node.op == .input || node.op.isWeighted ? node.channels : nil, spatial: node.spatial)
            for edge in node.inputs {
                var source = graph[edge.source].name
                if edge.stopsGradient {
                    source = "frozen." + source
                    if !b.hasNode(source) {
                        let shape = shapes.shapes[edge.source.index]
                        b.addNode(source, op: .input, channels: shape.channels, spatial: Spatial(height: shape.height, width: shape.width))
                        frozenSources.append(edge.source)
                    }
                }
                b.connect(source, to: node.name, sourceRange: edge.sourceRange,
                          destinationRange: edge.destinationOffset.map { ChannelRange($0, $0 + edge.width) })
            }
        }
        return (b, frozenSources)
    }

    @Test("stop-gradient: the gradient equals finite differences with stopped tensors frozen")
    func stopGradient() throws {
        let graph = try FamilyNetworks.graph("stop_gradient", smooth: true)
        let network = try Network(graph: graph, initialization: Initialization(seed: 3))
        let (x, labels) = FamilyNetworks.batch(4, seed: 11)
        try network.forward([x], labels: labels, mode: .training)
        network.backward()
        let (builder, frozenSources) = Self.frozen(graph, shapes: network.plan)
        let frozenGraph = try #require(builder.build().graph)
        let twin = try Network(graph: frozenGraph)
        let values = Dictionary(uniqueKeysWithValues: network.parameters.parameters.map { ($0.name, $0.value) })
        for index in twin.parameters.parameters.indices {
            twin.parameters.parameters[index].value = try #require(values[twin.parameters.parameters[index].name])
        }
        // The twin's inputs: the image, then each frozen tensor in declaration order.
        var inputs: [Tensor] = []
        for input in frozenGraph.inputs {
            if input.name == "image" { inputs.append(x); continue }
            let name = input.name.hasPrefix("frozen.") ? String(input.name.dropFirst(7)) : input.name
            let source = try #require(frozenSources.first { graph[$0].name == name })
            inputs.append(try #require(network.output(of: source)))
        }
        let reports = try Self.check.run(network: twin, inputs: inputs, labels: labels)
        let analytic = Dictionary(uniqueKeysWithValues: network.parameters.parameters.map { ($0.name, $0.gradient) })
        for p in twin.parameters.parameters {
            // Same gradients in the original (stop-gradient) network and the frozen twin…
            let original = try #require(analytic[p.name])
            let worst = zip(original, p.gradient).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-5, "\(p.name): original and frozen gradients differ by \(worst)")
            // …and the twin's match finite differences.
            let report = try #require(reports[p.name])
            #expect(report.passed && report.nonSmooth == 0, "\(p.name): \(report)")
        }
        // The detached block `a` only trains through its own branch; the stem does get gradient.
        let norms = Dictionary(uniqueKeysWithValues: network.layerNorms.map { ($0.name, $0.weightGradient) })
        #expect((norms["stem"] ?? 0) > 0)
    }
}
