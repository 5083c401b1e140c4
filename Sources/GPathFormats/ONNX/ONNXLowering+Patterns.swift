import GPathDiagnostics
import GPathIR

/// A subgraph the exporters write for one operation, lowered as that operation at the node
/// that completes it (the other nodes are absorbed).
enum ONNXPattern {
    /// `x·sigmoid(x)` (SiLU), `x·hardsigmoid(x)` (HardSwish), or Erf GELU
    /// `x·(erf(x/√2) + 1)·½`: one activation of `input`.
    case activation(Activation, input: String)
    /// LayerNorm written out (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, and the affine
    /// Mul and Add): one layer norm of `input` over the axes of the ReduceMean node `mean`.
    case layerNorm(input: String, mean: Int)
}

/// Whole-graph scans before lowering: which tensors are constants, which reach a weighted
/// node, and the multi-node patterns that stand for one operation.
extension ONNXLowering {
    /// Finds every pattern, marks absorbed nodes, and fills ``constantTensors`` and
    /// ``feedsWeightedLayer``.
    mutating func findPatterns() {
        var producer: [String: Int] = [:]
        var readers: [String: Int] = [:]
        for (position, node) in graph.node.enumerated() {
            for output in node.output where !output.isEmpty { producer[output] = position }
            for input in node.input where !input.isEmpty { readers[input, default: 0] += 1 }
        }
        for loss in lossNames { readers[loss, default: 0] += 1 }
        producers = producer
        findConstants()
        findWeightedReach(producer)
        let scan = PatternScan(graph: graph, producer: producer, readers: readers, constants: constantTensors)
        for (position, node) in graph.node.enumerated() where node.opType == "Div" {
            if let (completion, pattern, nodes) = scan.layerNorm(position) { record(completion, pattern, nodes) }
        }
        for (position, node) in graph.node.enumerated() where node.opType == "Mul" && !absorbed.contains(position) {
            if let (pattern, nodes) = scan.gatedActivation(position) ?? scan.gelu(position) { record(position, pattern, nodes) }
        }
    }

    private mutating func record(_ position: Int, _ pattern: ONNXPattern, _ nodes: [Int]) {
        guard nodes.allSatisfy({ !absorbed.contains($0) && patterns[$0] == nil }) else { return }
        patterns[position] = pattern
        absorbed.formUnion(nodes)
    }

    /// Initializers, `Constant` outputs, `Shape` outputs and everything computed from them
    /// alone (a fixed point, so node order does not matter).
    private mutating func findConstants() {
        var constant = Set(graph.initializer.map(\.name))
        var changed = true
        while changed {
            changed = false
            for node in graph.node {
                guard let output = node.output.first, !constant.contains(output) else { continue }
                let inputs = node.input.filter { !$0.isEmpty }
                if node.opType == "Constant" || node.opType == "Shape" || (!inputs.isEmpty && inputs.allSatisfy(constant.contains)) {
                    constant.formUnion(node.output.filter { !$0.isEmpty })
                    changed = true
                }
            }
        }
        constantTensors = constant
    }

    /// Tensors upstream of a weighted node (Conv/ConvTranspose with a constant weight,
    /// Gemm/MatMul with a constant operand): a constant combined with one of them is part of
    /// the trained network; after the last weighted layers it is post-processing.
    private mutating func findWeightedReach(_ producer: [String: Int]) {
        var stack: [String] = []
        for node in graph.node {
            let weighted = switch node.opType {
            case "Conv", "ConvTranspose": node.input(at: 1).map(constantTensors.contains) ?? false
            case "Gemm", "MatMul": node.input.prefix(2).contains(where: constantTensors.contains)
            default: false
            }
            if weighted { stack += node.input.filter { !$0.isEmpty } }
        }
        var seen = Set<String>()
        while let tensor = stack.popLast() {
            guard seen.insert(tensor).inserted else { continue }
            if let source = producer[tensor] { stack += graph.node[source].input.filter { !$0.isEmpty } }
        }
        feedsWeightedLayer = seen
    }
}

/// Pattern matching over the node graph (pure: reads the graph, decides nothing else).
struct PatternScan {
    let graph: ONNXGraphProto
    let producer: [String: Int]
    let readers: [String: Int]
    let constants: Set<String>
    /// A node reading each tensor (the last in file order).
    let reader: [String: Int]

    init(graph: ONNXGraphProto, producer: [String: Int], readers: [String: Int], constants: Set<String>) {
        self.graph = graph
        self.producer = producer
        self.readers = readers
        self.constants = constants
        var reader: [String: Int] = [:]
        for (position, node) in graph.node.enumerated() {
            for input in node.input where !input.isEmpty { reader[input] = position }
        }
        self.reader = reader
    }

    /// The node producing `tensor` when it is of `type` and read only once.
    private func single(_ tensor: String, _ type: String) -> Int? {
        guard let position = producer[tensor], graph.node[position].opType == type, readers[tensor] == 1 else { return nil }
        return position
    }

