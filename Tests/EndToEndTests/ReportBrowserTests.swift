import Foundation
import GPathTestSupport
import Testing

/// `gpath report` pages opened in a real browser: headless Chromium (Debian `chromium`,
/// installed by scripts/install-system-packages.sh) loads each example's report with a test
/// harness injected into a copy (Inputs/report/harness-*.js: the product carries no test
/// hook), which hovers, clicks a picture node and a table row, sorts and filters, and writes
/// what it saw into the DOM. Every number is compared with what the page's own data block
/// and SVG say, computed here in Swift; the console must stay free of errors.
struct ReportBrowserTests {
    /// Every `.net` example, one Darknet `.cfg`, one YOLO `.yaml`, one `.onnx`, a graph whose
    /// names try to break out of HTML, SVG and the data block, and a folded picture (several
    /// layers per picture node); extra flags after the file, separated by spaces.
    static let inputs: [String] = {
        let relative = { (url: URL) in url.path.replacingOccurrences(of: RepositoryPaths.root.path + "/", with: "") }
        return RepositoryPaths.examples(withExtension: "net").map(relative) + [
            "examples/darknet/csp_prn_tiny.cfg", "examples/yolo/elan_tiny.yaml", "examples/onnx/resnet_sum.onnx",
            "Tests/EndToEndTests/Inputs/report/nasty.json", "examples/resnet_deep.net --max-nodes 30",
        ]
    }()

    /// Browsers running at once (each takes about one core while it lays out the page).
    static let concurrentBrowsers = 2

