/// The report page's style sheet (inline: the page loads nothing). Highlight colours: blue for
/// the shortest path, orange for the longest, purple where they share a node — the same three
/// in the help line's keys.
enum HTMLReportStyle {
    static let css = #"""
:root { --short: #1f6fd1; --long: #e8710a; --both: #8e3fb0; --alert: #c0392b; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; color: #222; background: #fff; }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 24px; }
h2 { font-size: 18px; margin: 0 0 8px; }
.subtitle { margin: 4px 0; color: var(--muted); }
nav a { margin-right: 12px; }
main { padding: 0 24px 48px; }
section { margin-top: 24px; }
code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 13px; }
.help { color: var(--muted); margin: 4px 0 8px; }
.note { background: #fff8e1; border-left: 3px solid #f0b400; padding: 4px 8px; margin: 6px 0; }
.passed { color: #2e7d32; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.summary dt { font-weight: bold; }
dl.summary dd { margin: 0; }
dl.summary .nested { padding-left: 16px; font-weight: normal; color: var(--muted); }
.controls { margin: 6px 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.key { font-weight: bold; padding: 0 4px; border-radius: 3px; color: #fff; }
.key.short { background: var(--short); }
.key.long { background: var(--long); }
.key.both { background: var(--both); }
.picture-area { display: flex; gap: 12px; align-items: flex-start; }
.frame { border: 1px solid var(--line); overflow: auto; max-height: 85vh; background: #fff; }
#picture-frame { flex: 1 1 auto; min-width: 0; }
.frame.fit svg { max-width: 100%; height: auto; }
#node-details { flex: 0 0 280px; position: sticky; top: 8px; border: 1px solid var(--line); padding: 8px; font-size: 13px; max-height: 85vh; overflow: auto; }
#node-details h3 { margin: 0 0 4px; font-size: 14px; word-break: break-all; }
#node-details table { border-collapse: collapse; width: 100%; }
#node-details td { padding: 1px 4px; vertical-align: top; }
#node-details td:first-child { color: var(--muted); white-space: nowrap; }
#node-details .layer { margin-top: 6px; border-top: 1px solid var(--line); padding-top: 4px; }
g.node { cursor: pointer; }
svg.gp-active g.node, svg.gp-active g.edge { opacity: 0.3; }
svg.gp-active g.node.gp-short, svg.gp-active g.node.gp-long, svg.gp-active g.node.gp-selected,
svg.gp-active g.edge.gp-short-edge, svg.gp-active g.edge.gp-long-edge { opacity: 1; }
g.node.gp-short :is(polygon, ellipse, path) { stroke: var(--short); stroke-width: 4px; }
g.node.gp-long :is(polygon, ellipse, path) { stroke: var(--long); stroke-width: 4px; }
g.node.gp-short.gp-long :is(polygon, ellipse, path) { stroke: var(--both); stroke-width: 5px; }
g.node.gp-selected :is(polygon, ellipse, path) { stroke-dasharray: 6 3; }
g.edge.gp-short-edge path { stroke: var(--short); stroke-width: 3px; }
g.edge.gp-short-edge polygon { stroke: var(--short); fill: var(--short); }
g.edge.gp-long-edge path { stroke: var(--long); stroke-width: 3px; }
g.edge.gp-long-edge polygon { stroke: var(--long); fill: var(--long); }
g.edge.gp-short-edge.gp-long-edge path { stroke: var(--both); }
g.edge.gp-short-edge.gp-long-edge polygon { stroke: var(--both); fill: var(--both); }
g.node.gp-hover :is(polygon, ellipse, path) { stroke-width: 3px; }
.table-frame { max-height: 70vh; overflow: auto; border: 1px solid var(--line); }
#layer-table { border-collapse: collapse; width: 100%; font-size: 13px; }
#layer-table th { position: sticky; top: 0; background: #f4f4f4; cursor: pointer; user-select: none; text-align: left; padding: 4px 8px; border-bottom: 1px solid #ccc; white-space: nowrap; }
#layer-table th.numeric, #layer-table td.numeric { text-align: right; }
#layer-table th[aria-sort="ascending"]::after { content: " ▲"; }
#layer-table th[aria-sort="descending"]::after { content: " ▼"; }
#layer-table td { padding: 2px 8px; border-bottom: 1px solid #f0f0f0; white-space: nowrap; }
#layer-table tbody tr { cursor: pointer; }
#layer-table tbody tr:hover { background: #f6f9ff; }
#layer-table tbody tr.selected { background: #e3edfb; }
#layer-table td.critical { color: var(--alert); font-weight: bold; }
ol.findings { padding-left: 20px; }
.finding { margin-bottom: 12px; }
.finding p { margin: 2px 0; }
.severity { font-weight: bold; text-transform: uppercase; font-size: 12px; padding: 0 4px; border-radius: 3px; color: #fff; background: #888; }
.finding.error .severity { background: var(--alert); }
.finding.warning .severity { background: #d68910; }
.where, .also { color: var(--muted); }
pre.source { background: #f7f7f7; padding: 6px 8px; margin: 4px 0; overflow-x: auto; }
"""#
}
