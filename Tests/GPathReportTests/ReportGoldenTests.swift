import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathReport
import GPathTestSupport
import Testing

/// Golden files for every writer. `GPATH_RECORD=1 swift test` re-records (and fails once).
struct ReportGoldenTests {
    static func report(_ example: String) throws -> AnalysisReport {
        let url = RepositoryPaths.spec.appendingPathComponent("examples/\(example).json")
        let file = SourceFile(name: "\(example).json", text: RepositoryPaths.text(url))
        let graph = try #require(GraphJSONReader.read(file).graph)
        return AnalysisReport.make(graph: graph, inputName: file.name)
    }

    @Test("the Figure 7 and Figure 8 grids and sources", arguments: [
        "fig7a_resnet", "fig7b_prn", "fig7c_densenet", "fig7d_sparsenet_drawn",
        "fig8a_resnet", "fig8b_prn", "fig8c_densenet",
    ])
    func timestampGrid(example: String) throws {
        let analysis = try #require(try Self.report(example).analysis)
        let text = TimestampGridWriter.write(analysis)
        let failure = Golden.check(text, against: "Tests/GPathReportTests/Goldens/timestamps/\(example).txt")
        #expect(failure == nil, Comment(rawValue: failure ?? ""))
    }

    @Test("table, Markdown, CSV and JSON of one example", arguments: ["table", "md", "csv", "json"])
    func formats(format: String) throws {
        let report = try Self.report("fig7b_prn")
        let text = switch format {
        case "table": TableWriter.write(report)
        case "md": MarkdownWriter.write(report)
        case "csv": CSVWriter.write(report)
        default: JSONReportWriter.write(report)
        }
        let failure = Golden.check(text, against: "Tests/GPathReportTests/Goldens/fig7b_prn.\(format)")
        #expect(failure == nil, Comment(rawValue: failure ?? ""))
    }

    @Test("the PRN grid shows the masked channels as separate columns")
    func prnColumns() throws {
        let analysis = try #require(try Self.report("fig7b_prn").analysis)
        let header = TimestampGridWriter.write(analysis).split(separator: "\n").first.map(String.init) ?? ""
        for label in ["L1[0:1]", "L1[1:2]", "L2", "L3[0:1]", "L3[1:2]", "L4", "L5"] {
            #expect(header.contains(label))
        }
        #expect(analysis.timestampCombinations.count == 7)
    }

    @Test("CSV quotes fields with commas and quotes")
    func csvQuoting() {
        #expect(CSVWriter.quote("a,b") == "\"a,b\"")
        #expect(CSVWriter.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quote("plain") == "plain")
    }

    @Test("JSON text escapes control characters and sorts keys")
    func jsonText() {
        let text = JSONText.object(["b": .int(1), "a": .string("x\n\"y\"\u{1}")]).rendered(pretty: false)
        #expect(text == #"{"a":"x\n\"y\"\u0001","b":1}"#)
        #expect(JSONText.decimal(1.0 / 3.0).rendered() == "0.333333")
        #expect(JSONText.decimal(0).rendered() == "0.0")
    }
}

struct LineChartDOTTests {
    @Test("the DOT loss chart pins every node and draws each series as a chain")
    func pinned() {
        let dot = LineChartDOTWriter.write(
            title: "t", xLabel: "step", yLabel: "loss",
            series: [ChartSeries(name: "training loss", points: [(1, 2.0), (2, 1.5), (3, 1.0)], color: "#1f77b4")])
        let nodes = dot.split(separator: "\n").filter { $0.contains("[pos=") }
        #expect(!nodes.isEmpty)
        #expect(nodes.allSatisfy { $0.contains("!\"") })
        #expect(dot.components(separatedBy: "color=\"#1f77b4\"]").count - 1 == 2)
        #expect(dot == LineChartDOTWriter.write(title: "t", xLabel: "step", yLabel: "loss", series: [ChartSeries(name: "training loss", points: [(1, 2.0), (2, 1.5), (3, 1.0)], color: "#1f77b4")]))
    }
}

struct JSONSourceOmissionTests {
    @Test("sourceEntryCount counts every (unit, t, emitter) entry a full report lists")
    func count() throws {
        let report = try ReportGoldenTests.report("fig7b_prn")
        let analysis = try #require(report.analysis)
        let listed = analysis.units.reduce(0) { $0 + $1.sources.reduce(0) { $0 + $1.from.count } }
        #expect(JSONReportWriter.sourceEntryCount(analysis) == listed)
        #expect(listed == 13)
    }

    @Test("without sources the report says what it left out and keeps everything else")
    func omitted() throws {
        let report = try ReportGoldenTests.report("fig7b_prn")
        let full = try #require(JSONTree(parsing: JSONReportWriter.write(report)))
        let slim = try #require(JSONTree(parsing: JSONReportWriter.write(report, includeSources: false)))
        #expect(slim["omitted"] == .array([.string("units[].sources"), .string("network.duplication.*.pairs")]))
        #expect(full["omitted"] == nil)
        #expect(slim["network"]?["longest_shortest_path"] == full["network"]?["longest_shortest_path"])
        guard case .array(let units)? = slim["layers"]?["L1"]?["units"] else {
            Issue.record("no units")
            return
        }
        #expect(units.allSatisfy { $0["sources"] == nil && $0["timestamps"] != nil })
    }
}
