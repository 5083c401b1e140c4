import BigInt
import GPathAnalysis
import GPathIR
@testable import GPathReport
import GPathTestSupport
import JSONReportBaseline
import Testing

/// The streamed JSON report against the tree writer it replaced, chunking, and compact mode.
struct JSONReportStreamingTests {
    /// Reports of a seeded random graph at every level (units, masked channels, several losses).
    static func reports(seed: UInt64) throws -> [AnalysisReport] {
        let graph = try #require(RandomGraphs.builder(seed: seed, nodes: 8 + Int(seed % 23), mixing: seed % 2 == 1).build().graph)
        return AnalysisLevel.allCases.map { AnalysisReport.make(graph: graph, inputName: "random\(seed).net", level: $0) }
    }

    /// Residual chains: 2^blocks paths, per-length counts of up to three 64-bit words.
    static func chainReports(blocks: [Int] = [3, 70, 140]) throws -> [AnalysisReport] {
        try blocks.map { blocks in
            let graph = try #require(ResidualChain.builder(blocks: blocks).build().graph)
            return AnalysisReport.make(graph: graph, inputName: "chain\(blocks).net", level: .full)
        }
    }

    @Test("streamed bytes equal the old tree writer's on seeded random graphs", arguments: 0..<40)
    func equalsOldWriter(seed: UInt64) throws {
        for report in try Self.reports(seed: seed) {
            for sources in [true, false] {
                let old = LegacyJSONReportWriter.bytes(report, includeSources: sources)
                let new = JSONReportWriter.bytes(report, includeSources: sources)
                #expect(new == old, "seed \(seed), level \(report.level.rawValue), sources \(sources)")
            }
        }
    }

    @Test("path counts wider than 64 bits print exactly as before")
    func bigCounts() throws {
        for report in try Self.chainReports() {
            #expect(JSONReportWriter.bytes(report) == LegacyJSONReportWriter.bytes(report), "\(report.inputName)")
        }
    }

    @Test("a 64-byte flush threshold streams the same bytes as one write, in chunks of at most 64")
    func smallChunks() throws {
        let report = try ReportGoldenTests.report("fig7b_prn")
        for style in [JSONStreamWriter.Style.pretty, .compact] {
            var chunks: [[UInt8]] = []
            try JSONReportWriter.write(report, style: style, flushThreshold: 64) { chunks.append(Array($0)) }
            #expect(chunks.count > 10)
            #expect(chunks.allSatisfy { $0.count <= 64 && !$0.isEmpty })
            #expect(Array(chunks.joined()) == JSONReportWriter.bytes(report, style: style))
        }
    }

    @Test("compact output parses to the same document as pretty, and is pretty without its whitespace")
    func compactParsesAsPretty() throws {
        var reports = try Self.chainReports(blocks: [3, 70])
        reports.append(try ReportGoldenTests.report("fig7b_prn"))
        for seed in UInt64(0)..<6 { reports += try Self.reports(seed: seed) }
        for report in reports {
            let pretty = JSONReportWriter.write(report)
            let compact = JSONReportWriter.write(report, style: .compact)
            let prettyTree = try #require(JSONTree(parsing: pretty))
            #expect(JSONTree(parsing: compact) == prettyTree, "\(report.inputName)")
            #expect(compact == Self.withoutWhitespace(pretty), "\(report.inputName)")
            #expect(compact.hasSuffix("}\n") && !compact.dropLast().contains("\n"))
        }
    }

    @Test("a failing sink stops the output and the error reaches the caller")
    func failingSink() throws {
        struct Full: Error {}
        let report = try ReportGoldenTests.report("fig7b_prn")
        var calls = 0
        #expect(throws: Full.self) {
            try JSONReportWriter.write(report, flushThreshold: 64) { _ in
                calls += 1
                throw Full()
            }
        }
        #expect(calls == 1)
    }

    @Test("strings escape quotes, backslashes and control characters, and keep other text")
    func escaping() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar($0)) })
        let text = "a\"b\\c" + controls + "é→𝄞\u{7f}"
        let rendered = JSONText.array([.string(text)]).rendered(pretty: false)
        #expect(rendered.hasPrefix(#"["a\"b\\c\u0000\u0001"#))
        #expect(rendered.contains(#"\b"#) == false && rendered.contains(#"\t\n\u000b\u000c\r"#))
        #expect(JSONTree(parsing: rendered) == .array([.string(text)]))
    }

    @Test("decimal limbs print with inner limbs padded to 18 digits and leading zero limbs dropped")
    func decimalLimbs() {
        // A 64-byte buffer: a count of many limbs spans several flushes.
        func text(_ limbs: [UInt64]) -> String {
            var bytes: [UInt8] = []
            var out = JSONStreamWriter(style: .compact, flushThreshold: 64) { bytes.append(contentsOf: $0) }
            limbs.withUnsafeBufferPointer { out.value(decimalLimbs: $0) }
            try? out.finish()
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(text([]) == "0")
        #expect(text([0, 0]) == "0")
        #expect(text([7, 0, 0]) == "7")
        #expect(text([5, 3]) == "3000000000000000005")
        #expect(text([999_999_999_999_999_999, 0, 12]) == "12" + String(repeating: "0", count: 18) + String(repeating: "9", count: 18))
        var random = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let limbs = (0..<Int.random(in: 1...12, using: &random)).map { _ in UInt64.random(in: 0..<1_000_000_000_000_000_000, using: &random) }
            let value = limbs.reversed().reduce(BigUInt(0)) { $0 * BigUInt(1_000_000_000_000_000_000) + BigUInt($1) }
            #expect(text(limbs) == String(value))
        }
    }

    @Test("numeric keys sort as text, as sorted string keys do")
    func decimalKeyOrder() {
        var random = SeededGenerator(seed: 18)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                [Int.random(in: 0..<12, using: &random), Int.random(in: 0..<1_000, using: &random), Int.random(in: 0..<Int.max, using: &random)]
                    .randomElement(using: &random) ?? 0
            }
            let unique = Array(Set(values)).sorted()
            let expected = unique.map(String.init).sorted()
            #expect(DecimalKeyOrder.indices(of: unique).map { String(unique[$0]) } == expected)
        }
    }

    @Test("path lengths filling most of 0…last (walked in text order) sort as text too")
    func denseDecimalKeyOrder() {
        var random = SeededGenerator(seed: 181)
        for _ in 0..<100 {
            let last = Int.random(in: 0..<3_000, using: &random)
            let first = Int.random(in: 0...last, using: &random)
            let keep = Double.random(in: 0.3...1, using: &random)
            let values = (first...last).filter { $0 == last || Double.random(in: 0..<1, using: &random) < keep }
            let expected = values.map(String.init).sorted()
            #expect(DecimalKeyOrder.indices(of: values).map { String(values[$0]) } == expected, "\(first)...\(last)")
        }
        #expect(DecimalKeyOrder.indices(of: [0, 1, 2, 10, 11]) == [0, 1, 3, 4, 2])
    }

    /// `text` without the whitespace between tokens (strings kept as they are).
    static func withoutWhitespace(_ text: String) -> String {
        var out: [UInt8] = []
        var inString = false, escaped = false
        for byte in text.utf8 {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\n") {
                out.append(byte)
            }
        }
        // The document's final line break stays.
        return String(decoding: out, as: UTF8.self) + "\n"
    }
}
