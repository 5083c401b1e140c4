import BigInt
import GPathAnalysis
import GPathIR
import GPathTestSupport
import Testing

/// The full analysis against two independent implementations on seeded random graphs: the
/// literal round-by-round traversal of spec §4.2, and brute-force path enumeration (§4.1).
struct IndependentCheckTests {
    static let seeds: [UInt64] = Array(200...349)

    /// Seeds of graphs with mixing nodes (softmax, layer/group norm, matrix products).
    static let mixingSeeds: [UInt64] = Array(400...519)

    @Test("timestamps from the round-by-round traversal equal the path lengths of the path-count pass", arguments: seeds)
    func traversalAgrees(seed: UInt64) throws {
        try traversalAgrees(seed: seed, mixing: false)
    }

    @Test("with mixing nodes: the traversal's timestamps equal the path-count pass's", arguments: mixingSeeds)
    func traversalAgreesWithMixing(seed: UInt64) throws {
        try traversalAgrees(seed: seed, mixing: true)
    }

    @Test("with mixing nodes: path counts equal brute-force enumeration", arguments: mixingSeeds)
    func bruteForceAgreesWithMixing(seed: UInt64) throws {
        try bruteForceAgrees(seed: seed, mixing: true)
    }

    @Test("the mixing seeds are not vacuous: every mixing op appears, with gradient flowing through it")
    func mixingSeedsExerciseMixing() {
        var kinds: [OpKind: Int] = [:]
        for seed in Self.mixingSeeds {
            guard let graph = RandomGraphs.builder(seed: seed, nodes: 14, mixing: true).build().graph else { continue }
            let reached = Set(GradientPathPass().run(on: graph).layers.filter { $0.shortest != nil }.map(\.node))
            for node in graph.nodes where node.op.family == .mixing {
                // A mixing node counts when some layer feeding it is reached by gradient.
                if node.inputs.contains(where: { reached.contains($0.source) }) { kinds[node.op.kind, default: 0] += 1 }
            }
        }
        for kind in [OpKind.matmul, .softmax, .layerNorm, .groupNorm] {
            #expect((kinds[kind] ?? 0) >= 2, "\(kind) is exercised \(kinds[kind] ?? 0) times")
        }
    }

    private func traversalAgrees(seed: UInt64, mixing: Bool) throws {
        let graph = try #require(RandomGraphs.builder(seed: seed, nodes: 14, mixing: mixing).build().graph, "seed \(seed)")
        let analysis = GradientAnalysisPass().run(on: graph)
        let rounds = TimestampTraversal().run(on: graph)
        for layer in analysis.layers {
            let stamped = rounds[layer.node] ?? [:]
            for unit in layer.units {
                for channel in unit.channels.runs.flatMap({ Array($0.lower..<$0.upper) }) {
                    let traversal = TimestampSet(stamped.filter { $0.value.contains(channel) }.map(\.key))
                    #expect(traversal == unit.timestamps, "seed \(seed) \(unit.label) channel \(channel)")
                }
            }
        }
    }

    @Test("path counts per unit, per layer and to the input equal brute-force enumeration", arguments: seeds)
    func bruteForceAgrees(seed: UInt64) throws {
        try bruteForceAgrees(seed: seed, mixing: false)
    }

    private func bruteForceAgrees(seed: UInt64, mixing: Bool) throws {
        let graph = try #require(RandomGraphs.builder(seed: seed, nodes: 14, mixing: mixing).build().graph, "seed \(seed)")
        let brute = try #require(BruteForcePaths.count(graph), "seed \(seed): too many paths to enumerate")
        let analysis = GradientAnalysisPass().run(on: graph)
        func dictionary(_ counts: PathCounts) -> [Int: Int] {
            Dictionary(uniqueKeysWithValues: counts.entries.map { ($0.length, Int($0.count)) })
        }
        for layer in analysis.layers {
            #expect(dictionary(layer.pathCounts) == (brute.perLayer[layer.name] ?? [:]), "seed \(seed) \(layer.name)")
            let total = layer.pathCounts.entries.reduce(BigUInt(0)) { $0 + $1.count }
            #expect(total == layer.pathCounts.total, "seed \(seed)")
            for unit in layer.units {
                for channel in unit.channels.runs.flatMap({ Array($0.lower..<$0.upper) }) {
                    let expected = brute.perChannel[layer.name]?[channel] ?? [:]
                    #expect(dictionary(unit.pathCounts) == expected, "seed \(seed) \(unit.label) channel \(channel)")
                }
            }
        }
        #expect(dictionary(analysis.inputPaths) == brute.input, "seed \(seed)")
    }

    @Test("the traversal reproduces Figure 7(a): the first layer carries G1, G3 and G5")
    func figure7a() throws {
        var b = GraphBuilder(name: "fig7a")
        b.addNode("in", op: .input, channels: 1)
        for name in ["L1", "L2", "L3", "L4", "L5"] { b.addNode(name, op: .layer(groups: 1), channels: 1) }
        b.addNode("A3", op: .add)
        b.addNode("A5", op: .add)
        b.addNode("loss", op: .loss(.generic))
        for (s, d) in [("in", "L1"), ("L1", "L2"), ("L2", "L3"), ("L3", "A3"), ("L1", "A3"), ("A3", "L4"), ("L4", "L5"), ("L5", "A5"), ("A3", "A5"), ("A5", "loss")] {
            b.connect(s, to: d)
        }
        let graph = try #require(b.build().graph)
        let rounds = TimestampTraversal().run(on: graph)
        let first = try #require(graph.node(named: "L1"))
        #expect(Set(rounds[first.id]?.keys.map { $0 } ?? []) == [1, 3, 5])
    }
}
