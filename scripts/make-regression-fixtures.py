#!/usr/bin/env python3
"""Writes the ONNX regression fixtures of issue #16 (inputs that crashed or hung gpath).

    pip install onnx numpy
    python3 scripts/make-regression-fixtures.py

Each model is a tiny hand-built graph with one hostile number in it; weights carry dims only.
The text fixtures beside them (.net, .cfg, .yaml, .yml) are written by hand.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto as T, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GPathFormatsTests", "Fixtures", "regressions")


def weight(name, shape):
    tensor = T()
    tensor.name, tensor.data_type = name, T.FLOAT
    tensor.dims.extend(shape)
    tensor.raw_data = b""
    return tensor


def save(name, nodes, inits, dims=(1, 3, 8, 8), outputs=("y",)):
    graph = helper.make_graph(
        nodes, name, [helper.make_tensor_value_info("x", T.FLOAT, list(dims))],
        [helper.make_tensor_value_info(o, T.FLOAT, None) for o in outputs], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="gpath-regressions")
    onnx.save(model, os.path.join(OUT, name + ".onnx"))


def conv(name, dims=(1, 3, 8, 8), wshape=(8, 3, 3, 3), **attrs):
    a = dict(kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    a.update(attrs)
    save(name, [helper.make_node("Conv", ["x", "w"], ["y"], name="conv", **a)], [weight("w", wshape)], dims)


big = 2**63 - 1
conv("onnx_input_dims_2e63", dims=(1, 3, big, big))
conv("onnx_pads_2e63", pads=[big] * 4)
conv("onnx_dilations_2e62", dilations=[2**62, 2**62])
conv("onnx_dilations_2e40", dilations=[2**40, 1], pads=[2**41, 1, 2**41, 1])
conv("onnx_negative_weight_dim", wshape=(-8, 3, 3, 3))
save("onnx_resize_scale_1e30",
     [helper.make_node("Resize", ["x", "", "s"], ["r"], name="resize", mode="nearest"),
      helper.make_node("Conv", ["r", "w"], ["y"], name="conv", kernel_shape=[1, 1])],
     [numpy_helper.from_array(np.array([1, 1, 1e30, 1e30], dtype=np.float32), "s"), weight("w", [8, 3, 1, 1])])
save("onnx_split_2e62",
     [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
      helper.make_node("Split", ["c", "sizes"], ["a", "b"], name="split", axis=1),
      helper.make_node("Conv", ["a", "w2"], ["y"], name="conv2", kernel_shape=[1, 1])],
     [numpy_helper.from_array(np.array([2**62, 2**62], dtype=np.int64), "sizes"), weight("w", [8, 3, 1, 1]),
      weight("w2", [8, 4, 1, 1])], outputs=("y", "b"))
# "Did you mean" over a 100,000-character dangling name, among 300 node outputs.
nodes, previous = [], "x"
for i in range(300):
    nodes.append(helper.make_node("Relu", [previous], [f"r{i}"], name=f"relu{i}"))
    previous = f"r{i}"
nodes.append(helper.make_node("Relu", ["n" * 100_000], ["y"], name="dangling"))
save("onnx_long_dangling_name", nodes, [])
