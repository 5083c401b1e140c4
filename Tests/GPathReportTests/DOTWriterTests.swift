@testable import GPathReport
import GPathTestSupport
import Testing

/// Golden DOT for the graph picture, the timestamp diagram and the comparison chart.
struct DOTWriterTests {
    @Test("graph pictures of bundled examples match their goldens", arguments: [
        ("vovnet_deep", PictureOptions(), "vovnet_deep.dot"),
        ("prn", PictureOptions(), "prn.dot"),
        ("resnet_sg_block", PictureOptions(), "resnet_sg_block.dot"),
        ("cspnet", PictureOptions(rankDirection: .leftToRight, colorBy: .longest), "cspnet-lr-longest.dot"),
        ("resnet", PictureOptions(colorBy: .params, collapseDepth: 1), "resnet-collapse1-params.dot"),
        ("resnet", PictureOptions(collapseDepth: 2), "resnet-collapse2.dot"),
        ("resnet_deep", PictureOptions(colorBy: .flops, foldsRepeats: true), "resnet_deep-fold-flops.dot"),
    ])
    func examples(name: String, options: PictureOptions, golden: String) throws {
        let report = try PictureTestInputs.example(name)
        let picture = DOTWriter.write(report, options: options)
        #expect(picture.note == nil)
        let failure = PictureTestInputs.golden(picture.text, golden)
        #expect(failure == nil, failure)
    }

    @Test("colour by timestamps uses the full analysis")
    func timestamps() throws {
        let report = try PictureTestInputs.example("densenet", full: true)
        let failure = PictureTestInputs.golden(DOTWriter.write(report, options: PictureOptions(colorBy: .timestamps)).text, "densenet-timestamps.dot")
        #expect(failure == nil, failure)
    }

    @Test("output is deterministic: two runs give identical text")
    func deterministic() throws {
        let options = PictureOptions(foldsRepeats: true)
        let first = DOTWriter.write(try PictureTestInputs.example("resnet_deep"), options: options).text
        let second = DOTWriter.write(try PictureTestInputs.example("resnet_deep"), options: options).text
        #expect(first == second)
    }

    @Test("names with spaces, quotes, dots, backslashes, markup, unicode and DOT keywords are quoted")
    func nastyNames() throws {
        let report = try PictureTestInputs.nastyNames()
        let text = DOTWriter.write(report).text
        let failure = PictureTestInputs.golden(text, "nasty-names.dot")
        #expect(failure == nil, failure)
        #expect(text.contains(#""stage 1.conv \"a\"" -> "back\\slash.layer""#))
        #expect(text.contains("<B>&lt;b&gt;&amp;amp;&lt;/b&gt; it&#39;s</B>") == false, "merges are small shapes, not labelled tables")
        #expect(text.contains("<B>ünï.cødé λ</B>"))
        #expect(text.contains(#""node" [shape=box"#))
        #expect(text.contains("style=dashed, color=\"#d62728\""), "stop-gradient edge is drawn red and dashed")
        #expect(text.contains(#"label=" [0:2]→[2:4] ""#), "partial add edge carries its slices")
    }

    @Test("an oversized picture is folded, then collapsed, to fit the budget, and says so")
    func budget() throws {
        let report = try PictureTestInputs.example("resnet_deep", parameters: ["blocks": 40])
        let unbounded = DOTWriter.write(report)
        #expect(unbounded.size > 300)
        let folded = DOTWriter.write(report, budget: 60)
        #expect(folded.size <= 60)
        #expect(folded.options.foldsRepeats)
        #expect(folded.options.collapseDepth == nil)
        #expect(folded.note?.contains("folded repeated blocks") == true)
        let collapsed = DOTWriter.write(report, budget: 8)
        #expect(collapsed.options.collapseDepth == 1)
        #expect(collapsed.note?.contains("collapsed blocks at depth 1") == true)
    }

    @Test("the timestamp diagram and the comparison chart match their goldens")
    func views() throws {
        let prn = try #require(try PictureTestInputs.example("prn", full: true).analysis)
        var failure = PictureTestInputs.golden(TimestampDiagramWriter.write(prn, networkName: "prn"), "prn-timestamps.dot")
        #expect(failure == nil, failure)
        let deep = try PictureTestInputs.example("vovnet_deep")
        let planned = try PictureTestInputs.example("vovnet_planned")
        failure = PictureTestInputs.golden(ComparisonChartWriter.write(deep, planned), "compare-vovnet.dot")
        #expect(failure == nil, failure)
    }

    @Test("comparison rows pair equal names in order and keep the unpaired ones")
    func alignment() {
        let rows = ComparisonChartWriter.align(["a", "b", "c", "d"], ["a", "c", "x", "d"])
        #expect(rows.map { "\($0.first.map(String.init) ?? "-")\($0.second.map(String.init) ?? "-")" } == ["00", "1-", "21", "-2", "33"])
    }
}

/// DOT quoting of identifiers, escStrings and HTML-like label text.
struct DOTQuotingTests {
    @Test("identifiers are always quoted; quotes, backslashes and line breaks escaped")
    func identifiers() {
        #expect(DOTQuoting.id("node") == #""node""#)
        #expect(DOTQuoting.id("a.b c") == #""a.b c""#)
        #expect(DOTQuoting.id(#"say "hi""#) == #""say \"hi\"""#)
        #expect(DOTQuoting.id(#"ends\"#) == #""ends\\""#)
        #expect(DOTQuoting.id("two\nlines") == #""two\nlines""#)
        #expect(DOTQuoting.id("λ→ü") == "\"λ→ü\"")
        #expect(DOTQuoting.id("bell\u{7}") == #""bell""#)
    }

    @Test("HTML-like label text escapes markup and keeps unicode")
    func html() {
        #expect(DOTQuoting.html("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;")
        #expect(DOTQuoting.html(#"it's "q""#) == "it&#39;s &quot;q&quot;")
        #expect(DOTQuoting.html("a\nb") == "a<BR/>b")
        #expect(DOTQuoting.html(#"back\slash ünï"#) == #"back\slash ünï"#)
    }
}
