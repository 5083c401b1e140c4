import GPathAnalysis
import GPathIR
import GPathTestSupport
import Testing

/// Properties on seeded random DAGs (the seed is in every failure message).
struct AnalysisPropertyTests {
    static let seeds: [UInt64] = Array(1...150)

    private func analyse(_ builder: GraphBuilder) -> (Graph, GradientPaths, GradientAnalysis)? {
        guard let graph = builder.build().graph else { return nil }
        return (graph, GradientPathPass().run(on: graph), GradientAnalysisPass().run(on: graph))
    }

    @Test("random graphs verify; shortest ≤ longest; the linear pass equals min/max of the timestamps", arguments: seeds)
    func consistency(seed: UInt64) throws {
        try consistency(seed: seed, mixing: false)
    }

    @Test("with mixing nodes: the linear pass equals min/max of the full analysis' timestamps", arguments: Array(UInt64(600)...719))
    func consistencyWithMixing(seed: UInt64) throws {
        try consistency(seed: seed, mixing: true)
    }

    private func consistency(seed: UInt64, mixing: Bool) throws {
        let (_, paths, full) = try #require(analyse(RandomGraphs.builder(seed: seed, mixing: mixing)), "seed \(seed) did not verify")
        for (fast, layer) in zip(paths.layers, full.layers) {
            #expect(fast.shortest == layer.shortestPath, "seed \(seed) layer \(layer.name)")
            #expect(fast.longest == layer.longestPath, "seed \(seed) layer \(layer.name)")
            if let s = layer.shortestPath, let l = layer.longestPath { #expect(s <= l, "seed \(seed)") }
            for unit in layer.units {
                // Timestamps are exactly the lengths with a non-zero path count (§4.2 = §4.9).
                #expect(unit.timestamps == unit.pathCounts.lengths, "seed \(seed) unit \(unit.label)")
                let sourceTimes = Set(unit.sources.map(\.t))
                #expect(sourceTimes == Set(unit.timestamps.sorted), "seed \(seed) unit \(unit.label)")
                for channel in unit.channels.runs.flatMap({ Array($0.lower..<$0.upper) }) {
                    let run = fast.runs.first { $0.range.contains(channel) }
                    #expect(run?.shortest == unit.shortestPath, "seed \(seed) \(unit.label)@\(channel)")
                    #expect(run?.longest == unit.longestPath, "seed \(seed) \(unit.label)@\(channel)")
                }
            }
            // Units partition the layer's channels.
            let covered = layer.units.reduce(0) { $0 + $1.channels.count }
            #expect(covered == layer.channels, "seed \(seed) layer \(layer.name)")
        }
        #expect(paths.longestShortestPath == full.longestShortestPath, "seed \(seed)")
        #expect(paths.inputShortest == full.inputPaths.lengths.min, "seed \(seed)")
        #expect(full.strictDuplication.duplicated >= 0 && full.sourceDuplication.duplicated >= 0)
    }

    @Test("declaration order does not change any result", arguments: seeds.prefix(60))
    func orderIndependence(seed: UInt64) throws {
        let original = RandomGraphs.builder(seed: seed)
        let (_, _, a) = try #require(analyse(original))
        let (_, _, b) = try #require(analyse(RandomGraphs.shuffled(original, seed: seed &+ 1000)))
        let left = Dictionary(uniqueKeysWithValues: a.layers.map { ($0.name, $0) })
        for layer in b.layers {
            let twin = try #require(left[layer.name])
            #expect(twin.timestamps == layer.timestamps, "seed \(seed) \(layer.name)")
            #expect(twin.pathCounts == layer.pathCounts, "seed \(seed) \(layer.name)")
            #expect(twin.units.map(\.label) == layer.units.map(\.label), "seed \(seed) \(layer.name)")
            #expect(twin.units.map(\.sourceCombination) == layer.units.map(\.sourceCombination), "seed \(seed)")
        }
        #expect(a.duplicationPairs.compute().strict == b.duplicationPairs.compute().strict, "seed \(seed)")
        #expect(a.inputPaths == b.inputPaths, "seed \(seed)")
    }

    @Test("a stop-gradient never adds a path", arguments: seeds.prefix(80))
    func stopGradientRemovesOnly(seed: UInt64) throws {
        let original = RandomGraphs.builder(seed: seed)
        let (_, _, before) = try #require(analyse(original))
        let target = Int(seed % UInt64(max(1, original.connections.count)))
        let stopped = RandomGraphs.rewired(original) { index, connection in
            if index == target { connection.stopsGradient = true }
        }
        let (_, _, after) = try #require(analyse(stopped))
        let earlier = Dictionary(uniqueKeysWithValues: before.layers.map { ($0.name, $0) })
        for layer in after.layers {
            let old = try #require(earlier[layer.name])
            #expect(old.timestamps.union(layer.timestamps) == old.timestamps, "seed \(seed) \(layer.name)")
            for entry in layer.pathCounts.entries {
                let previous = old.pathCounts.entries.first { $0.length == entry.length }?.count ?? 0
                #expect(entry.count <= previous, "seed \(seed) \(layer.name) length \(entry.length)")
            }
        }
        #expect(after.inputPaths.total <= before.inputPaths.total, "seed \(seed)")
    }
}
