// Test harness, injected before </body> in a copy of a `gpath report` page: once the page has
// loaded, drives it like a user (hover, click a picture node, click a row, sort, filter) and
// writes what it saw as base64 JSON into <pre id="harness-result"> for ReportBrowserTests.
window.addEventListener("load", function () {
  const result = { errors: window.__harnessErrors };
  try {
    const data = JSON.parse(document.getElementById("gpath-data").textContent);
    const field = {};
    data.layerFields.forEach(function (name, index) { field[name] = index; });
    const svg = document.querySelector("#picture-frame svg");
    const nodes = Array.prototype.slice.call(svg.querySelectorAll("g.node"));
    const byTitle = new Map();
    nodes.forEach(function (g) { byTitle.set(g.querySelector(":scope > title").textContent, g); });
    result.svgNodes = nodes.length;
    result.matchedNodes = data.nodes.filter(function (node) { return byTitle.has(node.title); }).length;
    result.rows = document.querySelectorAll("#layer-table tbody tr").length;
    result.names = Array.prototype.map.call(document.querySelectorAll("#layer-table tbody tr"), function (row) { return row.cells[1].textContent; });
    function highlighted() {
      return {
        short: svg.querySelectorAll("g.node.gp-short").length,
        long: svg.querySelectorAll("g.node.gp-long").length,
        shortEdges: svg.querySelectorAll("g.edge.gp-short-edge").length,
        longEdges: svg.querySelectorAll("g.edge.gp-long-edge").length,
        selected: svg.querySelectorAll("g.node.gp-selected").length,
        selectedRows: document.querySelectorAll("#layer-table tbody tr.selected").length,
        status: document.getElementById("selection-status").textContent
      };
    }
    // The picture node whose layer has the longest gradient path (first among equals).
    let best = null;
    data.nodes.forEach(function (node, index) {
      if (node.layers.length === 0) return;
      const value = data.layers[node.layers[0]][field.longest];
      if (value !== null && (best === null || value > best.value)) best = { node: index, layer: node.layers[0], value: value };
    });
    if (best !== null) {
      const target = byTitle.get(data.nodes[best.node].title);
      const shape = target.querySelector("polygon, path, ellipse") || target;
      shape.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      result.hover = document.querySelector("#node-details h3").textContent;
      shape.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      result.nodeClick = highlighted();
      result.nodeClick.node = best.node;
      result.nodeClick.layer = best.layer;
    }
    // The last row of the table.
    const rows = document.querySelectorAll("#layer-table tbody tr");
    const last = rows[rows.length - 1];
    last.click();
    result.rowClick = highlighted();
    result.rowClick.layer = Number(last.dataset.layer);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    result.afterEscape = highlighted();
    // Sort by SGP, then reverse; the order of layer indexes each time.
    const header = document.querySelector("#layer-table th[data-field=\"shortest\"]");
    function order() {
      return Array.prototype.map.call(document.querySelectorAll("#layer-table tbody tr"), function (row) { return Number(row.dataset.layer); });
    }
    header.click();
    result.sortAscending = order();
    header.click();
    result.sortDescending = order();
    // Filter.
    const filter = document.getElementById("layer-filter");
    filter.value = "conv";
    filter.dispatchEvent(new Event("input", { bubbles: true }));
    result.filteredRows = Array.prototype.filter.call(document.querySelectorAll("#layer-table tbody tr"), function (row) { return !row.hidden; }).length;
    result.count = document.getElementById("layer-count").textContent;
  } catch (error) {
    result.harnessError = String(error && error.stack || error);
  }
  const out = document.createElement("pre");
  out.id = "harness-result";
  out.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(result))));
  document.body.appendChild(out);
});