    @Test("each example's report loads in headless Chromium with no console error; nodes, rows, highlighted paths, sorting and filtering match the report's data")
    func examplesInBrowser() throws {
        guard let executable = HeadlessChromium.locate() else {
            Issue.record("headless Chromium not found (`chromium` or `chromium-browser` on PATH): run scripts/install-system-packages.sh, which installs Debian's `chromium`")
            return
        }
        let browser = HeadlessChromium(executable: executable)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-report-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let early = RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("Tests/EndToEndTests/Inputs/report/harness-early.js"))
        let late = RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("Tests/EndToEndTests/Inputs/report/harness-late.js"))
        #expect(!early.isEmpty && !late.isEmpty)

        var pages: [(input: String, page: String, harnessed: URL)] = []
        for (index, input) in Self.inputs.enumerated() {
            let output = folder.appendingPathComponent("report-\(index).html")
            let result = try CommandRunner.run(["report"] + input.split(separator: " ").map(String.init) + ["-o", output.path])
            #expect(result.status == 0, "\(input): \(result.stderr)")
            let page = RepositoryPaths.text(output)
            let harnessed = folder.appendingPathComponent("harnessed-\(index).html")
            try Self.injecting(early: early, late: late, into: page).write(to: harnessed, atomically: true, encoding: .utf8)
            pages.append((input, page, harnessed))
        }

        let files = pages.map(\.harnessed)
        let loads = Loads(count: files.count)
        let gate = DispatchSemaphore(value: Self.concurrentBrowsers)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            gate.wait()
            defer { gate.signal() }
            let profile = folder.appendingPathComponent("profile-\(index)")
            loads.set(index, Result { try browser.load(files[index], profile: profile) })
        }
        for (index, entry) in pages.enumerated() {
            let page = try loads.get(index).get()
            Self.check(entry.input, report: entry.page, page: page)
        }
    }

    /// The harness scripts: the early one first in `<head>` (so it sees errors from the page's
    /// script), the late one last in `<body>`.
    static func injecting(early: String, late: String, into page: String) -> String {
        var text = page
        if let head = text.range(of: "<head>") { text.insert(contentsOf: "\n<script>\n\(early)</script>", at: head.upperBound) }
        if let body = text.range(of: "</body>", options: .backwards) { text.insert(contentsOf: "<script>\n\(late)</script>\n", at: body.lowerBound) }
        return text
    }

    private static func check(_ input: String, report: String, page: HeadlessChromium.Page) {
        #expect(page.status == 0, "\(input): chromium exited \(page.status)")
        let uncaught = page.log.split(separator: "\n").filter { $0.contains("Uncaught") }
        #expect(uncaught.isEmpty, "\(input): \(uncaught.joined(separator: "\n"))")
        guard let result = harnessResult(page.dom) else {
            Issue.record("\(input): no harness result in the dumped DOM (\(page.dom.utf8.count) bytes, ending \(page.dom.suffix(300)))")
            return
        }
        guard let data = ReportPage.data(in: report) else {
            Issue.record("\(input): no data block in the report")
            return
        }
        #expect(result["harnessError"] == nil, "\(input): \(result["harnessError"] ?? "")")
        #expect((result["errors"] as? [String]) == [], "\(input): console errors \(result["errors"] ?? "")")
        let expected = ReportPage.Expectations(data: data, svgEdgeTitles: ReportPage.pictureEdgeTitles(in: report))
        #expect(result["rows"] as? Int == expected.layerCount, "\(input): table rows")
        #expect(result["names"] as? [String] == expected.names, "\(input): names read back from the table")
        #expect(result["svgNodes"] as? Int == expected.pictureNodeCount, "\(input): SVG nodes (the legend is in the graph's label)")
        #expect(result["matchedNodes"] as? Int == expected.pictureNodeCount, "\(input): picture nodes found by their titles")
        #expect(result["filteredRows"] as? Int == expected.rowsMatching("conv"), "\(input): rows left by the filter `conv`")
        #expect(result["sortAscending"] as? [Int] == expected.sortedByShortest(descending: false), "\(input): sorted by SGP")
        #expect(result["sortDescending"] as? [Int] == expected.sortedByShortest(descending: true), "\(input): sorted by SGP, reversed")
        if let click = result["nodeClick"] as? [String: Any], let node = click["node"] as? Int {
            #expect(result["hover"] as? String == expected.title(of: node), "\(input): details shown on hover")
        }
        for key in ["nodeClick", "rowClick"] {
            guard let click = result[key] as? [String: Any], let layer = click["layer"] as? Int else {
                Issue.record("\(input): no \(key) result")
                continue
            }
            let want = expected.highlight(of: layer)
            #expect(click["short"] as? Int == want.shortNodes, "\(input) \(key) layer \(layer): nodes on the shortest path")
            #expect(click["long"] as? Int == want.longNodes, "\(input) \(key) layer \(layer): nodes on the longest path")
            #expect(click["shortEdges"] as? Int == want.shortEdges, "\(input) \(key) layer \(layer): edges on the shortest path")
            #expect(click["longEdges"] as? Int == want.longEdges, "\(input) \(key) layer \(layer): edges on the longest path")
            #expect(click["selected"] as? Int == 1 && click["selectedRows"] as? Int == 1, "\(input) \(key): one node and one row selected")
            if let shortest = want.shortestLayers, let longest = want.longestLayers {
                // Unfolded picture: one picture node per layer, so the highlighted layers are the path.
                #expect(shortest == expected.shortest(of: layer), "\(input) \(key) layer \(layer): layers on the shortest path = SGP")
                #expect(longest == expected.longest(of: layer), "\(input) \(key) layer \(layer): layers on the longest path = LGP")
            }
        }
        if let cleared = result["afterEscape"] as? [String: Any] {
            #expect(["short", "long", "shortEdges", "longEdges", "selected"].allSatisfy { cleared[$0] as? Int == 0 }, "\(input): Esc clears")
        }
        #expect(!page.dom.contains("<b>bold</b>"), "\(input): a layer name became markup")
    }

    /// The harness's base64 JSON from `<pre id="harness-result">`.
    private static func harnessResult(_ dom: String) -> [String: Any]? {
        guard let start = dom.range(of: "<pre id=\"harness-result\">", options: .backwards),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex),
              let bytes = Data(base64Encoded: String(dom[start.upperBound..<end.lowerBound])) else { return nil }
        return (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any]
    }

    /// Results written by concurrent browser runs, one slot per page.
    private final class Loads: @unchecked Sendable {
        private var slots: [Result<HeadlessChromium.Page, any Error>?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Result<HeadlessChromium.Page, any Error>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func get(_ index: Int) throws -> Result<HeadlessChromium.Page, any Error> {
            lock.lock()
            defer { lock.unlock() }
            return try #require(slots[index])
        }
    }
}