    /// The operand of binary node `position` other than `tensor`, when it is a constant.
    private func constantOperand(_ position: Int, besides tensor: String) -> String? {
        let node = graph.node[position]
        guard node.input.count == 2, node.input.contains(tensor) else { return nil }
        let other = node.input[0] == tensor ? node.input[1] : node.input[0]
        return constants.contains(other) ? other : nil
    }

    /// The only reader of `tensor`, when it is a node of `type`.
    private func onlyReader(_ tensor: String, _ type: String) -> Int? {
        guard readers[tensor] == 1, let position = reader[tensor], graph.node[position].opType == type else { return nil }
        return position
    }

    /// `Mul(x, Sigmoid(x))` (SiLU, as PyTorch exports `nn.SiLU` before opset 22) and
    /// `Mul(x, HardSigmoid(x))` (HardSwish), the sigmoid read only by the Mul.
    func gatedActivation(_ position: Int) -> (ONNXPattern, [Int])? {
        let node = graph.node[position]
        guard node.input.count == 2 else { return nil }
        for (gate, other) in [(node.input[0], node.input[1]), (node.input[1], node.input[0])] {
            guard let source = producer[gate], readers[gate] == 1, graph.node[source].input.first == other else { continue }
            switch graph.node[source].opType {
            case "Sigmoid": return (.activation(.silu, input: other), [source])
            case "HardSigmoid": return (.activation(.hardSwish, input: other), [source])
            default: continue
            }
        }
        return nil
    }

    /// Erf GELU closing at the Mul `position`: `Mul(x, Add(Erf(Div(x, √2)), 1))` (or with
    /// `Mul(x, 1/√2)` inside, or the ½ applied to x first); the trailing ½ stays a constant Mul.
    func gelu(_ position: Int) -> (ONNXPattern, [Int])? {
        let node = graph.node[position]
        guard node.input.count == 2 else { return nil }
        for (sum, other) in [(node.input[0], node.input[1]), (node.input[1], node.input[0])] {
            guard let add = single(sum, "Add"), let erfOutput = graph.node[add].input.first(where: { !constants.contains($0) }),
                  constantOperand(add, besides: erfOutput) != nil,
                  let erf = single(erfOutput, "Erf"), let scaled = graph.node[erf].input.first else { continue }
            guard let scale = producer[scaled], readers[scaled] == 1, ["Div", "Mul"].contains(graph.node[scale].opType),
                  let x = graph.node[scale].input.first, !constants.contains(x), constantOperand(scale, besides: x) != nil else { continue }
            if other == x { return (.activation(.gelu, input: x), [add, erf, scale]) }
            if let half = single(other, "Mul"), graph.node[half].input.contains(x), constantOperand(half, besides: x) != nil {
                return (.activation(.gelu, input: x), [add, erf, scale, half])
            }
        }
        return nil
    }

    /// LayerNorm written out, found from its Div: `Div(Sub(x, ReduceMean(x)),
    /// Sqrt(Add(ReduceMean(Pow(Sub, 2)), ε)))`, then the affine `Mul(·, weight)` and
    /// `Add(·, bias)` when they follow. Returns the pattern at the last node of the chain.
    func layerNorm(_ position: Int) -> (completion: Int, pattern: ONNXPattern, nodes: [Int])? {
        let node = graph.node[position]
        guard node.opType == "Div", node.input.count == 2 else { return nil }
        let (centered, deviation) = (node.input[0], node.input[1])
        guard let sub = producer[centered], graph.node[sub].opType == "Sub", readers[centered] == 2,
              let sqrt = single(deviation, "Sqrt"), let added = graph.node[sqrt].input.first,
              let addEpsilon = single(added, "Add"),
              let varianceTensor = graph.node[addEpsilon].input.first(where: { !constants.contains($0) }),
              constantOperand(addEpsilon, besides: varianceTensor) != nil,
              let variance = single(varianceTensor, "ReduceMean"), let squared = graph.node[variance].input.first,
              let pow = single(squared, "Pow"), graph.node[pow].input.first == centered,
              graph.node[pow].input.count == 2, constants.contains(graph.node[pow].input[1]) else { return nil }
        let subNode = graph.node[sub]
        guard subNode.input.count == 2, let mean = single(subNode.input[1], "ReduceMean"),
              let x = graph.node[mean].input.first, subNode.input[0] == x, !constants.contains(x) else { return nil }
        guard graph.node[mean].ints("axes") == graph.node[variance].ints("axes"),
              graph.node[mean].input(at: 1) == graph.node[variance].input(at: 1) else { return nil }
        var nodes = [mean, sub, pow, variance, addEpsilon, sqrt]
        var last = position
        var tensor = node.output.first ?? ""
        if let scale = onlyReader(tensor, "Mul"), constantOperand(scale, besides: tensor) != nil {
            nodes.append(last)
            last = scale
            tensor = graph.node[scale].output.first ?? ""
            if let shift = onlyReader(tensor, "Add"), constantOperand(shift, besides: tensor) != nil {
                nodes.append(last)
                last = shift
            }
        }
        return (last, .layerNorm(input: x, mean: mean), nodes)
    }
}
