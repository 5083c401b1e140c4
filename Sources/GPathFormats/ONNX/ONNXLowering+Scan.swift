import GPathDiagnostics
import GPathIR

/// Whole-graph steps before and after the per-node lowering: the supported-operator check,
/// topological order (cycles and missing tensors), losses, and the approximation warning.
extension ONNXLowering {
    /// Op types (default domain) gpath lowers; everything else is listed as unsupported.
    static let supportedOperators: Set<String> = [
        "Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "InstanceNormalization",
        "GroupNormalization", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "Tanh",
        "HardSwish", "Mish", "Gelu", "Clip", "Elu", "Selu", "Celu", "Softplus", "Softsign",
        "ThresholdedRelu", "Add", "Sum", "Sub", "Mul", "Div", "Concat", "Split", "Slice", "MaxPool",
        "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceMax", "Resize",
        "Upsample", "Pad", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Identity",
        "Dropout", "Softmax", "LogSoftmax", "Cast", "Constant", "ConstantOfShape", "Shape", "Gather",
        "LayerNormalization",
    ]

    /// Op types gpath lowers only on constants (shape arithmetic, masks) or inside a pattern
    /// (Erf in GELU; Pow and Sqrt in a written-out LayerNorm): anywhere else they are listed as
    /// unsupported.
    static let constantOperators: Set<String> = [
        "Erf", "Pow", "Sqrt", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or",
        "Where", "Range", "Mod", "ScatterND", "Expand", "Neg", "Abs", "Floor", "Ceil", "Reciprocal", "Min", "Max", "Size",
    ]

    /// One error listing every unsupported op type with its count (or a warning when they are
    /// lowered as identity). Returns false when lowering cannot go on.
    mutating func checkOperators() -> Bool {
        var counts: [String: Int] = [:]
        var first: [String: Int] = [:]
        for (position, node) in graph.node.enumerated() {
            let isDefault = node.domain.isEmpty || node.domain == "ai.onnx"
            guard !(isDefault && Self.supportedOperators.contains(node.opType)) else { continue }
            if isDefault, Self.constantOperators.contains(node.opType),
               absorbed.contains(position) || node.output.allSatisfy({ $0.isEmpty || constantTensors.contains($0) }) { continue }
            counts[node.qualifiedOpType, default: 0] += 1
            if first[node.qualifiedOpType] == nil { first[node.qualifiedOpType] = position }
            identityNodes.insert(position)
        }
        guard !counts.isEmpty else { return true }
        let listed = counts.keys.sorted().map { "`\($0)` ×\(counts[$0] ?? 0)" }.joined(separator: ", ")
        let total = counts.values.reduce(0, +)
        let notes = counts.keys.sorted().map { type -> String in
            let position = first[type] ?? 0
            let name = graph.node[position].name.isEmpty ? "unnamed" : "`\(graph.node[position].name)`"
            return "first `\(type)` is node \(position) (\(name))"
        }
        if treatUnknownAsIdentity {
            report(Diagnostic(
                .operatorAsIdentity,
                "\(total) node\(total == 1 ? "" : "s") of unsupported operator\(counts.count == 1 ? "" : "s") lowered as identity: \(listed)",
                at: location, notes: notes + ["each passes its first input through unchanged; gradient paths through them are approximate"]))
            return true
        }
        identityNodes.removeAll()
        report(Diagnostic(
            .unsupportedOperator,
            "unsupported ONNX operator\(counts.count == 1 ? "" : "s"): \(listed)",
            at: location, notes: notes,
            helps: ["`--treat-unknown-as identity` lowers them as identity (a warning instead)"]))
        return false
    }

