/// The report page's script (inline, no library). It reads the JSON data block, fills the
/// layer table, and wires the picture: hover shows a node's figures, a click on a layer node
/// or a table row highlights the layer's shortest and longest gradient path (picture nodes
/// and the edges between consecutive ones), sorting and filtering work on the table.
///
/// Every text it inserts goes through `textContent` (never `innerHTML`), so a layer named
/// `<b>` stays text. It finds picture nodes by Graphviz's `<title>`, which carries the node's
/// name (``PictureNodeMap/titles``), and edges by their `tail->head` title.
enum HTMLReportScript {
    static let javaScript = #"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("gpath-data").textContent);
  const field = {};
  data.layerFields.forEach(function (name, index) { field[name] = index; });
  const layers = data.layers;

  // Picture: nodes and edges by their Graphviz titles.
  const frame = document.getElementById("picture-frame");
  const svg = frame ? frame.querySelector("svg") : null;
  const elementByTitle = new Map();
  const edgesByTitle = new Map();
  if (svg) {
    svg.querySelectorAll("g.node").forEach(function (g) {
      const title = g.querySelector(":scope > title");
      if (title) elementByTitle.set(title.textContent, g);
    });
    svg.querySelectorAll("g.edge").forEach(function (g) {
      const title = g.querySelector(":scope > title");
      if (!title) return;
      const list = edgesByTitle.get(title.textContent) || [];
      list.push(g);
      edgesByTitle.set(title.textContent, list);
    });
  }
  const nodeElements = data.nodes.map(function (node) { return elementByTitle.get(node.title) || null; });
  const nodeOfElement = new Map();
  nodeElements.forEach(function (element, index) { if (element) nodeOfElement.set(element, index); });

  function element(tag, text, className) {
    const result = document.createElement(tag);
    if (text !== undefined && text !== null) result.textContent = String(text);
    if (className) result.className = className;
    return result;
  }
  function number(value) { return value === null ? "?" : value.toLocaleString("en-US"); }
  function pathFigure(value) { return value === null ? "unreachable" : String(value); }
  function layerCount(value) { return value + (value === 1 ? " layer" : " layers"); }

  // Layer table.
  const table = document.getElementById("layer-table");
  const body = table.tBodies[0];
  const rows = layers.map(function (layer, index) {
    const row = document.createElement("tr");
    row.dataset.layer = String(index);
    row.tabIndex = 0;
    const cells = [
      [index, true], [layer[field.name], false], [layer[field.op], false], [layer[field.shape], false],
      [layer[field.line] === null ? "" : layer[field.line], true], [number(layer[field.channels]), true],
      [number(layer[field.params]), true], [number(layer[field.flops]), true],
      [layer[field.shortest] === null ? "-" : layer[field.shortest], true],
      [layer[field.longest] === null ? "-" : layer[field.longest], true],
      [layer[field.critical] ? "critical" : "", false]
    ];
    cells.forEach(function (cell, column) {
      const td = element("td", cell[0], cell[1] ? "numeric" : "");
      if (column === 10 && layer[field.critical]) td.classList.add("critical");
      row.appendChild(td);
    });
    return row;
  });
  const fragment = document.createDocumentFragment();
  rows.forEach(function (row) { fragment.appendChild(row); });
  body.appendChild(fragment);

