@testable import GPathAnalysis
import GPathIR
import GPathTestSupport
import Testing

/// ``LayerTimestamps/combinations`` (sorted by size and order, equal neighbours dropped)
/// against its definition: the distinct non-empty sets, sorted by `<`.
struct TimestampCombinationsTests {
    @Test("the distinct sets in the report's order, on seeded random layers", arguments: [11, 12, 13] as [UInt64])
    func matchesDefinition(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var pool: [TimestampSet] = [TimestampSet()]
        for _ in 0..<40 {
            // Small and wide sets, some sharing their size and first elements.
            let top = Int(generator.next() % (generator.next() % 2 == 0 ? 12 : 300))
            pool.append(TimestampSet((0...top).filter { _ in generator.next() % 3 != 0 }))
        }
        let layers = (0..<500).map { index in
            LayerTimestamps.Layer(node: NodeID(index), name: "l\(index)", timestamps: pool[Int(generator.next() % UInt64(pool.count))])
        }
        let timestamps = LayerTimestamps(layers: layers, inputLengths: TimestampSet())
        let expected = Set(layers.map(\.timestamps).filter { !$0.isEmpty }).sorted(by: <)
        #expect(timestamps.combinations == expected)
        #expect(!expected.isEmpty)
    }
}
