import Foundation
import GPathTestSupport
import Testing

/// `gpath report` through the built binary: what the page holds, and the error paths (exit 2,
/// no file left behind). The page's behaviour in a browser is ReportBrowserTests'.
struct ReportCommandTests {
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func text(_ name: String) -> String { RepositoryPaths.text(folder.appendingPathComponent(name)) }

    @Test("gpath report writes one HTML page with both pictures inline, the layer data and the findings")
    func writesPage() throws {
        let result = try CommandRunner.run(["report", "examples/resnet.net", "-o", path("r.html")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The picture is fitted to a page as `gpath render` fits it; nothing else on stderr.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("note: the picture ") }, "\(result.stderr)")
        let page = text("r.html")
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.components(separatedBy: "<svg ").count == 3, "the picture and the timestamp diagram")
        #expect(!page.contains("<?xml") && !page.contains("<!--") && !page.contains("<link"))
        #expect(page.contains("<title>stage1.basic1.conv1</title>"))
        #expect(page.contains("id=\"gpath-data\""))
        #expect(page.contains("No findings: 3 rules evaluated, all passed."))
    }

    @Test("findings come with their rule, location and source line")
    func findings() throws {
        let config = path("strict.gpath.yml")
        try "rules:\n  max_shortest_gradient_path: { warning: 4, error: 5 }\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["report", "examples/resnet.net", "--config", config, "-o", path("r.html")])
        #expect(result.status == 0, "\(result.stderr)")
        let page = text("r.html")
        #expect(page.contains("<code class=\"code\">GP001</code>"))
        #expect(page.contains("<p class=\"where\">examples/resnet.net:"))
        #expect(page.contains("<pre class=\"source\">"))
        #expect(page.contains("class=\"finding error\""))
    }

    @Test("a picture over --max-nodes is folded, with the note on stderr and on the page")
    func budget() throws {
        let result = try CommandRunner.run(["report", "examples/resnet_deep.net", "--max-nodes", "30", "-o", path("d.html")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("over the --max-nodes budget"))
        #expect(text("d.html").contains("over the --max-nodes budget"))
    }

    @Test("an ONNX input has a report without source lines")
    func onnx() throws {
        let result = try CommandRunner.run(["report", "examples/onnx/resnet_sum.onnx", "-o", path("o.html")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!text("o.html").contains("<pre class=\"source\">"))
    }

    @Test("input and output errors exit 2 and leave no file", arguments: [
        (["report", "examples/missing.net"], "E6"),
        (["report", "examples/resnet.net", "--max-nodes", "-1"], "--max-nodes"),
        (["report", "examples/resnet.net", "--layout-timeout", "0"], "--layout-timeout"),
    ])
    func errors(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments + ["-o", path("x.html")])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path("x.html")))
    }

    @Test("the output may not be the input, nor sit in a missing folder")
    func refusedOutputs() throws {
        let copy = path("copy.net")
        try RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("examples/prn.net")).write(toFile: copy, atomically: true, encoding: .utf8)
        let same = try CommandRunner.run(["report", copy, "-o", copy])
        #expect(same.status == 2 && same.stderr.contains("an input of this command"), "\(same.stderr)")
        let missing = try CommandRunner.run(["report", "examples/prn.net", "-o", path("no/such/folder/r.html")])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
    }
}
