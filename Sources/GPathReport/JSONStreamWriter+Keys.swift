/// Member keys rendered ahead of time, for ``JSONStreamWriter``.
extension JSONStreamWriter {
    /// A member key rendered for the objects at one nesting depth, in the writer's style: the
    /// line break and indentation that go before it (pretty only), the quoted key, and `: `
    /// (`:` compact). Writing it is a comma (unless it is the object's first member) and one
    /// copy — for keys written once per layer, where placing, indenting and quoting each key
    /// again costs more than its bytes.
    public struct RenderedKey: Sendable {
        let bytes: [UInt8]
        /// The nesting depth the key was rendered for (1: the root object's members).
        let depth: Int
    }

    /// `key` (plain ASCII, nothing to escape) rendered for the members of objects at `depth`
    /// (the root object's members are at depth 1).
    public func render(_ key: StaticString, depth: Int) -> RenderedKey {
        var bytes: [UInt8] = []
        if isPretty {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: isPretty ? [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")] : [UInt8(ascii: "\""), UInt8(ascii: ":")])
        return RenderedKey(bytes: bytes, depth: depth)
    }

    /// A member's key rendered by ``render(_:depth:)``: the same bytes ``key(_:)-(StaticString)``
    /// writes. The writer must be at the depth the key was rendered for.
    public mutating func key(_ key: RenderedKey) {
        precondition(key.depth == depth, "a key rendered for depth \(key.depth) written at depth \(depth)")
        if !isEmpty {
            reserve(1)
            put(UInt8(ascii: ","))
        }
        isEmpty = false
        afterKey = true
        key.bytes.withUnsafeBufferPointer { putLong($0.baseAddress, $0.count) }
    }
}
