#!/usr/bin/env python3
"""Writes the small ONNX fixtures gpath's tests read, with the `onnx` package's helper API.

    pip install onnx numpy
    python3 scripts/make-onnx-fixtures.py

Every network is built here by hand (no downloaded model); weights are zeros, since gpath
reads only their dims. The expected numbers (layer counts, shapes, params, gradient paths)
are derived by hand in Tests/GPathFormatsTests/ONNX*Tests.swift. Re-running the script
rewrites byte-identical files.
"""
import os
import zipfile
import io

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "GPathFormatsTests", "Fixtures", "onnx")
EXAMPLES = os.path.join(ROOT, "examples", "onnx")
FLOAT = TensorProto.FLOAT


class Net:
    """Collects nodes and initializers; helpers return the output tensor name."""

    def __init__(self):
        self.nodes, self.inits = [], []

    def weight(self, name, shape):
        self.inits.append(numpy_helper.from_array(np.zeros(shape, dtype=np.float32), name))
        return name

    def ints(self, name, values):
        self.inits.append(numpy_helper.from_array(np.array(values, dtype=np.int64), name))
        return name

    def node(self, op, inputs, name, outputs=None, **attrs):
        outputs = outputs or [name + ".out"]
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, **attrs))
        return outputs[0] if len(outputs) == 1 else outputs

    def conv(self, x, name, cin, cout, k, stride=1, bias=False, bn=False, act=None, group=1):
        inputs = [x, self.weight(name + ".weight", [cout, cin // group, k, k])]
        if bias:
            inputs.append(self.weight(name + ".bias", [cout]))
        y = self.node("Conv", inputs, name, kernel_shape=[k, k], strides=[stride, stride],
                      pads=[k // 2] * 4, group=group)
        if bn:
            params = [self.weight(f"{name}.bn.{p}", [cout]) for p in ("scale", "B", "mean", "var")]
            y = self.node("BatchNormalization", [y] + params, name + ".bn")
        if act == "relu":
            y = self.node("Relu", [y], name + ".relu")
        elif act == "silu":
            s = self.node("Sigmoid", [y], name + ".sigmoid")
            y = self.node("Mul", [y, s], name + ".silu")
        return y

    def model(self, name, inputs, outputs, opset, ir_version=None, graph_inputs_extra=()):
        graph = helper.make_graph(self.nodes, name, list(inputs) + list(graph_inputs_extra), outputs,
                                  initializer=self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                                  producer_name="gpath-fixtures")
        if ir_version is not None:
            model.ir_version = ir_version
        return model


def value(name, shape):
    return helper.make_tensor_value_info(name, FLOAT, shape)


def save(model, directory, file):
    path = os.path.join(directory, file)
    onnx.save(model, path)
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def resnet_sum():
    """ResNet-style: two residual blocks summed with `Sum` (as older exporters write residuals),
    Conv+BatchNormalization+Relu unfused, a projection shortcut, GAP, Flatten, Dropout, Gemm."""
    n = Net()
    x = n.conv("image", "stem.conv", 3, 16, 3, bn=True, act="relu")
    a = n.conv(x, "block1.conv1", 16, 16, 3, bn=True, act="relu")
    a = n.conv(a, "block1.conv2", 16, 16, 3, bn=True)
    x = n.node("Relu", [n.node("Sum", [x, a], "block1.sum")], "block1.relu")
    a = n.conv(x, "block2.conv1", 16, 32, 3, stride=2, bn=True, act="relu")
    a = n.conv(a, "block2.conv2", 32, 32, 3, bn=True)
    s = n.conv(x, "block2.down", 16, 32, 1, stride=2, bn=True)
    x = n.node("Relu", [n.node("Sum", [a, s], "block2.sum")], "block2.relu")
    x = n.node("GlobalAveragePool", [x], "head.pool")
    x = n.node("Flatten", [x], "head.flatten", axis=1)
    x = n.node("Dropout", [x], "head.dropout")
    n.node("Gemm", [x, n.weight("head.fc.weight", [10, 32]), n.weight("head.fc.bias", [10])],
           "head.fc", outputs=["logits"], transB=1)
    return n.model("resnet_sum", [value("image", ["batch", 3, 32, 32])], [value("logits", ["batch", 10])], 11)


def densenet_concat():
    """DenseNet-style: every layer reads the concat of all earlier outputs; a 1x1 transition,
    average pooling, GAP, then MatMul + bias Add (folded into one linear) and Softmax."""
    n = Net()
    features = ["input"]
    channels = 8
    for i in (1, 2, 3):
        cat = features[0] if len(features) == 1 else n.node("Concat", features, f"cat{i - 1}", axis=1)
        y = n.conv(cat, f"d{i}", channels, 4, 3, bias=True, act="relu")
        features.append(y)
        channels += 4
    x = n.node("Concat", features, "cat3", axis=1)
    x = n.conv(x, "transition", 20, 10, 1)
    x = n.node("AveragePool", [x], "pool", kernel_shape=[2, 2], strides=[2, 2])
    x = n.node("GlobalAveragePool", [x], "gap")
    x = n.node("Flatten", [x], "flatten")
    x = n.node("MatMul", [x, n.weight("fc.weight", [10, 5])], "fc")
    x = n.node("Add", [x, n.weight("fc.bias", [5])], "fc.add")
    n.node("Softmax", [x], "prob", outputs=["prob"], axis=1)
    return n.model("densenet_concat", [value("input", [1, 8, 16, 16])], [value("prob", [1, 5])], 13)


def csp(opset):
    """A C2f/CSP-style net, identical in every file; only the forms of Split and Slice differ:
    opset 9 uses attributes (Split `split`, Slice starts/ends/axes), opset 13 inputs (Split
    sizes input, Slice starts/ends/axes/steps inputs), opset 18 `num_outputs` and Slice inputs
    with negative and INT64_MAX bounds."""
    n = Net()
    x = n.conv("images", "cv0", 3, 16, 3, stride=2, act="silu")
    x = n.conv(x, "cv1", 16, 32, 1, act="silu")
    outs = ["split.a", "split.b"]
    if opset < 13:
        n.node("Split", [x], "split", outputs=outs, axis=1, split=[16, 16])
    elif opset < 18:
        n.node("Split", [x, n.ints("split.sizes", [16, 16])], "split", outputs=outs, axis=1)
    else:
        n.node("Split", [x], "split", outputs=outs, axis=1, num_outputs=2)
    m = n.conv("split.b", "m0.cv1", 16, 16, 3, act="silu")
    m = n.conv(m, "m0.cv2", 16, 16, 3, act="silu")
    m = n.node("Add", ["split.b", m], "m0.add")
    x = n.node("Concat", ["split.a", "split.b", m], "cat", axis=1)
    x = n.conv(x, "cv2", 48, 32, 1, act="silu")
    if opset < 10:
        lo = n.node("Slice", [x], "slice_lo", starts=[0], ends=[16], axes=[1])
        hi = n.node("Slice", [x], "slice_hi", starts=[16], ends=[32], axes=[1])
    elif opset < 18:
        lo = n.node("Slice", [x, n.ints("lo.starts", [0]), n.ints("lo.ends", [16]), n.ints("lo.axes", [1]),
                              n.ints("lo.steps", [1])], "slice_lo")
        hi = n.node("Slice", [x, n.ints("hi.starts", [16]), n.ints("hi.ends", [32]), n.ints("hi.axes", [1])], "slice_hi")
    else:
        lo = n.node("Slice", [x, n.ints("lo.starts", [0]), n.ints("lo.ends", [-16]), n.ints("lo.axes", [-3])], "slice_lo")
        hi = n.node("Slice", [x, n.ints("hi.starts", [-16]), n.ints("hi.ends", [2**63 - 1]), n.ints("hi.axes", [1])], "slice_hi")
    p = n.conv(hi, "p.cv", 16, 16, 3, act="silu")
    x = n.node("Concat", [lo, p], "cat2", axis=1)
    n.node("Conv", [x, n.weight("head.weight", [8, 32, 1, 1]), n.weight("head.bias", [8])], "head",
           outputs=["out"], kernel_shape=[1, 1])
    return n.model(f"csp_opset{opset}", [value("images", [1, 3, 32, 32])], [value("out", [1, 8, 16, 16])], opset)


def small_classifier(n, weights):
    """conv1 → relu → maxpool → conv2 → relu → GAP → flatten → fc, weights from `weights`."""
    x = n.node("Conv", ["input", weights("conv1.weight", [8, 3, 3, 3]), weights("conv1.bias", [8])], "conv1",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = n.node("Relu", [x], "relu1")
    x = n.node("MaxPool", [x], "pool1", kernel_shape=[2, 2], strides=[2, 2])
    x = n.node("Conv", [x, weights("conv2.weight", [8, 8, 3, 3]), weights("conv2.bias", [8])], "conv2",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = n.node("Relu", [x], "relu2")
    x = n.node("GlobalAveragePool", [x], "gap")
    return x


def ir3_inputs():
    """IR version 3 / opset 9: every initializer is also listed as a graph input."""
    n = Net()
    x = small_classifier(n, n.weight)
    x = n.node("Flatten", [x], "flatten")
    n.node("Gemm", [x, n.weight("fc.weight", [4, 8]), n.weight("fc.bias", [4])], "fc", outputs=["scores"], transB=1)
    weights_as_inputs = [value(t.name, list(t.dims)) for t in n.inits]
    return n.model("ir3_inputs", [value("input", [1, 3, 8, 8])], [value("scores", [1, 4])], 9,
                   ir_version=3, graph_inputs_extra=weights_as_inputs)


def constant_of_shape():
    """Weights as ConstantOfShape nodes fed by int64 shape initializers (as the onnx repo's
    light_* models do); the flatten is a Reshape whose target comes from a Constant node."""
    n = Net()

    def weights(name, shape):
        return n.node("ConstantOfShape", [n.ints(name + ".shape", shape)], name + ".fill", outputs=[name],
                      value=helper.make_tensor("value", FLOAT, [1], [0.0]))

    x = small_classifier(n, weights)
    target = n.node("Constant", [], "flatten.shape", outputs=["flatten.shape"],
                    value=numpy_helper.from_array(np.array([1, -1], dtype=np.int64)))
    x = n.node("Reshape", [x, target], "flatten")
    n.node("Gemm", [x, weights("fc.weight", [4, 8]), weights("fc.bias", [4])], "fc", outputs=["scores"], transB=1)
    return n.model("constant_of_shape", [value("input", [1, 3, 8, 8])], [value("scores", [1, 4])], 9, ir_version=4)


def external_data(directory):
    """Weights in an external file that is not shipped: gpath needs only their dims."""
    n = Net()
    x = n.node("Conv", ["input", n.weight("conv.weight", [4, 3, 3, 3]), n.weight("conv.bias", [4])], "conv",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = n.node("Relu", [x], "relu")
    x = n.node("GlobalAveragePool", [x], "gap")
    x = n.node("Flatten", [x], "flatten")
    n.node("Gemm", [x, n.weight("fc.weight", [2, 4]), n.weight("fc.bias", [2])], "fc", outputs=["y"], transB=1)
    model = n.model("external_data", [value("input", [1, 3, 16, 16])], [value("y", [1, 2])], 13)
    path = os.path.join(directory, "external_data.onnx")
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="external_data.weights", size_threshold=0)
    os.remove(os.path.join(directory, "external_data.weights"))
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes; its payload file is absent)")


def mobile_features():
    """Less common ops in one net: Focus-style strided Slices (one axis at a time), Pad folded
    into a Conv, a grouped conv, channel shuffle (Reshape-Transpose-Reshape), an SE block
    (ReduceMean, Relu, Sigmoid, Mul broadcast), HardSwish, Resize, ConvTranspose, Upsample."""
    n = Net()
    parts = []
    for i, (h, w) in enumerate([(0, 0), (1, 0), (0, 1), (1, 1)]):
        y = n.node("Slice", ["image", n.ints(f"s{i}.h.starts", [h]), n.ints(f"s{i}.h.ends", [2**63 - 1]),
                             n.ints(f"s{i}.h.axes", [2]), n.ints(f"s{i}.h.steps", [2])], f"focus.h{i}")
        parts.append(n.node("Slice", [y, n.ints(f"s{i}.w.starts", [w]), n.ints(f"s{i}.w.ends", [2**63 - 1]),
                                      n.ints(f"s{i}.w.axes", [3]), n.ints(f"s{i}.w.steps", [2])], f"focus.w{i}"))
    x = n.node("Concat", parts, "focus.cat", axis=1)                                     # 12x16x16
    x = n.node("Pad", [x, n.ints("pad.pads", [0, 0, 1, 1, 0, 0, 1, 1])], "pad")          # 12x18x18
    x = n.node("Conv", [x, n.weight("stem.weight", [16, 12, 3, 3])], "stem", kernel_shape=[3, 3])  # 16x16x16
    x = n.node("HardSwish", [x], "stem.act")
    x = n.conv(x, "dw", 16, 16, 3, group=4, act="relu")                                  # grouped 4
    x = n.node("Reshape", [x, n.ints("shuffle.shape1", [1, 4, 4, 16, 16])], "shuffle.reshape1")
    x = n.node("Transpose", [x], "shuffle.transpose", perm=[0, 2, 1, 3, 4])
    x = n.node("Reshape", [x, n.ints("shuffle.shape2", [1, 16, 16, 16])], "shuffle.reshape2")
    s = n.node("ReduceMean", [x], "se.pool", axes=[2, 3], keepdims=1)                    # 16x1x1
    s = n.conv(s, "se.fc1", 16, 4, 1, bias=True, act="relu")
    s = n.conv(s, "se.fc2", 4, 16, 1, bias=True)
    s = n.node("Sigmoid", [s], "se.gate")
    x = n.node("Mul", [x, s], "se.scale")
    x = n.node("Resize", [x, "", n.weight("resize.scales", [4])], "resize", mode="nearest")
    n.inits[-1].CopyFrom(numpy_helper.from_array(np.array([1, 1, 2, 2], dtype=np.float32), "resize.scales"))
    x = n.node("ConvTranspose", [x, n.weight("up.weight", [16, 8, 2, 2])], "up", kernel_shape=[2, 2], strides=[2, 2])
    n.node("Conv", [x, n.weight("head.weight", [2, 8, 1, 1])], "head", outputs=["mask"], kernel_shape=[1, 1])
    return n.model("mobile_features", [value("image", [1, 3, 32, 32])], [value("mask", [1, 2, 64, 64])], 13)


def inception_factorised():
    """Inception-style per-axis windows: a 1x7 then 7x1 pair, a 1x3 average pool beside a 1x1,
    a 3x1 convolution with stride 2x1 and a 1x2 max pool with stride 1x2."""
    n = Net()
    a = n.node("Conv", ["image", n.weight("a.1x7.weight", [8, 8, 1, 7])], "a.1x7", kernel_shape=[1, 7], pads=[0, 3, 0, 3])
    a = n.node("Conv", [a, n.weight("a.7x1.weight", [8, 8, 7, 1])], "a.7x1", kernel_shape=[7, 1], pads=[3, 0, 3, 0])
    b = n.node("AveragePool", ["image"], "b.pool", kernel_shape=[1, 3], pads=[0, 1, 0, 1])
    b = n.node("Conv", [b, n.weight("b.1x1.weight", [4, 8, 1, 1])], "b.1x1", kernel_shape=[1, 1])
    x = n.node("Concat", [a, b], "cat", axis=1)
    x = n.node("Conv", [x, n.weight("reduce.weight", [6, 12, 3, 1])], "reduce", kernel_shape=[3, 1], strides=[2, 1])
    x = n.node("MaxPool", [x], "pool", kernel_shape=[1, 2], strides=[1, 2])
    x = n.node("GlobalAveragePool", [x], "gap")
    x = n.node("Flatten", [x], "flatten", axis=1)
    n.node("Gemm", [x, n.weight("fc.weight", [3, 6]), n.weight("fc.bias", [3])], "fc", outputs=["logits"], transB=1)
    return n.model("inception_factorised", [value("image", [1, 8, 17, 17])], [value("logits", [1, 3])], 13)


def tiny_vit():
    """A two-head vision transformer block as torch.onnx.export writes one (opset 17): patch
    conv, tokens, class token through Expand, positional embedding, LayerNorm, fused q/k/v,
    per-head attention, Erf GELU MLP, class-token readout."""
    n = Net()
    c = n.weight("patch.bias", [8])
    x = n.node("Conv", ["image", n.weight("patch.weight", [8, 3, 4, 4]), c], "patch", kernel_shape=[4, 4], strides=[4, 4])
    x = n.node("Reshape", [x, n.ints("tokens.shape", [1, 8, 4])], "tokens")
    x = n.node("Transpose", [x], "tokens.t", perm=[0, 2, 1])
    shape = n.node("Constant", [], "cls.shape", value=numpy_helper.from_array(np.array([1, 1, 1], dtype=np.int64)))
    token = n.node("Expand", [n.weight("class_token", [1, 1, 8]), shape], "cls.expand")
    x = n.node("Concat", [token, x], "cat", axis=1)
    x = n.node("Add", [x, n.weight("pos_embedding", [1, 5, 8])], "pos")
    h = n.node("LayerNormalization", [x, n.weight("ln1.weight", [8]), n.weight("ln1.bias", [8])], "ln1", axis=-1)
    h = n.node("MatMul", [h, n.weight("qkv.weight", [8, 24])], "qkv")
    h = n.node("Add", [n.weight("qkv.bias", [24]), h], "qkv.add")
    h = n.node("Reshape", [h, n.ints("heads.shape", [1, 5, 3, 2, 4])], "heads")
    h = n.node("Transpose", [h], "heads.t", perm=[2, 0, 3, 1, 4])
    q, k, v = (n.node("Gather", [h, n.ints(f"pick{i}", i)], f"pick{i}", axis=0) for i in range(3))
    k = n.node("Transpose", [k], "k.t", perm=[0, 1, 3, 2])
    a = n.node("MatMul", [q, k], "scores")
    a = n.node("Softmax", [a], "softmax", axis=-1)
    a = n.node("MatMul", [a, v], "mix")
    a = n.node("Transpose", [a], "mix.t", perm=[0, 2, 1, 3])
    a = n.node("Reshape", [a, n.ints("merge.shape", [1, 5, 8])], "merge")
    a = n.node("MatMul", [a, n.weight("proj.weight", [8, 8])], "proj")
    a = n.node("Add", [a, n.weight("proj.bias", [8])], "proj.add")
    x = n.node("Add", [x, a], "residual1")
    h = n.node("LayerNormalization", [x, n.weight("ln2.weight", [8]), n.weight("ln2.bias", [8])], "ln2", axis=-1)
    h = n.node("MatMul", [h, n.weight("fc1.weight", [8, 16])], "fc1")
    h = n.node("Add", [h, n.weight("fc1.bias", [16])], "fc1.add")
    g = n.node("Div", [h, n.weight("gelu.sqrt2", [])], "gelu.div")
    g = n.node("Erf", [g], "gelu.erf")
    g = n.node("Add", [g, n.weight("gelu.one", [])], "gelu.add")
    g = n.node("Mul", [h, g], "gelu.mul")
    g = n.node("Mul", [g, n.weight("gelu.half", [])], "gelu.half")
    h = n.node("MatMul", [g, n.weight("fc2.weight", [16, 8])], "fc2")
    h = n.node("Add", [h, n.weight("fc2.bias", [8])], "fc2.add")
    x = n.node("Add", [x, h], "residual2")
    x = n.node("Gather", [x, n.ints("first", 0)], "readout", axis=1)
    n.node("Gemm", [x, n.weight("head.weight", [10, 8]), n.weight("head.bias", [10])], "head", outputs=["logits"], transB=1)
    return n.model("tiny_vit", [value("image", [1, 3, 8, 8])], [value("logits", [1, 10])], 17)


def broken():
    """Inputs that must fail with exit code 2."""
    files = {}
    n = Net()
    x = n.node("Conv", ["input", "conv.weight.missing"], "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    n.node("Relu", [x], "relu", outputs=["y"])
    files["missing_initializer.onnx"] = n.model("missing", [value("input", [1, 3, 8, 8])], [value("y", [1, 4, 8, 8])], 13)
    n = Net()
    a = n.node("Add", ["input", "b.out"], "a")
    n.node("Relu", [a], "b")
    n.node("Relu", ["b.out"], "c", outputs=["y"])
    files["cycle.onnx"] = n.model("cycle", [value("input", [1, 3, 8, 8])], [value("y", [1, 3, 8, 8])], 13)
    n = Net()
    x = n.node("Erf", ["input"], "erf")
    x = n.node("Einsum", [x, x], "einsum1", equation="ij,ij->ij")
    x = n.node("Einsum", [x, x], "einsum2", equation="ij,ij->ij")
    n.node("Gemm", [x, n.weight("fc.weight", [2, 8])], "fc", outputs=["y"], transB=1)
    files["unsupported.onnx"] = n.model("unsupported", [value("input", [1, 8])], [value("y", [1, 2])], 13)
    # A channels-last section inside an NCHW network (ConvNeXt-style: permute, per-pixel op, back).
    n = Net()
    x = n.node("Conv", ["input", n.weight("stem.weight", [8, 3, 3, 3])], "stem", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = n.node("Transpose", [x], "to_nhwc", perm=[0, 2, 3, 1])
    x = n.node("Relu", [x], "act")
    n.node("Transpose", [x], "to_nchw", outputs=["y"], perm=[0, 3, 1, 2])
    files["channels_last.onnx"] = n.model("channels_last", [value("input", [1, 3, 8, 8])], [value("y", [1, 8, 8, 8])], 13)
    # Attention-era models with what gpath still cannot read: an Einsum, and a Sqrt of a
    # feature map outside a LayerNorm (both listed in one E230); tokens from an NCHW map.
    n = Net()
    x = n.node("Reshape", ["input", n.ints("tokens.shape", [1, 8, 4])], "tokens")
    x = n.node("Transpose", [x], "tokens.t", perm=[0, 2, 1])
    x = n.node("Sqrt", [x], "sqrt")
    x = n.node("Einsum", [x, x], "einsum", equation="btc,bsc->bts")
    n.node("MatMul", [x, n.weight("fc.weight", [4, 2])], "fc", outputs=["y"])
    files["attention_unsupported.onnx"] = n.model("attention_unsupported", [value("input", [1, 8, 2, 2])], [value("y", [1, 4, 2])], 17)
    # Supported op types in forms gpath cannot represent: a LayerNorm over tokens and
    # channels, and a product contracting the positions of both operands (kᵀ·v).
    n = Net()
    x = n.node("Reshape", ["input", n.ints("tokens.shape", [1, 8, 4])], "tokens")
    t = n.node("Transpose", [x], "tokens.t", perm=[0, 2, 1])
    n.node("LayerNormalization", [t, n.weight("ln.scale", [4, 8]), n.weight("ln.bias", [4, 8])], "ln", outputs=["a"], axis=1)
    kv = n.node("MatMul", [x, t], "kv")
    n.node("MatMul", [kv, n.weight("fc.weight", [8, 2])], "fc", outputs=["b"])
    files["attention_forms.onnx"] = n.model("attention_forms", [value("input", [1, 8, 2, 2])], [value("a", [1, 4, 8]), value("b", [1, 8, 2])], 17)
    return files


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    os.makedirs(EXAMPLES, exist_ok=True)
    save(resnet_sum(), FIXTURES, "resnet_sum.onnx")
    save(densenet_concat(), FIXTURES, "densenet_concat.onnx")
    for opset in (9, 13, 18):
        save(csp(opset), FIXTURES, f"csp_opset{opset}.onnx")
    save(ir3_inputs(), FIXTURES, "ir3_inputs.onnx")
    save(constant_of_shape(), FIXTURES, "constant_of_shape.onnx")
    external_data(FIXTURES)
    save(mobile_features(), FIXTURES, "mobile_features.onnx")
    save(inception_factorised(), FIXTURES, "inception_factorised.onnx")
    save(tiny_vit(), FIXTURES, "tiny_vit.onnx")
    for name, model in broken().items():
        save(model, FIXTURES, name)
    good = resnet_sum().SerializeToString()
    raw = {
        "truncated.onnx": good[: len(good) // 2],
        # A graph field whose content starts with a key of wire type 7, which does not exist.
        "corrupt.onnx": bytes([0x08, 0x07, 0x3A, 0x05, 0x0F, 0x0F, 0x0F, 0x0F, 0x0F]),
        # Decodes as protobuf (a producer name) but is no ModelProto: no ir_version, no graph.
        "not_a_model.onnx": bytes([0x12, 0x03]) + b"abc",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("archive/data.pkl", date_time=(2020, 1, 1, 0, 0, 0))
        archive.writestr(info, b"not a model")
    raw["wrong_magic.onnx"] = buffer.getvalue()
    for name, data in raw.items():
        with open(os.path.join(FIXTURES, name), "wb") as f:
            f.write(data)
        print(f"wrote {os.path.relpath(os.path.join(FIXTURES, name), ROOT)} ({len(data)} bytes)")
    save(csp(13), EXAMPLES, "c2f.onnx")
    save(resnet_sum(), EXAMPLES, "resnet_sum.onnx")


if __name__ == "__main__":
    main()
