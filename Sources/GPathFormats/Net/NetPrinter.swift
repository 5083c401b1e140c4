import GPathIR

/// Writes any verified graph as flat, canonical `.net` text: one statement per node in
/// topological order, every input spelled out (slices, `@` placement, `detach`), every name
/// backquoted when it is not a plain identifier. `NetReader.read(print(g))` is equivalent to
/// `g` (``Graph/isEquivalent(to:)``). O(V + E); no recursion.
public enum NetPrinter {
    /// Canonical flat `.net` text for any IR graph; NetReader.read(print(g)) is equivalent to g.
    public static func print(_ graph: Graph) -> String {
        var out = "# \(graph.name): flat .net written by gpath (\(graph.nodes.count) nodes)\n"
        out += "network \(quoted(graph.name))\n\n"
        for id in graph.topologicalOrder {
            out += statement(for: graph[id], in: graph) + "\n"
        }
        return out
    }

    private static func statement(for node: Node, in graph: Graph) -> String {
        let name = quoted(node.name)
        let inputs = node.inputs.map { operand($0, in: graph, isAdd: node.op == .add) }
        switch node.op {
        case .input:
            let shape = node.spatial.map { "\(node.channels)x\($0.height)x\($0.width)" } ?? "\(node.channels)"
            return "input \(name) \(shape)"
        case .convolution(let c):
            var arguments = inputs + ["\(node.channels)"] + window("k", c.kernel)
            if c.stride != 1 { arguments += window("s", c.stride) }
            if c.padding != Convolution.samePadding(kernel: c.kernel, dilation: c.dilation) { arguments += window("p", c.padding) }
            if c.dilation != 1 { arguments += window("d", c.dilation) }
            if c.groups != 1 { arguments.append("g=\(c.groups)") }
            if c.bias { arguments.append("bias=1") }
            return "\(name) = conv(\(arguments.joined(separator: ", ")))" + modifiers(c.normalized, c.activation)
        case .linear(let l):
            var arguments = inputs + ["\(node.channels)"]
            if !l.bias { arguments.append("bias=0") }
            return "\(name) = linear(\(arguments.joined(separator: ", ")))" + modifiers(l.normalized, l.activation)
        case .layer(let groups):
            var arguments = inputs + ["\(node.channels)"]
            if groups != 1 { arguments.append("g=\(groups)") }
            return "\(name) = layer(\(arguments.joined(separator: ", ")))"
        case .add:
            let first = node.inputs.first.map { ($0.destinationOffset ?? 0) + $0.width } ?? 0
            let width = first == node.channels ? [] : ["width=\(node.channels)"]
            return merge("add", name, inputs, extra: width)
        case .concat:
            return merge("concat", name, inputs, extra: [])
        case .passThrough(let p):
            return "\(name) = \(passThrough(p, inputs))"
        case .stopGradient:
            return "\(name) = \(node.op.definition.spelling)(\(inputs.joined(separator: ", ")))"
        case .loss(let kind):
            return "loss \(name) = \(kind.rawValue)(\(inputs.joined(separator: ", ")))"
        case .learned(let table):
            let shape = node.spatial.map { "\(node.channels)x\($0.height)x\($0.width)" } ?? "\(node.channels)"
            return "learned \(name) \(shape)" + (table.entries.map { " table=\($0)" } ?? "")
        case .matmul(let product):
            var arguments = inputs
            if product.transposesSecond { arguments.append("t=1") }
            if product.scaled { arguments.append("scaled=1") }
            if product.samplesSecond { arguments.append("sampled=1") }
            return "\(name) = matmul(\(arguments.joined(separator: ", ")))"
        case .softmax(let axis):
            return "\(name) = softmax(\((inputs + (axis == .positions ? ["axis=1"] : [])).joined(separator: ", ")))"
        case .groupNorm(let groups):
            return "\(name) = groupnorm(\((inputs + ["\(groups)"]).joined(separator: ", ")))"
        case .reshape(let map):
            return "\(name) = reshape(\((inputs + ["\(map.height)", "\(map.width)"]).joined(separator: ", ")))"
        case .tokenSlice(let lower, let upper):
            return "\(name) = slice_tokens(\((inputs + ["\(lower)", "\(upper)"]).joined(separator: ", ")))"
        case .tokenConcat:
            return merge("concat_tokens", name, inputs, extra: [])
        case .layerNorm, .transpose, .scale:
            return "\(name) = \(node.op.definition.spelling)(\(inputs.joined(separator: ", ")))"
        }
    }

