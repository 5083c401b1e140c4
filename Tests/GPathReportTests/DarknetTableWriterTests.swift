import GPathDiagnostics
import GPathFormats
import GPathReport
import GPathTestSupport
import Testing

/// darknet's load table (`--format darknet`): goldens, and the per-section BFLOPs darknet
/// would print, derived by hand.
struct DarknetTableWriterTests {
    private static func report(_ path: String) throws -> (AnalysisReport, [String]) {
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let graph = try #require(DarknetReader.read(file).graph)
        return (AnalysisReport.make(graph: graph, inputName: path), DarknetReader.sectionTypes(file))
    }

    @Test("golden load tables", arguments: [
        "examples/darknet/csp_prn_tiny.cfg", "Tests/GPathFormatsTests/Fixtures/darknet/dilated_detection.cfg",
        "Tests/GPathFormatsTests/Fixtures/darknet/all_sections.cfg", "Tests/GPathFormatsTests/Fixtures/darknet/multi_from.cfg",
    ])
    func golden(path: String) throws {
        let (report, types) = try Self.report(path)
        let name = path.split(separator: "/").last.map { $0.replacingOccurrences(of: ".cfg", with: "") } ?? path
        let failure = Golden.check(DarknetTableWriter.write(report, sectionTypes: types), against: "Tests/GPathReportTests/Goldens/darknet/\(name).txt")
        #expect(failure == nil, Comment(rawValue: failure ?? ""))
    }

    @Test("section types resolve aliases and name downsampling")
    func sectionTypes() throws {
        let (_, types) = try Self.report("Tests/GPathFormatsTests/Fixtures/darknet/all_sections.cfg")
        #expect(types.count == 25)
        #expect(Array(types.prefix(6)) == ["conv", "local_avg", "reorg3d", "conv", "avg", "connected"])
        #expect(types[11] == "downsample")
        let text = "[network]\nwidth=4\nheight=4\nchannels=1\n[conv]\n[max]\n[soft]\n"
        #expect(DarknetReader.sectionTypes(SourceFile(name: "x.cfg", text: text)) == ["conv", "max", "softmax"])
    }

    @Test("csp_prn_tiny rows: darknet's BF counts, sources, windows and gradient paths")
    func rows() throws {
        let (report, types) = try Self.report("examples/darknet/csp_prn_tiny.cfg")
        let table = DarknetLoadTable(report, sectionTypes: types)
        #expect(table.rows.map(\.index) == Array(0...20))
        let byIndex = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.index, $0) })
        // Convolutions: 2·weights·output area = 2·MACs.
        // 0: 2·216·1024 = 442,368; 1: 2·1152·256 = 589,824; 3: 2·576·256 = 294,912; 4: 2·128·256 = 65,536;
        // 8: 2·9216·64 = 1,179,648; 13: 2·2016·64 = 258,048; 16: 2·1536·64 = 196,608; 19: 2·1008·256 = 516,096.
        // Max pools: size²·C·output area: 7: 4·32·64 = 8,192; 9: 25·32·64 = 51,200; 11: 81·32·64 = 165,888.
        // Shortcut 5: output 16·16·16 · one `from` = 4,096. Routes, upsample and yolo: none.
        let expected: [Int: Int?] = [
            0: 442_368, 1: 589_824, 2: nil, 3: 294_912, 4: 65_536, 5: 4_096, 6: nil, 7: 8_192, 8: 1_179_648,
            9: 51_200, 10: nil, 11: 165_888, 12: nil, 13: 258_048, 14: nil, 15: nil, 16: 196_608, 17: nil, 18: nil,
            19: 516_096, 20: nil,
        ]
        for (index, flops) in expected { #expect(byIndex[index]?.flops == flops, "layer \(index)") }
        #expect(table.totalFlops == 3_772_416)   // 3,543,040 (= 2·MACs) + 229,376 (pools, shortcut)
        #expect(byIndex[1]?.window == " 3 x 3/ 2")
        #expect(byIndex[7]?.window == " 2x 2/ 2")
        #expect(byIndex[17]?.window == " 2x")
        #expect(byIndex[2]?.input == "1[8:16]")            // route groups=2 group_id=1
        #expect(byIndex[5]?.input == "4, 2")               // shortcut: previous, then `from`
        #expect(byIndex[12]?.input == "11, 9, 8")
        #expect(byIndex[0]?.input == "  32 x  32 x   3")
        #expect(byIndex[14]?.type == "yolo" && byIndex[14]?.hasWeights == false)
        #expect(byIndex[0]?.hasWeights == true && byIndex[0]?.shortest == nil)   // behind stopbackward
        #expect(byIndex[1]?.shortest == 2 && byIndex[1]?.longest == 6)
        #expect(DarknetTableWriter.write(report, sectionTypes: types).contains("Total BFLOPS 0.004\n"))
    }

    @Test("a shortcut with two `from` layers counts its output twice; pools count size² per output")
    func shortcutCount() throws {
        let (report, types) = try Self.report("Tests/GPathFormatsTests/Fixtures/darknet/multi_from.cfg")
        let rows = DarknetLoadTable(report, sectionTypes: types).rows
        #expect(rows[3].flops == 144)                  // 6·6·2 outputs · 2 `from`
        #expect(rows[3].input == "2, 0[0:2], 1[0:2]")
        #expect(rows[4].flops == 162)                  // 3²·2·(3·3)
        #expect(rows[0].flops == 5_184)                // 2·72·36
    }

    @Test("BF is printed with three decimals, rounded")
    func billions() {
        #expect(DarknetTableWriter.billions(0) == "0.000")
        #expect(DarknetTableWriter.billions(499_999) == "0.000")
        #expect(DarknetTableWriter.billions(500_000) == "0.001")
        #expect(DarknetTableWriter.billions(59_570_123_456) == "59.570")
    }
}
