#!/usr/bin/env python3
"""Node-level gradient paths of an ONNX graph, computed with the `onnx` package only.

    pip install onnx
    python3 scripts/onnx-node-paths.py model.onnx [--free NODE ...] [--all-edges] [--names-only]

Prints JSON: the weighted nodes (in file order), the op-type histogram, the graph outputs, the
free (activation x activation) MatMul/Gemm nodes, and for every weighted node its shortest and
longest gradient path to any graph output. Weight payloads are never read (the committed
fixtures have them stripped), only the graph structure.

Definitions (the ones Tests/GPathFormatsTests/Fixtures/onnx/models/expected.json uses):

- A tensor is *constant* when it is an initializer, the output of a `Constant` node, or the
  output of a node all of whose (non-empty) inputs are constant -- that is, nothing on which it
  depends is a graph input that lacks an initializer. A `Transpose` of a weight or a weight
  `Mul` by a scalar (what the exporters leave unfolded) is therefore a constant.
- A node is *weighted* when it is a `Conv` or `ConvTranspose` whose input 1 (the weight) is
  constant, or a `Gemm` or `MatMul` one of whose two operands is constant. A MatMul of two
  activations (attention's Q.K^T and A.V) is free. `--free NODE` additionally treats the named
  node as free (e.g. ultralytics' DFL conv, whose fixed 16 weights are not trained).
- The graph is the ONNX node DAG: a vertex per node, an edge u -> v when v reads an output of
  u. By default only edges a gradient can travel are kept: an edge into a shape/index operand
  (Reshape's shape, Slice's bounds, Gather's indices, Expand's shape, Resize's scales/sizes,
  Split's sizes, the axes inputs, Where's condition, ...) is dropped, and outputs of Shape,
  Size, comparisons, boolean ops, ArgMax/ArgMin, NonZero and casts to non-float types carry
  no gradient. `--all-edges` keeps every edge instead (the literal data-flow DAG); the fixture
  generator records whether both give the same numbers.
- A node's path length counts the weighted nodes on it, the node itself included; free nodes
  add 0. shortest(v) / longest(v) are the minimum / maximum over all paths from v to a node
  that writes a graph output. Nodes that reach no graph output get null.
"""
import argparse
import collections
import json
import sys

import onnx
from onnx import TensorProto

# Input positions that are shapes, indices, bounds or conditions: no gradient flows into them.
NON_DIFFERENTIABLE_INPUTS = {
    "Reshape": {1}, "Expand": {1}, "Tile": {1}, "Slice": {1, 2, 3, 4}, "Gather": {1},
    "GatherElements": {1}, "GatherND": {1}, "ScatterND": {1}, "ScatterElements": {1},
    "Resize": {1, 2, 3}, "Upsample": {1}, "Split": {1}, "Pad": {1, 2, 3}, "Squeeze": {1},
    "Unsqueeze": {1}, "ReduceMean": {1}, "ReduceSum": {1}, "ReduceMax": {1}, "ReduceMin": {1},
    "ReduceProd": {1}, "ReduceL1": {1}, "ReduceL2": {1}, "ReduceSumSquare": {1},
    "ReduceLogSumExp": {1}, "TopK": {1}, "Where": {0}, "ConstantOfShape": {0},
    "Range": {0, 1, 2}, "OneHot": {0, 1, 2}, "CumSum": {1}, "Trilu": {1}, "Dropout": {1, 2},
    "CenterCropPad": {1, 2}, "GridSample": {1},
}
# Ops whose outputs carry no gradient at all.
NON_DIFFERENTIABLE_OPS = {
    "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "Equal", "Less", "LessOrEqual", "Greater",
    "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf", "NonMaxSuppression",
    "ConstantOfShape", "Range", "EyeLike", "RandomNormalLike", "RandomUniformLike", "Constant",
}
FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16}


def node_names(graph):
    """ONNX node names, or `<op_type>_<index>` for unnamed nodes (as gpath names them)."""
    return [n.name or f"{n.op_type}_{i}" for i, n in enumerate(graph.node)]


def constant_tensors(graph):
    inits = {t.name for t in graph.initializer}
    const = set(inits)
    for n in graph.node:  # ONNX requires topological order; constants need no fixpoint here
        inputs = [i for i in n.input if i]
        if n.op_type == "Constant" or (inputs and all(i in const for i in inputs)):
            const.update(o for o in n.output if o)
    return const


