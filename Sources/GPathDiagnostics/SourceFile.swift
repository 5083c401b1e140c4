/// The text of one input file, with its line starts indexed so that byte offsets turn into
/// line and column on demand.
///
/// A lookup costs O(log n): the line by binary search over line starts, the column by binary
/// search over the positions of non-ASCII bytes — a line prefix with none of them has as many
/// characters as bytes. Only a prefix that holds non-ASCII text is counted character by
/// character, and only up to ``exactColumnLimit`` bytes; beyond that (a megabyte of one-line
/// JSON with non-ASCII names) the column counts Unicode scalars, which differs from the
/// character count only inside combining sequences. So a one-line file — what `json.dumps`
/// writes — costs no more per diagnostic or node location than a many-line one.
public struct SourceFile: Sendable {
    /// The file name as the user gave it.
    public let name: String
    /// The name's number in ``FileNames``, for the locations this file hands out.
    public let fileNumber: UInt32
    /// The whole text (made from the bytes when asked for: readers that scan bytes never
    /// hold the file twice).
    public var text: String { String(decoding: utf8, as: UTF8.self) }
    private let utf8: [UInt8]
    private let lineStarts: [Int]
    /// Offsets of bytes ≥ 0x80, ascending.
    private let nonASCII: [Int]
    /// Offsets of UTF-8 continuation bytes (0x80–0xBF), ascending.
    private let continuations: [Int]

    /// Above this many bytes between a line start and an offset that holds non-ASCII text, the
    /// column counts Unicode scalars instead of characters (see the type's summary).
    public static let exactColumnLimit = 4096

    public init(name: String, text: String) {
        self.init(name: name, validUTF8: Array(text.utf8))
    }

    /// The file whose bytes are `bytes`, or nil when they are not UTF-8.
    public init?(name: String, bytes: [UInt8]) {
        guard Self.isUTF8(bytes) else { return nil }
        self.init(name: name, validUTF8: bytes)
    }

    private init(name: String, validUTF8 bytes: [UInt8]) {
        self.name = name
        self.fileNumber = FileNames.number(of: name)
        var starts = [0]
        var nonASCII: [Int] = []
        var continuations: [Int] = []
        func classify(_ byte: UInt8, at offset: Int) {
            if byte == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            } else if byte >= 0x80 {
                nonASCII.append(offset)
                if byte < 0xC0 { continuations.append(offset) }
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            if let base = buffer.baseAddress {
                // Eight bytes at a time: a word with no newline and no byte ≥ 0x80 (most of a
                // line) needs nothing; a byte-by-byte loop was 5% of reading a large file.
                let raw = UnsafeRawPointer(base)
                while offset + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    let newline = (newlines &- 0x0101_0101_0101_0101) & ~newlines & 0x8080_8080_8080_8080
                    if newline != 0 || word & 0x8080_8080_8080_8080 != 0 {
                        for index in offset..<(offset + 8) { classify(buffer[index], at: index) }
                    }
                    offset += 8
                }
            }
            while offset < buffer.count {
                classify(buffer[offset], at: offset)
                offset += 1
            }
        }
        self.utf8 = bytes
        self.lineStarts = starts
        self.nonASCII = nonASCII
        self.continuations = continuations
    }

    /// True when `bytes` are valid UTF-8: ASCII is checked eight bytes at a time; a file with
    /// any other byte is checked by the standard library's decoder.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        let ascii = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                offset += 8
            }
            while offset < raw.count {
                if raw[offset] >= 0x80 { return false }
                offset += 1
            }
            return true
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }

    /// The bytes of the file (UTF-8).
    public var bytes: [UInt8] { utf8 }

    /// The 1-based line holding `offset`.
    public func line(ofOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The location of the byte range `offset ..< offset + byteLength`, columns in characters.
    public func location(ofOffset offset: Int, byteLength: Int = 1) -> SourceLocation {
        let clamped = max(0, min(offset, utf8.count))
        let line = line(ofOffset: clamped)
        let start = lineStarts[line - 1]
        let column = characterCount(from: start, to: clamped) + 1
        let end = min(utf8.count, clamped + max(byteLength, 0))
        let length = max(1, characterCount(from: clamped, to: end))
        return SourceLocation(fileNumber: fileNumber, line: line, column: column, length: length)
    }

    /// The text of 1-based `line`, without its newline; empty past the end of the file.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// Characters in the bytes `start ..< end` (Unicode scalars past ``exactColumnLimit``).
    private func characterCount(from start: Int, to end: Int) -> Int {
        guard end > start else { return 0 }
        let firstNonASCII = nonASCII.lowerBound(of: start)
        if firstNonASCII == nonASCII.count || nonASCII[firstNonASCII] >= end { return end - start }
        if end - start <= Self.exactColumnLimit {
            return String(decoding: utf8[start..<end], as: UTF8.self).count
        }
        return end - start - (continuations.lowerBound(of: end) - continuations.lowerBound(of: start))
    }

}