  const count = document.getElementById("layer-count");
  const filter = document.getElementById("layer-filter");
  function applyFilter() {
    const query = filter.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach(function (row, index) {
      const layer = layers[index];
      const match = query === "" || layer[field.name].toLowerCase().indexOf(query) >= 0 || layer[field.op].toLowerCase().indexOf(query) >= 0;
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown === layers.length ? layerCount(layers.length) : shown + " of " + layerCount(layers.length);
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();

  function sortValue(index, name) {
    if (name === "index") return index;
    if (name === "critical") return layers[index][field.critical] ? 1 : 0;
    return layers[index][field[name]];
  }
  function compare(a, b) {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), "en", { numeric: true });
  }
  const headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortBy(header) {
    const name = header.dataset.field;
    const descending = header.getAttribute("aria-sort") === "ascending";
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    const order = layers.map(function (_, index) { return index; });
    order.sort(function (a, b) {
      const va = sortValue(a, name);
      const vb = sortValue(b, name);
      if (va === null || vb === null) return compare(va, vb) || a - b;
      return (descending ? -compare(va, vb) : compare(va, vb)) || a - b;
    });
    const sorted = document.createDocumentFragment();
    order.forEach(function (index) { sorted.appendChild(rows[index]); });
    body.appendChild(sorted);
  }
  headers.forEach(function (header) {
    header.addEventListener("click", function () { sortBy(header); });
    header.addEventListener("keydown", function (event) { if (event.key === "Enter") sortBy(header); });
  });

  // Details of the node under the pointer.
  const details = document.getElementById("node-details");
  function showDetails(nodeIndex) {
    const node = data.nodes[nodeIndex];
    details.replaceChildren();
    details.appendChild(element("h3", node.title));
    if (node.layers.length === 0) {
      details.appendChild(element("p", "no weighted layer", "help"));
      return;
    }
    if (node.layers.length > 1) details.appendChild(element("p", node.layers.length + " layers drawn as this node", "help"));
    node.layers.slice(0, 6).forEach(function (layerIndex) {
      const layer = layers[layerIndex];
      const box = element("div", null, "layer");
      const list = element("table");
      [["layer", layer[field.name]], ["op", layer[field.op]], ["shape", layer[field.shape]],
       ["SGP", pathFigure(layer[field.shortest])], ["LGP", pathFigure(layer[field.longest])],
       ["params", number(layer[field.params])], ["FLOPs", number(layer[field.flops])],
       ["critical", layer[field.critical] ? "yes" : "no"]].forEach(function (pair) {
        const row = element("tr");
        row.appendChild(element("td", pair[0]));
        row.appendChild(element("td", pair[1]));
        list.appendChild(row);
      });
      box.appendChild(list);
      details.appendChild(box);
    });
    if (node.layers.length > 6) details.appendChild(element("p", "… and " + (node.layers.length - 6) + " more", "help"));
  }
  let hovered = null;
  if (svg) {
    svg.addEventListener("mouseover", function (event) {
      const target = event.target.closest ? event.target.closest("g.node") : null;
      if (!target || target === hovered || !nodeOfElement.has(target)) return;
      if (hovered) hovered.classList.remove("gp-hover");
      hovered = target;
      hovered.classList.add("gp-hover");
      showDetails(nodeOfElement.get(target));
    });
  }

  // Highlighting a layer's paths.
  const status = document.getElementById("selection-status");
  function clearSelection() {
    if (!svg) return;
    svg.classList.remove("gp-active");
    svg.querySelectorAll(".gp-short, .gp-long, .gp-selected, .gp-short-edge, .gp-long-edge").forEach(function (g) {
      g.classList.remove("gp-short", "gp-long", "gp-selected", "gp-short-edge", "gp-long-edge");
    });
    rows.forEach(function (row) { row.classList.remove("selected"); });
    status.textContent = "";
  }
  // The picture nodes of a path: its steps from `start` to the loss, repeats in a row merged.
  function walk(forest, start) {
    const sequence = [];
    for (let step = start, count = 0; step >= 0 && count <= forest.next.length; step = forest.next[step], count += 1) {
      const node = forest.node[step];
      if (node >= 0 && sequence[sequence.length - 1] !== node) sequence.push(node);
    }
    return sequence;
  }
  function mark(sequence, name) {
    sequence.forEach(function (nodeIndex) {
      const g = nodeElements[nodeIndex];
      if (g) g.classList.add(name);
    });
    for (let step = 0; step + 1 < sequence.length; step += 1) {
      const title = data.nodes[sequence[step]].title + "->" + data.nodes[sequence[step + 1]].title;
      (edgesByTitle.get(title) || []).forEach(function (g) { g.classList.add(name + "-edge"); });
    }
  }
  function select(layerIndex) {
    clearSelection();
    const layer = layers[layerIndex];
    rows[layerIndex].classList.add("selected");
    const paths = data.paths[layerIndex];
    const nodeIndex = layer[field.node];
    if (svg && nodeIndex !== null && nodeElements[nodeIndex]) {
      svg.classList.add("gp-active");
      nodeElements[nodeIndex].classList.add("gp-selected");
    }
    if (paths === null) {
      status.textContent = layer[field.name] + ": no gradient reaches this layer";
      return;
    }
    mark(walk(data.steps.shortest, paths[0]), "gp-short");
    mark(walk(data.steps.longest, paths[1]), "gp-long");
    status.textContent = layer[field.name] + ": shortest gradient path " + layerCount(layer[field.shortest]) +
      ", longest " + layerCount(layer[field.longest]);
  }
  if (svg) {
    svg.addEventListener("click", function (event) {
      const target = event.target.closest ? event.target.closest("g.node") : null;
      const nodeIndex = target ? nodeOfElement.get(target) : undefined;
      if (nodeIndex !== undefined) showDetails(nodeIndex);
      if (nodeIndex === undefined || data.nodes[nodeIndex].layers.length === 0) {
        clearSelection();
        return;
      }
      select(data.nodes[nodeIndex].layers[0]);
    });
  }
  rows.forEach(function (row, index) {
    row.addEventListener("click", function () { select(index); });
    row.addEventListener("keydown", function (event) { if (event.key === "Enter") select(index); });
  });
  document.getElementById("clear-selection").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") clearSelection(); });

  const fit = document.getElementById("fit-toggle");
  fit.addEventListener("click", function () {
    const fitted = frame.classList.toggle("fit");
    fit.textContent = fitted ? "actual size" : "fit to width";
  });
})();
"""#
}