    /// One input: `x`, `x[0:2]`, `detach(x)`, `x[0:2] @ 2`.
    private static func operand(_ edge: Edge, in graph: Graph, isAdd: Bool) -> String {
        let source = graph[edge.source]
        var text = quoted(source.name)
        if edge.sourceRange != ChannelRange(0, source.channels) {
            text += "[\(edge.sourceRange.lower):\(edge.sourceRange.upper)]"
        }
        if edge.stopsGradient { text = "detach(\(text))" }
        if isAdd, let offset = edge.destinationOffset, offset != 0 { text += " @ \(offset)" }
        return text
    }

    /// A one-input add or concat is written `x -> add()`; otherwise `add(a, b, …)`.
    private static func merge(_ op: String, _ name: String, _ inputs: [String], extra: [String]) -> String {
        if inputs.count == 1 {
            return "\(name) = \(inputs[0]) -> \(op)(\(extra.joined(separator: ", ")))"
        }
        return "\(name) = \(op)(\((inputs + extra).joined(separator: ", ")))"
    }

    private static func modifiers(_ normalized: Bool, _ activation: Activation?) -> String {
        (normalized ? " bn" : "") + (activation.map { " " + NetOperation.spelling(of: $0) } ?? "")
    }

    /// `k=3` for a square value, `kh=1, kw=7` otherwise.
    private static func window(_ name: String, _ value: AxisPair) -> [String] {
        value.isSquare ? ["\(name)=\(value.height)"] : ["\(name)h=\(value.height)", "\(name)w=\(value.width)"]
    }

    private static func passThrough(_ p: PassThrough, _ inputs: [String]) -> String {
        let input = inputs.joined(separator: ", ")
        switch p {
        case .activation(let a): return "\(NetOperation.spelling(of: a))(\(input))"
        case .maxPool(let w), .averagePool(let w):
            let kernel = w.kernel.isSquare ? ["\(w.kernel.height)"] : window("k", w.kernel)
            var arguments = [input] + kernel + window("s", w.stride) + window("p", w.padding)
            if w.trailingPadding != w.padding { arguments += window("pe", w.trailingPadding) }
            return "\(p == .maxPool(w) ? "maxpool" : "avgpool")(\(arguments.joined(separator: ", ")))"
        case .upsample(let scale): return "upsample(\(input), \(scale))"
        default:
            // Attribute-free (``OpDefinition/plainOp``): the definition's spelling alone.
            return "\(Op.passThrough(p).definition.spelling)(\(input))"
        }
    }

    /// The name as written: bare when it lexes as one plain identifier, else backquoted.
    static func quoted(_ name: String) -> String {
        if isPlainIdentifier(name) { return name }
        var text = "`"
        for character in name {
            switch character {
            case "`": text += "\\`"
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            default: text.append(character)
            }
        }
        return text + "`"
    }

    private static func isPlainIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, NetLexer.isIdentifierStart(first), let last = bytes.last, last != UInt8(ascii: ".") else { return false }
        guard !NetKeyword.all.contains(name), NetOperation.table[name] == nil, !NetOperation.builtins.contains(name) else { return false }
        var previousDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else {
                guard NetLexer.isIdentifierByte(byte) else { return false }
                previousDot = false
            }
        }
        return true
    }
}