def weighted_flags(graph, const, free=()):
    names = node_names(graph)
    flags = []
    for name, n in zip(names, graph.node):
        if name in free:
            flags.append(False)
        elif n.op_type in ("Conv", "ConvTranspose"):
            flags.append(len(n.input) > 1 and n.input[1] in const)
        elif n.op_type in ("Gemm", "MatMul"):
            flags.append(any(i in const for i in n.input[:2]))
        else:
            flags.append(False)
    return flags


def edge_carries_gradient(node, position):
    if position in NON_DIFFERENTIABLE_INPUTS.get(node.op_type, ()):
        return False
    return True


def output_carries_gradient(node):
    if node.op_type in NON_DIFFERENTIABLE_OPS:
        return False
    if node.op_type == "Cast":
        to = next((a.i for a in node.attribute if a.name == "to"), None)
        return to in FLOAT_TYPES
    return True


def node_paths(graph, weighted, all_edges=False):
    """shortest/longest weighted-node count from every node to a graph output (None if none)."""
    producer = {}
    for i, n in enumerate(graph.node):
        for o in n.output:
            if o:
                producer[o] = i
    successors = [set() for _ in graph.node]
    for j, n in enumerate(graph.node):
        for position, t in enumerate(n.input):
            i = producer.get(t)
            if i is None:
                continue
            if not all_edges and (not output_carries_gradient(graph.node[i]) or not edge_carries_gradient(n, position)):
                continue
            successors[i].add(j)
    outputs = {o.name for o in graph.output}
    writes_output = [any(o in outputs for o in n.output) for n in graph.node]
    # Topological order (Kahn), so the recursion-free DP also works on unsorted files.
    indegree = [0] * len(graph.node)
    for s in successors:
        for j in s:
            indegree[j] += 1
    order, queue = [], collections.deque(i for i, d in enumerate(indegree) if d == 0)
    while queue:
        i = queue.popleft()
        order.append(i)
        for j in successors[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                queue.append(j)
    if len(order) != len(graph.node):
        raise SystemExit("the node graph has a cycle")
    shortest, longest = [None] * len(graph.node), [None] * len(graph.node)
    for i in reversed(order):
        w = 1 if weighted[i] else 0
        tails = [(shortest[j], longest[j]) for j in successors[i] if shortest[j] is not None]
        if writes_output[i]:
            tails.append((0, 0))
        if tails:
            shortest[i] = w + min(t[0] for t in tails)
            longest[i] = w + max(t[1] for t in tails)
    return shortest, longest


def tensor_shape(value_info):
    t = value_info.type.tensor_type
    if not t.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in t.shape.dim]


def analyse(model, free=(), all_edges=False):
    graph = model.graph
    names = node_names(graph)
    const = constant_tensors(graph)
    weighted = weighted_flags(graph, const, set(free))
    shortest, longest = node_paths(graph, weighted, all_edges)
    histogram = collections.Counter(
        (n.op_type if n.domain in ("", "ai.onnx") else f"{n.domain}.{n.op_type}") for n in graph.node)
    free_products = [name for name, n, w in zip(names, graph.node, weighted)
                     if n.op_type in ("MatMul", "Gemm") and not w]
    return {
        "opset": {(o.domain or "ai.onnx"): o.version for o in model.opset_import},
        "inputs": [{"name": i.name, "shape": tensor_shape(i)} for i in graph.input
                   if i.name not in {t.name for t in graph.initializer}],
        "outputs": [{"name": o.name, "shape": tensor_shape(o)} for o in graph.output],
        "node_count": len(graph.node),
        "op_histogram": dict(sorted(histogram.items())),
        "weighted_count": sum(weighted),
        "weighted_nodes": [name for name, w in zip(names, weighted) if w],
        "free_matmuls": free_products,
        "paths": {name: [s, l] for name, w, s, l in zip(names, weighted, shortest, longest) if w},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("--free", action="append", default=[], metavar="NODE",
                        help="treat this node as free (repeatable)")
    parser.add_argument("--all-edges", action="store_true",
                        help="keep edges into shape/index operands and out of Shape-like ops")
    parser.add_argument("--names-only", action="store_true", help="print only the weighted node names")
    args = parser.parse_args()
    model = onnx.load(args.model, load_external_data=False)
    result = analyse(model, args.free, args.all_edges)
    if args.names_only:
        print("\n".join(result["weighted_nodes"]))
    else:
        json.dump(result, sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
