/// The text of one input file, with its line starts indexed so that byte offsets turn into
/// line and column on demand (O(log lines) per lookup).
public struct SourceFile: Sendable {
    /// The file name as the user gave it.
    public let name: String
    /// The whole text.
    public let text: String
    private let utf8: [UInt8]
    private let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.utf8 = bytes
        self.lineStarts = starts
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
        return SourceLocation(file: name, line: line, column: column, length: length)
    }

    /// The text of 1-based `line`, without its newline; empty past the end of the file.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    private func characterCount(from start: Int, to end: Int) -> Int {
        guard end > start else { return 0 }
        return String(decoding: utf8[start..<end], as: UTF8.self).count
    }
}
