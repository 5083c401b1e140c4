import GPathDiagnostics

/// One `[section]` of a Darknet `.cfg` file with its `key=value` lines, in file order.
struct DarknetSection: Sendable {
    /// One `key=value` line.
    struct Entry: Sendable {
        var key: String
        var value: String
        /// Where the key is (for unknown-key diagnostics).
        var keyLocation: SourceLocation
        /// Where the value is (for bad-value diagnostics).
        var valueLocation: SourceLocation
    }

    /// The name between the brackets, as written (`convolutional`, `conv`…).
    var name: String
    /// The section name inside its brackets: every node of the layer points here.
    var location: SourceLocation
    var entries: [Entry]
}

/// Splits a `.cfg` file into sections (darknet's `read_cfg`): `[name]` headers, `key=value`
/// options with surrounding whitespace trimmed, `#`/`;` comments (whole-line, and after a value).
/// A malformed line is an E102 diagnostic and is skipped; parsing goes on.
struct DarknetParser {
    let file: SourceFile
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile) { self.file = file }

    mutating func parse() -> [DarknetSection] {
        var sections: [DarknetSection] = []
        var offset = 0
        let bytes = file.bytes
        while offset <= bytes.count {
            var end = offset
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            parseLine(from: offset, to: end, into: &sections)
            offset = end + 1
        }
        return sections
    }

    private mutating func parseLine(from start: Int, to end: Int, into sections: inout [DarknetSection]) {
        let bytes = file.bytes
        var low = start
        var high = end
        // Strip a trailing comment, then surrounding whitespace.
        if let hash = (low..<high).first(where: { bytes[$0] == UInt8(ascii: "#") || bytes[$0] == UInt8(ascii: ";") }) {
            high = hash
        }
        while low < high, Self.isSpace(bytes[low]) { low += 1 }
        while high > low, Self.isSpace(bytes[high - 1]) { high -= 1 }
        guard low < high else { return }
        if bytes[low] == UInt8(ascii: "[") {
            guard bytes[high - 1] == UInt8(ascii: "]"), high - low > 2 else {
                diagnostics.append(Diagnostic(
                    .unexpectedToken, "section header is not closed",
                    at: file.location(ofOffset: low, byteLength: high - low), label: "expected `[name]`",
                    helps: ["write the section name in brackets, e.g. `[convolutional]`"]))
                return
            }
            let name = text(low + 1, high - 1).trimmingSpaces
            sections.append(DarknetSection(
                name: name, location: file.location(ofOffset: low + 1, byteLength: high - low - 2), entries: []))
            return
        }
        guard let equals = (low..<high).first(where: { bytes[$0] == UInt8(ascii: "=") }) else {
            diagnostics.append(Diagnostic(
                .unexpectedToken, "expected `key=value` or a `[section]` header",
                at: file.location(ofOffset: low, byteLength: high - low), label: "not an option",
                helps: ["options are written `key=value`, e.g. `filters=64`"]))
            return
        }
        var keyEnd = equals
        while keyEnd > low, Self.isSpace(bytes[keyEnd - 1]) { keyEnd -= 1 }
        var valueStart = equals + 1
        while valueStart < high, Self.isSpace(bytes[valueStart]) { valueStart += 1 }
        let keyLocation = file.location(ofOffset: low, byteLength: max(1, keyEnd - low))
        guard keyEnd > low else {
            diagnostics.append(Diagnostic(.unexpectedToken, "option has no key", at: keyLocation, label: "expected a key before `=`"))
            return
        }
        guard !sections.isEmpty else {
            diagnostics.append(Diagnostic(
                .unexpectedToken, "option `\(text(low, keyEnd))` before any section", at: keyLocation,
                helps: ["a `.cfg` file starts with `[net]`"]))
            return
        }
        let valueLocation = valueStart < high
            ? file.location(ofOffset: valueStart, byteLength: high - valueStart)
            : file.location(ofOffset: equals, byteLength: 1)
        sections[sections.count - 1].entries.append(DarknetSection.Entry(
            key: text(low, keyEnd), value: text(valueStart, high), keyLocation: keyLocation, valueLocation: valueLocation))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: file.bytes[start..<max(start, end)], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
