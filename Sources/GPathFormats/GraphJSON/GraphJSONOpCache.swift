import GPathIR

/// ``GraphJSONOps/op(named:groups:fields:)`` for nodes without extra fields, remembered per
/// (spelling, groups): a graph file repeats a handful of op spellings, so most nodes find
/// theirs by comparing two words instead of making a `String`, lowercasing it and looking it
/// up in the alias table. Spellings longer than 16 bytes, and any beyond the first
/// ``capacity`` kinds, are looked up every time.
struct GraphJSONOpCache {
    /// Distinct (spelling, groups) pairs remembered; a graph rarely has more than ten.
    static let capacity = 32

    private struct Entry {
        var low: UInt64
        var high: UInt64
        var length: Int
        var groups: Int
        var op: Op?
    }

    private var entries: [Entry] = []

    /// The op spelled by the bytes `name` of `bytes` (plain ASCII) for a node with `groups`
    /// and no other fields; nil for an unknown spelling.
    mutating func op(named name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, groups: Int) -> Op? {
        guard name.count <= 16 else { return Self.lookUp(name, in: bytes, groups: groups) }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (index, offset) in name.enumerated() {
            let byte = UInt64(bytes[offset])
            if index < 8 { low |= byte << (8 * UInt64(index)) } else { high |= byte << (8 * UInt64(index - 8)) }
        }
        for entry in entries where entry.low == low && entry.high == high && entry.length == name.count && entry.groups == groups {
            return entry.op
        }
        let op = Self.lookUp(name, in: bytes, groups: groups)
        if entries.count < Self.capacity {
            entries.append(Entry(low: low, high: high, length: name.count, groups: groups, op: op))
        }
        return op
    }

    private static func lookUp(_ name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, groups: Int) -> Op? {
        let spelling = String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)
        return GraphJSONOps.op(named: spelling, groups: groups, fields: [:])
    }
}
