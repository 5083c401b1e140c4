import GPathIR

/// Writes JSON text as it goes: bytes are appended to one fixed buffer and handed to a sink
/// whenever the buffer would overflow `flushThreshold`, so a report of any size is written in
/// constant memory. Nothing is built in between — no tree, no `String` per value: integers are
/// formatted by hand (two digits per table lookup), strings escaped in one pass over their UTF-8,
/// indentation copied from a run of spaces.
///
/// The caller drives the structure (`beginObject`, `key`, values, `endObject`…); the writer
/// places commas, line breaks and indentation. Pretty output is two-space indented with
/// `"key": value` (the format of ``JSONText/rendered(pretty:)``), and `{}`/`[]` when empty;
/// compact output has no whitespace at all.
///
/// A sink that throws stops the output: later bytes are dropped and ``finish()`` rethrows the
/// first error. Invariant: `count ≤ capacity`; every single append is at most 64 bytes, so the
/// smallest threshold (64) still fits each piece.
public struct JSONStreamWriter: ~Copyable {
    /// Whitespace of the output.
    public enum Style: Sendable {
        /// Two-space indentation, one member or element per line.
        case pretty
        /// No whitespace between tokens.
        case compact
    }

    /// Receives the output in order, one chunk at a time (the buffer is reused afterwards).
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0
    let sink: Sink
    var failure: (any Error)?
    let isPretty: Bool
    /// Nesting depth of the container being written.
    var depth = 0
    /// True until the current container has its first member (and for the root value).
    var isEmpty = true
    /// True right after a key: the next value needs no separator.
    var afterKey = true
    var scratch: [UInt] = []
    var chunks: [UInt64] = []
    /// Bytes handed to the sink so far plus those still buffered.
    public var bytesWritten: Int { flushed + count }
    var flushed = 0

    /// - Parameters:
    ///   - flushThreshold: the buffer size in bytes (at least 64); the sink receives chunks of
    ///     at most this many bytes.
    ///   - sink: where the bytes go, e.g. a file descriptor.
    public init(style: Style = .pretty, flushThreshold: Int = 1 << 20, sink: @escaping Sink) {
        capacity = Swift.max(flushThreshold, 64)
        buffer = .allocate(capacity: capacity)
        isPretty = style == .pretty
        self.sink = sink
    }

    deinit { buffer.deallocate() }

    /// Hands what is buffered to the sink and throws the sink's first error, if any.
    public mutating func finish() throws {
        flush()
        if let failure { throw failure }
    }

    // MARK: Structure

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's key known at compile time (plain ASCII, nothing to escape).
    public mutating func key(_ key: StaticString) {
        member()
        reserve(key.utf8CodeUnitCount + 4)
        put(UInt8(ascii: "\""))
        putBytes(key.utf8Start, key.utf8CodeUnitCount)
        putKeyEnd()
    }

    /// A member's key, escaped as needed.
    ///
    /// Disfavoured so that a literal key (`out.key("channels")`) is a `StaticString` and
    /// skips the escaping scan.
    @_disfavoredOverload
    public mutating func key(_ key: String) {
        member()
        quote(key)
        reserve(2)
        put(UInt8(ascii: ":"))
        if isPretty { put(UInt8(ascii: " ")) }
    }

    /// A member whose key is the node's name, copied from the graph's name table (no `String`).
    public mutating func key(_ names: NodeNames, _ id: NodeID) {
        member()
        names.withUTF8(of: id) { quote(utf8: $0) }
        reserve(2)
        put(UInt8(ascii: ":"))
        if isPretty { put(UInt8(ascii: " ")) }
    }

    /// A member whose key is the decimal spelling of `number` (`"12": …`).
    public mutating func key(number: Int) {
        member()
        reserve(26)
        put(UInt8(ascii: "\""))
        putInteger(number)
        putKeyEnd()
    }

    // MARK: Values

    public mutating func value(_ number: Int) {
        element()
        reserve(20)
        putInteger(number)
    }