    /// Kahn's algorithm over tensor dependencies, seeded in file order so the result is
    /// deterministic. Reports tensors nothing provides (E202) and cycles (E301).
    mutating func topologicalOrder() -> [Int]? {
        var producer: [String: Int] = [:]
        for (position, node) in graph.node.enumerated() {
            for output in node.output where !output.isEmpty { producer[output] = position }
        }
        let count = graph.node.count
        var indegree = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        var ok = true
        for (position, node) in graph.node.enumerated() {
            for input in node.input where !input.isEmpty {
                if let source = producer[input] {
                    indegree[position] += 1
                    dependents[source].append(position)
                } else if values[input] == nil, pendingInputs[input] == nil {
                    let known = Array(producer.keys) + Array(values.keys) + Array(pendingInputs.keys)
                    report(Diagnostic(
                        .unknownName,
                        "node \(position) `\(node.name.isEmpty ? node.opType : node.name)` (\(node.qualifiedOpType)) reads `\(input)`, which no node, initializer or graph input provides",
                        at: location, notes: ["a missing initializer: the model was saved without this weight, or the name is misspelled"],
                        helps: Suggestion.help(for: input, among: known)))
                    ok = false
                }
            }
        }
        var queue = (0..<count).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let position = queue[head]
            head += 1
            for next in dependents[position] {
                indegree[next] -= 1
                if indegree[next] == 0 { queue.append(next) }
            }
        }
        if queue.count < count {
            reportCycle(stuck: Set((0..<count).filter { indegree[$0] > 0 }), producer: producer)
            ok = false
        }
        return ok ? queue : nil
    }

    /// Walks backwards from the first unsorted node through unsorted producers until a node
    /// repeats: the repeated stretch is a cycle, reported in data-flow order.
    private mutating func reportCycle(stuck: Set<Int>, producer: [String: Int]) {
        func label(_ position: Int) -> String {
            let node = graph.node[position]
            return "`\(node.name.isEmpty ? "\(node.opType)_\(position)" : node.name)` (node \(position))"
        }
        var path: [Int] = []
        var seen: [Int: Int] = [:]
        var current = stuck.min() ?? 0
        while seen[current] == nil {
            seen[current] = path.count
            path.append(current)
            guard let previous = graph.node[current].input.lazy.compactMap({ producer[$0] }).first(where: { stuck.contains($0) }) else { break }
            current = previous
        }
        let cycle = seen[current].map { Array(path[$0...].reversed()) } ?? path
        let names = cycle.map(label) + [label(cycle.first ?? current)]
        report(Diagnostic(
            .cycle, "the graph has a cycle: \(names.joined(separator: " -> "))",
            at: location, notes: ["\(stuck.count) node\(stuck.count == 1 ? " is" : "s are") on or after the cycle"],
            helps: ["a network is a DAG; loops (`Loop`, `Scan`) and recurrent edges cannot be analysed"]))
    }

    /// The tensors losses read: `--loss` names (tensor names or node names), else the graph
    /// outputs.
    func lossTensors() -> [String] {
        guard let requested = requestedLosses else { return graph.output.map(\.name) }
        var tensors = Set(graph.output.map(\.name))
        var firstOutputOfNode: [String: String] = [:]
        for node in graph.node {
            tensors.formUnion(node.output)
            if !node.name.isEmpty, firstOutputOfNode[node.name] == nil, let output = node.output.first {
                firstOutputOfNode[node.name] = output
            }
        }
        return requested.map { tensors.contains($0) ? $0 : firstOutputOfNode[$0] ?? $0 }
    }

    /// One loss node per loss tensor, named `loss:<tensor>`.
    mutating func addLosses() {
        let tensors = lossNames
        if tensors.isEmpty {
            report(Diagnostic(
                .missingLoss, "the graph has no outputs to use as losses", at: location,
                helps: ["name the loss tensors with `--loss NAME[,NAME]`"]))
        }
        for tensor in tensors {
            switch value(tensor) {
            case .data(let data)?:
                guard data.pendingStep == nil, data.pendingPads == nil else {
                    report(Diagnostic(.unsupportedOperator, "loss tensor `\(tensor)` is a partial spatial slice or padding gpath cannot represent", at: location))
                    continue
                }
                let index = plan(PlannedNode(name: uniqueName("loss:\(tensor)"), op: .loss(.generic)))
                planned[index].inputs = data.segments.map { PlannedEdge(segment: $0) }
            case .constant?:
                report(Diagnostic(
                    .invalidValue, "loss tensor `\(tensor)` is a constant: no layer computes it", at: location))
            case .failed?:
                continue
            case nil:
                let known = graph.node.flatMap(\.output) + graph.node.map(\.name)
                report(Diagnostic(
                    .unknownName, "loss `\(tensor)` is neither a tensor nor a node of the graph", at: location,
                    helps: Suggestion.help(for: tensor, among: known)))
            }
        }
    }
}
