import GPathAnalysis
import GPathDiagnostics

/// `gpath report`: one self-contained HTML page — the summary, the network picture as inline
/// SVG (hover a node for its figures, click a layer to highlight its shortest and longest
/// gradient path back to the loss), a sortable and filterable layer table, the timestamp
/// diagram and the check findings with their source lines.
///
/// Self-contained: no external URL (a Content-Security-Policy of `default-src 'none'` keeps
/// the browser from fetching anything), no library; the page's data is one inline JSON block
/// (``HTMLReportData``) read by a small script (``HTMLReportScript``) that inserts text only
/// through `textContent`. A pure function of its input: same input, byte-identical page.
public enum HTMLReportWriter {
    public static func write(_ input: HTMLReportInput) -> String {
        let report = input.report
        let map = PictureNodeMap(report, picture: input.picture)
        let name = HTMLText.escaped(report.graph.name)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"gpath \(AnalysisReport.toolVersion)\">\n"
        out += "<title>\(name) — gpath report</title>\n<style>\n\(HTMLReportStyle.css)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(name)</h1>\n<p class=\"subtitle\">gradient-path report of <code>\(HTMLText.escaped(report.inputName))</code>"
        out += " · \(report.paths.layers.count) layer\(report.paths.layers.count == 1 ? "" : "s") · analysis: \(report.level.rawValue) · gpath \(AnalysisReport.toolVersion)</p>\n"
        out += "<nav><a href=\"#summary\">summary</a> <a href=\"#picture\">picture</a> <a href=\"#layers\">layers</a> "
        out += "<a href=\"#timestamps\">timestamps</a> <a href=\"#findings\">findings</a></nav>\n</header>\n<main>\n"
        out += summarySection(input)
        out += pictureSection(input)
        out += layerSection()
        out += timestampSection(input)
        out += findingsSection(input.findings)
        out += "</main>\n"
        out += "<script type=\"application/json\" id=\"gpath-data\">\(HTMLText.scriptSafe(HTMLReportData.json(input, map: map).rendered(pretty: false)))</script>\n"
        out += "<script>\n\(HTMLReportScript.javaScript)</script>\n</body>\n</html>\n"
        return out
    }

    private static func summarySection(_ input: HTMLReportInput) -> String {
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"summary\">\n"
        for line in Summary(input.report).lines {
            let key = line.key.trimmingPrefix(while: { $0 == " " })
            let nested = key.count != line.key.count ? " class=\"nested\"" : ""
            out += "<dt\(nested)>\(HTMLText.escaped(String(key)))</dt><dd\(nested)>\(HTMLText.escapedWithCode(line.value))</dd>\n"
        }
        out += "</dl>\n"
        for note in input.notes { out += "<p class=\"note\">\(HTMLText.escaped(note))</p>\n" }
        return out + "</section>\n"
    }

    private static func pictureSection(_ input: HTMLReportInput) -> String {
        var out = "<section id=\"picture\">\n<h2>Picture</h2>\n"
        out += "<p class=\"help\">Hover over a node for its figures; click a layer (or a table row) to highlight one "
        out += "<span class=\"key short\">shortest</span> and one <span class=\"key long\">longest</span> gradient path "
        out += "from it back to the loss (<span class=\"key both\">both</span> where they share a node). Esc clears.</p>\n"
        if let note = input.pictureNote ?? input.picture.note {
            out += "<p class=\"note\">\(HTMLText.escaped(note.hasPrefix("note: ") ? String(note.dropFirst(6)) : note))</p>\n"
        }
        out += "<div class=\"controls\"><button type=\"button\" id=\"fit-toggle\">actual size</button> "
        out += "<button type=\"button\" id=\"clear-selection\">clear highlight</button> <span id=\"selection-status\" role=\"status\"></span></div>\n"
        out += "<div class=\"picture-area\">\n<div id=\"picture-frame\" class=\"frame fit\">\n"
        out += EmbeddedSVG.element(from: input.pictureSVG, idPrefix: "picture-")
        out += "\n</div>\n<aside id=\"node-details\" aria-live=\"polite\"><p class=\"help\">No node under the pointer.</p></aside>\n</div>\n"
        return out + "</section>\n"
    }

    /// The table's head; the script fills the body from the data block.
    private static func layerSection() -> String {
        let columns: [(field: String, title: String, numeric: Bool)] = [
            ("index", "#", true), ("name", "layer", false), ("op", "op", false), ("shape", "shape", false),
            ("line", "line", true), ("channels", "channels", true), ("params", "params", true), ("flops", "FLOPs", true),
            ("shortest", "SGP", true), ("longest", "LGP", true), ("critical", "critical", false),
        ]
        var out = "<section id=\"layers\">\n<h2>Layers</h2>\n"
        out += "<div class=\"controls\"><input id=\"layer-filter\" type=\"search\" placeholder=\"filter by layer name or op\" aria-label=\"filter layers by name or op\"> "
        out += "<span id=\"layer-count\"></span></div>\n"
        out += "<p class=\"help\">Click a column title to sort (again to reverse); click a row to highlight the layer's paths. "
        out += "SGP / LGP: shortest / longest gradient path; critical: the layer reaches the longest shortest gradient path.</p>\n"
        out += "<div class=\"table-frame\"><table id=\"layer-table\">\n<thead><tr>"
        for column in columns {
            out += "<th data-field=\"\(column.field)\"\(column.numeric ? " class=\"numeric\"" : "") tabindex=\"0\">\(HTMLText.escaped(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody></tbody>\n</table></div>\n"
        return out + "</section>\n"
    }

    private static func timestampSection(_ input: HTMLReportInput) -> String {
        var out = "<section id=\"timestamps\">\n<h2>Gradient timestamps</h2>\n"
        switch input.timestampDiagram {
        case .svg(let document):
            out += "<p class=\"help\">The paper's Figure 7: units as columns, timestamps (weighted layers crossed) as rows, "
            out += "one colour per gradient source.</p>\n<div class=\"frame fit\" id=\"timestamp-frame\">\n"
            out += EmbeddedSVG.element(from: document, idPrefix: "timestamps-") + "\n</div>\n"
        case .omitted(let reason):
            out += "<p class=\"note\">\(HTMLText.escaped(reason))</p>\n"
        }
        return out + "</section>\n"
    }
}
