import GPathDiagnostics
import GPathTestSupport
import Testing

/// Line and column lookup: exact character columns, and the same answer on one long line as
/// the character-by-character count (scalars past the exact limit).
struct SourceFileTests {
    @Test("columns count characters, not bytes, on ASCII and non-ASCII lines")
    func columns() {
        let file = SourceFile(name: "f", text: "ab\ncafé x\n  é́z\n")
        #expect(file.location(ofOffset: 1).description == "f:1:2")
        let x = Array("ab\ncafé ".utf8).count
        #expect(file.location(ofOffset: x).column == 6)
        // `é́` is one character of three scalars (e + two combining marks): z is column 4.
        let z = Array("ab\ncafé x\n  é́".utf8).count
        #expect(file.location(ofOffset: z).column == 4)
        #expect(file.location(ofOffset: z).line == 3)
    }

    @Test("seeded texts of ASCII, accents, CJK and newlines: every character's line and column as counted by hand", arguments: [1, 2, 3, 4] as [UInt64])
    func seededTexts(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // Runs of plain ASCII longer than a word, so the eight-bytes-at-a-time scan is crossed
        // by newlines and multi-byte characters at every alignment.
        let pieces = ["a", "bcdefghijk", "lmnopqrstuvwxyz0123", "\n", "é", "中", "\n\n", " "]
        var text = ""
        for _ in 0..<400 { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        let file = SourceFile(name: "t", text: text)
        var line = 1, column = 1, offset = 0
        for character in text {
            let location = file.location(ofOffset: offset)
            #expect(location.line == line && location.column == column, "offset \(offset)")
            offset += character.utf8.count
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }

    @Test("one long line: ASCII columns are exact at any length; past the exact limit non-ASCII text counts scalars")
    func longLine() {
        let prefix = String(repeating: "{\"id\": \"n\"}, ", count: 20_000)
        let ascii = SourceFile(name: "one.json", text: prefix + "X")
        #expect(ascii.location(ofOffset: prefix.utf8.count).column == prefix.count + 1)
        let accented = String(repeating: "é", count: 3_000) + prefix
        let mixed = SourceFile(name: "one.json", text: accented + "X")
        #expect(mixed.location(ofOffset: accented.utf8.count).column == accented.unicodeScalars.count + 1)
        let short = "é" + String(repeating: "a", count: 100)
        #expect(SourceFile(name: "s", text: short + "X").location(ofOffset: short.utf8.count).column == short.count + 1)
    }

    @Test("lowerBound is the first index whose element is not smaller")
    func lowerBound() {
        let values = [1, 3, 3, 7]
        #expect([0, 1, 3, 4, 8].map { values.lowerBound(of: $0) } == [0, 0, 1, 3, 4])
        #expect([Int]().lowerBound(of: 5) == 0)
    }
}
