#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Names stored once, side by side in one byte array, each known by its position: what a
/// builder and a graph of a million nodes keep instead of a `String` (and a heap object) per
/// name. Lookup by name hashes the UTF-8 bytes into an open-addressing index; O(1) expected.
public struct NameTable: Sendable {
    /// Every name's UTF-8 bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Where name i starts in ``bytes``; one more entry than there are names.
    private var starts: [Int] = [0]
    /// Open-addressing slots: the high 32 bits of a name's hash (its tag) above its position
    /// + 1 (0 when empty), so most probes are decided without reading the name. A name's home
    /// slot is the top bits of its tag, so slots hold names in tag order and growing the table
    /// moves entries by their tags alone, front to back, without hashing a name again. Its size
    /// is a power of two kept at least twice the number of names.
    private var slots: [UInt64] = Array(repeating: 0, count: 16)
    /// log2 of the slot count.
    private var slotBits = 4

    /// The positions found or added last, newest first (see ``insert(bytes:)``).
    private var recent: (Int, Int, Int, Int) = (0, 0, 0, 0)

    public init() {}

    /// How many names the table holds.
    public var count: Int { starts.count - 1 }

    /// The name at `position`.
    public func name(at position: Int) -> String {
        String(decoding: bytes[starts[position]..<starts[position + 1]], as: UTF8.self)
    }

    /// Calls `body` with the name at `position` as UTF-8 bytes, without building a `String`.
    public func withUTF8<Result>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let (start, end) = (starts[position], starts[position + 1])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The position of `name`, if it is in the table.
    public func position(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { find($0, hash: Self.hash($0)).found }
    }

    /// The position of `name`, adding it at the end when it is new.
    @discardableResult
    public mutating func insert(_ name: String) -> (position: Int, inserted: Bool) {
        var name = name
        return name.withUTF8 { insert(bytes: $0) }
    }

    /// The position of the name spelled by `utf8`, adding it when it is new.
    public mutating func insert(bytes utf8: UnsafeBufferPointer<UInt8>) -> (position: Int, inserted: Bool) {
        if let guessed = guess(utf8) {
            remember(guessed)
            return (guessed, false)
        }
        let hash = Self.hash(utf8)
        let (found, slot) = find(utf8, hash: hash)
        if let found {
            remember(found)
            return (found, false)
        }
        let position = count
        remember(position)
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
        slots[slot] = Self.slot(hash: hash, position: position)
        if count * 2 > slots.count { grow() }
        return (position, true)
    }

    /// Files list edges in the order of their nodes: the name looked up is often one found a
    /// moment ago or the one after it (an edge's source, then its destination, then the next
    /// edge's). Checking those reads memory already in cache; the hash probe (a random access
    /// into a large table) is the fallback.
    private func guess(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        func near(_ position: Int) -> Int? {
            if position < count, equals(position, utf8) { return position }
            if position + 1 < count, equals(position + 1, utf8) { return position + 1 }
            return nil
        }
        return near(recent.0) ?? near(recent.1) ?? near(recent.2) ?? near(recent.3)
    }

    private mutating func remember(_ position: Int) {
        guard position != recent.0 else { return }
        recent = (position, recent.0, recent.1, recent.2)
    }

    /// The name's position if present, and the slot where it is or would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int?, slot: Int) {
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = Self.home(tag: tag, bits: slotBits)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            let position = Int(entry & 0xffff_ffff) - 1
            if entry >> 32 == tag, equals(position, utf8) { return (position, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// The slot a tag starts probing at in a table of 2^bits slots: the tag's top bits.
    private static func home(tag: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: tag >> UInt64(32 - bits))
    }

    private static func slot(hash: UInt64, position: Int) -> UInt64 {
        (hash >> 32) << 32 | UInt64(position + 1)
    }

    private func equals(_ position: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[position]
        guard starts[position + 1] - start == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let name = utf8.baseAddress else { return utf8.isEmpty }
            return memcmp(base + start, name, utf8.count) == 0
        }
    }

    /// Doubles the slots. Entries are visited in slot order, which is tag order but for a
    /// cluster wrapped round to the front; each lands at its home in the larger table or just
    /// after, so the new table is written nearly front to back.
    private mutating func grow() {
        precondition(slotBits < 32, "name table beyond 2^31 names")
        let bits = slotBits + 1
        var grown = [UInt64](repeating: 0, count: 1 << bits)
        let mask = grown.count - 1
        for entry in slots where entry != 0 {
            var slot = Self.home(tag: entry >> 32, bits: bits)
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        slots = grown
        slotBits = bits
    }

    /// FNV-1a over the bytes, then a multiply-shift finaliser so the low bits mix well.
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        return hash ^ (hash >> 33)
    }
}
