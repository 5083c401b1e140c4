import GPathIR

/// Writes any verified graph as graph JSON (`docs/spec/graph-json.md`), the interchange
/// format every input lowers to: `gpath convert x.cfg -o x.json`.
///
/// Every node is written with an `op` from the spec's vocabulary, so any graph JSON reader
/// routes gradient correctly; gpath's optional fields restore the exact IR op:
///
/// | IR op | written as |
/// |---|---|
/// | convolution | `conv` + `kernel`, `stride`, `padding`/`dilation` (when not the default; each an integer, or `[height, width]` when the axes differ), `groups`, `bias`, `norm`, `activation` |
/// | linear | `linear` + `bias: false`, `norm`, `activation` |
/// | layer | `layer` + `groups` |
/// | max / average pool | `maxpool` / `avgpool` + `kernel`, `stride`, `padding` (before the map), `padding_end` (after it, when different); global pools `global: true` |
/// | upsample | `upsample` + `scale` |
/// | dropout | `identity` + `kind: "dropout"` |
/// | cross-entropy / MSE loss | `loss` + `kind` |
/// | matrix product | `matmul` + `transpose_b`, `scaled`, `sampled` (when true) |
/// | softmax | `softmax` + `axis: "positions"` (over positions) |
/// | layer / group norm | `layernorm` / `groupnorm` + `groups` |
/// | transpose, token concat, learned tensor, scale | `transpose`, `concat_tokens`, `learned` (+ `height`/`width`), `scale` |
/// | reshape / token slice | `reshape` + `target: [height, width]` / `slice_tokens` + `tokens: [first, end]` |
///
/// `channels` is written on every node and `height`/`width` on inputs (the reader infers the
/// rest). Source locations are not written: diagnostics about the JSON point into the JSON.
/// `GraphJSONReader.read(write(g))` is equivalent to `g` (``Graph/isEquivalent(to:)``).
/// Deterministic: nodes in declaration order, edges grouped by destination in input order,
/// keys in a fixed order. O(V + E); no recursion.
public enum GraphJSONWriter {
    /// The graph as pretty-printed graph JSON, one node or edge per line.
    public static func write(_ graph: Graph) -> String {
        var nodes: [String] = []
        var edges: [String] = []
        for node in graph.nodes {
            nodes.append(object(fields(of: node)))
            for edge in node.inputs {
                edges.append(object(fields(of: edge, into: node, in: graph)))
            }
        }
        var out = "{\n  \"name\": \(string(graph.name)),\n"
        out += "  \"nodes\": [\n" + nodes.map { "    " + $0 }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"edges\": [\n" + edges.map { "    " + $0 }.joined(separator: ",\n") + (edges.isEmpty ? "" : "\n") + "  ]\n}\n"
        return out
    }

    /// A JSON value already rendered as text.
    private typealias Field = (key: String, value: String)

    private static func fields(of node: Node) -> [Field] {
        var fields: [Field] = [("id", string(node.name))]
        func add(_ key: String, _ value: Int) { fields.append((key, String(value))) }
        func add(_ key: String, _ value: AxisPair) {
            fields.append((key, value.isSquare ? String(value.height) : "[\(value.height), \(value.width)]"))
        }
        func flag(_ key: String, _ value: Bool) { fields.append((key, value ? "true" : "false")) }
        func text(_ key: String, _ value: String) { fields.append((key, string(value))) }
        func op(_ name: String) {
            text("op", name)
            add("channels", node.channels)
        }
        switch node.op {
        case .input:
            op("input")
            if let spatial = node.spatial {
                add("height", spatial.height)
                add("width", spatial.width)
            }
        case .convolution(let c):
            op("conv")
            add("kernel", c.kernel)
            if c.stride != 1 { add("stride", c.stride) }
            if c.dilation != 1 { add("dilation", c.dilation) }
            if c.padding != Convolution.samePadding(kernel: c.kernel, dilation: c.dilation) { add("padding", c.padding) }
            if c.groups != 1 { add("groups", c.groups) }
            if c.bias { flag("bias", true) }
            if c.normalized { flag("norm", true) }
            if let activation = c.activation { text("activation", activation.rawValue) }
        case .linear(let l):
            op("linear")
            if !l.bias { flag("bias", false) }
            if l.normalized { flag("norm", true) }
            if let activation = l.activation { text("activation", activation.rawValue) }
        case .layer(let groups):
            op("layer")
            if groups != 1 { add("groups", groups) }
        case .add: op("add")
        case .concat: op("concat")
        case .passThrough(let p):
            switch p {
            case .identity: op("identity")
            case .slice: op("slice")
            case .dropout:
                op("identity")
                text("kind", "dropout")
            case .activation(let a):
                op("activation")
                text("activation", a.rawValue)
            case .normalization: op("norm")
            case .maxPool(let w), .averagePool(let w):
                op(p == .maxPool(w) ? "maxpool" : "avgpool")
                add("kernel", w.kernel)
                add("stride", w.stride)
                add("padding", w.padding)
                if w.trailingPadding != w.padding { add("padding_end", w.trailingPadding) }
            case .globalAveragePool, .globalMaxPool:
                op(p == .globalMaxPool ? "maxpool" : "avgpool")
                flag("global", true)
            case .upsample(let scale):
                op("upsample")
                add("scale", scale)
            }
        case .stopGradient: op("stop_gradient")
        case .loss(let kind):
            op("loss")
            if kind != .generic { text("kind", kind.rawValue) }
        case .matmul(let product):
            op("matmul")
            if product.transposesSecond { flag("transpose_b", true) }
            if product.scaled { flag("scaled", true) }
            if product.samplesSecond { flag("sampled", true) }
        case .softmax(let axis):
            op("softmax")
            if axis != .channels { text("axis", axis.rawValue) }
        case .layerNorm: op("layernorm")
        case .groupNorm(let groups):
            op("groupnorm")
            add("groups", groups)
        case .transpose: op("transpose")
        case .reshape(let map):
            op("reshape")
            add("target", AxisPair(height: map.height, width: map.width))
        case .tokenConcat: op("concat_tokens")
        case .tokenSlice(let lower, let upper):
            op("slice_tokens")
            fields.append(("tokens", "[\(lower), \(upper)]"))
        case .learned(let table):
            op("learned")
            if let spatial = node.spatial {
                add("height", spatial.height)
                add("width", spatial.width)
            }
            if let entries = table.entries { add("entries", entries) }
        case .scale: op("scale")
        }
        return fields
    }

    private static func fields(of edge: Edge, into node: Node, in graph: Graph) -> [Field] {
        let source = graph[edge.source]
        var fields: [Field] = [("src", string(source.name)), ("dst", string(node.name))]
        if edge.sourceRange != ChannelRange(0, source.channels) {
            fields.append(("src_slice", "[\(edge.sourceRange.lower), \(edge.sourceRange.upper)]"))
        }
        if node.op == .add, let offset = edge.destinationOffset, offset != 0 {
            fields.append(("dst_slice", "[\(offset), \(offset + edge.width)]"))
        }
        if edge.stopsGradient { fields.append(("stop_gradient", "true")) }
        return fields
    }

    private static func object(_ fields: [Field]) -> String {
        "{" + fields.map { "\(string($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