    /// `number`, or `null` when nil.
    public mutating func value(_ number: Int?) {
        guard let number else { return null() }
        value(number)
    }

    /// A non-negative integer of any size (e.g. a `BigUInt`), exactly, in decimal.
    public mutating func value<T: UnsignedInteger>(integer: T) {
        element()
        putDecimal(integer)
    }

    /// A string, escaped as needed (disfavoured, as the `String` key is, so literals skip the scan).
    @_disfavoredOverload
    public mutating func value(_ text: String) {
        element()
        quote(text)
    }

    /// A string known at compile time (plain ASCII, nothing to escape).
    public mutating func value(_ text: StaticString) {
        element()
        reserve(2)
        put(UInt8(ascii: "\""))
        putLong(text.utf8Start, text.utf8CodeUnitCount)
        reserve(1)
        put(UInt8(ascii: "\""))
    }

    public mutating func value(_ flag: Bool) {
        flag ? raw("true") : raw("false")
    }

    public mutating func null() { raw("null") }

    /// A number already spelled as JSON, copied as it is.
    public mutating func value(number text: String) {
        element()
        var text = text
        text.withUTF8 { putLong($0.baseAddress, $0.count) }
    }

    /// A line break outside any value (the end of a document).
    public mutating func newline() {
        reserve(1)
        put(UInt8(ascii: "\n"))
    }

    // MARK: Layout

    mutating func raw(_ text: StaticString) {
        element()
        reserve(text.utf8CodeUnitCount)
        putBytes(text.utf8Start, text.utf8CodeUnitCount)
    }

    mutating func open(_ bracket: UInt8) {
        element()
        reserve(1)
        put(bracket)
        depth += 1
        isEmpty = true
    }

    mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !isEmpty { indentedLine() }
        reserve(1)
        put(bracket)
        isEmpty = false
    }

    /// Before a member's key: a comma after the previous member, then the member's line.
    @inline(__always)
    mutating func member() {
        separate()
        afterKey = true
    }

    /// Before a value: nothing after a key, else a separator as for a member.
    @inline(__always)
    mutating func element() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    @inline(__always)
    mutating func separate() {
        if !isEmpty {
            reserve(1)
            put(UInt8(ascii: ","))
        }
        isEmpty = false
        if isPretty { indentedLine() }
    }

    mutating func putKeyEnd() {
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        if isPretty { put(UInt8(ascii: " ")) }
    }

    /// A line break and the current depth's indentation (pretty only).
    mutating func indentedLine() {
        guard isPretty else { return }
        var spaces = 2 * depth
        reserve(1 + Swift.min(spaces, 62))
        put(UInt8(ascii: "\n"))
        while true {
            let run = Swift.min(spaces, 62)
            (buffer + count).update(repeating: UInt8(ascii: " "), count: run)
            count += run
            spaces -= run
            guard spaces > 0 else { break }
            reserve(62)
        }
    }

    // MARK: Bytes

    /// Makes room for `n ≤ 64` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        assert(n <= 64, "a reservation of \(n) bytes may not fit the buffer")
        if count + n > capacity { flush() }
    }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Copies `n` bytes that fit after ``reserve(_:)``.
    @inline(__always)
    mutating func putBytes(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        (buffer + count).update(from: bytes, count: n)
        count += n
    }

    /// Copies `n` bytes of any length, flushing as the buffer fills.
    mutating func putLong(_ bytes: UnsafePointer<UInt8>?, _ n: Int) {
        guard let bytes else { return }
        if count + n <= capacity { return putBytes(bytes, n) }
        var done = 0
        while done < n {
            if count == capacity { flush() }
            let run = Swift.min(n - done, capacity - count)
            putBytes(bytes + done, run)
            done += run
        }
    }

    mutating func flush() {
        defer { count = 0 }
        guard count > 0, failure == nil else { return }
        do {
            try sink(UnsafeRawBufferPointer(start: buffer, count: count))
            flushed += count
        } catch {
            failure = error
        }
    }
}
