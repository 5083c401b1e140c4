import GPathIR
import GPathTestSupport
import Testing

struct ChannelSetTests {
    @Test("canonical form merges overlapping and adjacent runs")
    func canonical() {
        let set = ChannelSet([ChannelRange(4, 6), ChannelRange(0, 2), ChannelRange(2, 3), ChannelRange(5, 8)])
        #expect(set.runs == [ChannelRange(0, 3), ChannelRange(4, 8)])
        #expect(set.count == 7)
        #expect(set.description == "[0:3,4:8]")
    }

    @Test("set operations agree with a brute-force model on random sets")
    func randomAgreement() {
        var random = SeededGenerator(seed: 7)
        for trial in 0..<500 {
            func make() -> (ChannelSet, Set<Int>) {
                var ranges: [ChannelRange] = []
                var members = Set<Int>()
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    let low = Int.random(in: 0..<20, using: &random)
                    let high = Int.random(in: low...20, using: &random)
                    ranges.append(ChannelRange(low, high))
                    members.formUnion(low..<high)
                }
                return (ChannelSet(ranges), members)
            }
            let (a, x) = make()
            let (b, y) = make()
            let expanded: (ChannelSet) -> Set<Int> = { Set($0.runs.flatMap { Array($0.lower..<$0.upper) }) }
            #expect(expanded(a.union(b)) == x.union(y), "trial \(trial), seed 7")
            #expect(expanded(a.intersection(b)) == x.intersection(y), "trial \(trial), seed 7")
            #expect(a.count == x.count)
            for channel in 0..<21 { #expect(a.contains(channel) == x.contains(channel)) }
        }
    }
}

struct ChannelSetComplementTests {
    @Test("complement lists the gaps inside a range")
    func complement() {
        let set = ChannelSet([ChannelRange(2, 4), ChannelRange(6, 7)])
        #expect(set.complement(in: ChannelRange(0, 8)).runs == [ChannelRange(0, 2), ChannelRange(4, 6), ChannelRange(7, 8)])
        #expect(set.complement(in: ChannelRange(2, 4)).isEmpty)
        #expect(ChannelSet().complement(in: ChannelRange(1, 3)).runs == [ChannelRange(1, 3)])
    }
}
