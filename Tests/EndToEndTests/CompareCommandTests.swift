import Foundation
import GPathTestSupport
import Testing

/// `gpath compare`: designs side by side, in every format.
@Suite(.serialized)
struct CompareCommandTests {
    static let designs = [
        "examples/vovnet_deep.net", "examples/vovnet_planned.net",
        "examples/vovnet_deep.net@modules=6", "examples/vovnet_planned.net@modules=6",
    ]

    @Test("deep vs planned VoVNet in every format", arguments: ["table", "markdown", "csv", "json"])
    func formats(format: String) throws {
        let result = try CommandRunner.run(["compare"] + Self.designs + ["--format", format])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/compare/vovnet.\(format)")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }

    @Test("the planned design keeps its longest shortest path as modules are added; the deep one does not")
    func headline() throws {
        let result = try CommandRunner.run(["compare"] + Self.designs + ["--format", "json"])
        guard case .array(let designs)? = JSONTree(parsing: result.stdout)?["designs"] else {
            Issue.record("no designs array")
            return
        }
        let values = designs.map { $0["longest_shortest_path"] }
        #expect(values == [.number(5), .number(3), .number(8), .number(3)])
    }

    @Test("a bad design is an input error")
    func badDesign() throws {
        let result = try CommandRunner.run(["compare", "examples/vovnet_deep.net@modules"])
        #expect(result.status == 2)
    }
}

/// `gpath compare --plot`: the chart as DOT (golden) and rendered in-process.
@Suite(.serialized)
struct ComparePlotTests {
    @Test("--plot x.dot writes the chart's DOT deterministically")
    func dot() throws {
        let path = "/tmp/gpath-compare-\(ProcessInfo.processInfo.processIdentifier).dot"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["compare"] + CompareCommandTests.designs + ["--plot", path])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        let failure = Golden.check(RepositoryPaths.text(URL(fileURLWithPath: path)), against: "Tests/EndToEndTests/Goldens/compare/vovnet-chart.dot")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }

    @Test("--plot x.svg renders a chart naming every design")
    func svg() throws {
        let path = "/tmp/gpath-compare-\(ProcessInfo.processInfo.processIdentifier).svg"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["compare"] + CompareCommandTests.designs + ["--plot", path])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        let svg = RepositoryPaths.text(URL(fileURLWithPath: path))
        #expect(svg.hasPrefix("<?xml"))
        for design in CompareCommandTests.designs { #expect(svg.contains(design)) }
        let bad = try CommandRunner.run(["compare", "examples/prn.net", "--plot", "/tmp/chart.bmp"])
        #expect(bad.status == 2)
    }
}

/// `gpath compare` over the paper designs of docs/experiments.md (the README's headline table).
@Suite(.serialized)
struct PaperCompareTests {
    @Test("Figure 9's three ResNets and PRN at the trained depth: golden Markdown")
    func figure9() throws {
        let designs = ["resnet", "resnet_sg_block", "resnet_sg_identity", "prn"].map { "examples/paper/\($0).net@blocks=8" }
        let result = try CommandRunner.run(["compare"] + designs + ["--format", "markdown"])
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/compare/paper-figure9.markdown")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }
}
