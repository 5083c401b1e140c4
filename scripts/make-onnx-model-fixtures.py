#!/usr/bin/env python3
"""Writes graph-only ONNX exports of today's models for gpath's importer tests (not run in CI).

    python3 -m venv venv && venv/bin/pip install torch torchvision ultralytics onnx onnxscript \
        onnxslim onnxruntime          # CPU is enough; no network access beyond PyPI is needed
    venv/bin/python scripts/make-onnx-model-fixtures.py

Exports, with random initialisation (no pretrained weights are downloaded, none are committed):

- yolov8n and yolo11n through ultralytics' own exporter with its defaults
  (`YOLO('<name>.yaml').export(format='onnx')`: imgsz 640, batch 1, static shapes, simplify
  with onnxslim, the opset ultralytics picks for the installed torch);
- torchvision classifiers (`weights=None`, eval mode, batch 1, the model's default input size)
  with `torch.onnx.export(..., opset_version=17, dynamo=False)`, LayerNorm fused into
  `LayerNormalization`; and vit_b_16 once more at opset 15, where the same exporter writes
  LayerNorm decomposed (ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add).

Before export every trainable tensor gets seeded noise and every BatchNorm random statistics, so
that no two weights are equal, as in a trained model (with fresh init the exporters merge equal
tensors: torch's legacy exporter turns duplicates into Identity nodes, onnxslim shares the
all-zero fused conv biases between convs). Graph structure is unaffected.

Then every float tensor with more than 64 elements (initializers and Constant-node values) is
cut down to its dims (no raw_data / float_data); everything else, including all integer
tensors (reshape targets, split sizes, slice bounds), is kept. ultralytics' metadata_props
(which carry a timestamp) are dropped, so re-running rewrites identical bytes. Output:
Tests/GPathFormatsTests/Fixtures/onnx/models/<name>.onnx and expected.json (framework
parameter counts plus scripts/onnx-node-paths.py's analysis of each written file).
"""
import contextlib
import importlib.util
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GPathFormatsTests", "Fixtures", "onnx", "models")
TMP = tempfile.mkdtemp(prefix="gpath-onnx-models-")
os.environ.setdefault("YOLO_CONFIG_DIR", os.path.join(TMP, "ultralytics-config"))
os.environ.setdefault("YOLO_VERBOSE", "False")
os.environ.setdefault("YOLO_OFFLINE", "True")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402
from onnx import TensorProto  # noqa: E402

spec = importlib.util.spec_from_file_location("onnx_node_paths", os.path.join(ROOT, "scripts", "onnx-node-paths.py"))
node_paths = importlib.util.module_from_spec(spec)
spec.loader.exec_module(node_paths)

SEED = 0
MAX_FLOAT_ELEMENTS = 64
FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16}

# name -> (torchvision builder, input size, opset, note)
TORCHVISION = {
    "vit_b_16": (torchvision.models.vit_b_16, 224, 17, "LayerNorm fused (LayerNormalization)"),
    "vit_b_16_ln_decomposed": (torchvision.models.vit_b_16, 224, 15,
                               "the same model at opset 15: the exporter decomposes LayerNorm "
                               "(LayerNormalization exists only from opset 17)"),
    "swin_t": (torchvision.models.swin_t, 224, 17, ""),
    "convnext_tiny": (torchvision.models.convnext_tiny, 224, 17, ""),
    "efficientnet_b0": (torchvision.models.efficientnet_b0, 224, 17, ""),
    "inception_v3": (torchvision.models.inception_v3, 299, 17,
                     "weights=None keeps torchvision's default aux_logits=True; the AuxLogits "
                     "head runs only in training mode, so the eval-mode export has no aux output"),
    "mobilenet_v3_small": (torchvision.models.mobilenet_v3_small, 224, 17, ""),
    "resnet50": (torchvision.models.resnet50, 224, 17, ""),
}
ULTRALYTICS = ("yolov8n", "yolo11n")


def seed_everything():
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)


@torch.no_grad()
def perturb(model):
    """Seeded noise on every trainable tensor, random BatchNorm statistics (see the header)."""
    g = torch.Generator().manual_seed(SEED + 1)
    for module in model.modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            if module.weight is not None:
                module.weight.copy_(torch.rand(module.weight.shape, generator=g) + 0.5)
                module.bias.copy_(torch.randn(module.bias.shape, generator=g) * 0.1)
            module.running_mean.copy_(torch.randn(module.running_mean.shape, generator=g) * 0.1)
            module.running_var.copy_(torch.rand(module.running_var.shape, generator=g) + 0.5)
    for _, p in model.named_parameters():
        if p.requires_grad:
            p.add_(torch.randn(p.shape, generator=g) * 0.01)


def param_counts(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    fixed = {name: p.numel() for name, p in model.named_parameters() if not p.requires_grad}
    return trainable, fixed


def fused_param_count(model):
    """Parameters of the eval-mode network the export writes: every Conv+BatchNorm pair fused
    into one Conv with a bias (torch.fx's fuse, whose trace keeps only the modules the eval
    forward calls: inception_v3's aux head is gone; ultralytics' own fuse() for its models),
    fixed weights included, as ultralytics' "summary (fused)" counts them."""
    import copy
    model = copy.deepcopy(model).eval()
    if hasattr(model, "fuse") and "ultralytics" in type(model).__module__:
        with contextlib.redirect_stdout(io.StringIO()):
            fused = model.fuse(verbose=False)
    else:
        from torch.fx.experimental.optimization import fuse
        fused = fuse(model)
    return sum(p.numel() for p in fused.parameters())


def strip(model):
    """Float tensors over MAX_FLOAT_ELEMENTS elements keep only their dims."""
    def cut(t):
        if t.data_type in FLOAT_TYPES and int(np.prod(t.dims, dtype=np.int64)) > MAX_FLOAT_ELEMENTS:
            for field in ("raw_data", "float_data", "double_data", "int32_data"):
                t.ClearField(field)
            return 1
        return 0

    stripped = sum(cut(t) for t in model.graph.initializer)
    for n in model.graph.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR:
                stripped += cut(a.t)
    del model.metadata_props[:]
    model.doc_string = (f"gpath fixture: graph only; float tensors over {MAX_FLOAT_ELEMENTS} "
                        "elements keep their dims, not their values")
    return stripped


def float_initializer_elements(model):
    return sum(int(np.prod(t.dims, dtype=np.int64)) for t in model.graph.initializer if t.data_type in FLOAT_TYPES)


def export_ultralytics(name):
    from ultralytics import YOLO

    seed_everything()
    yolo = YOLO(f"{name}.yaml")
    trainable, fixed = param_counts(yolo.model)
    perturb(yolo.model)
    cwd = os.getcwd()
    os.chdir(TMP)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            path = yolo.export(format="onnx")  # the defaults: imgsz 640, simplify, opset auto
    finally:
        os.chdir(cwd)
    path = os.path.join(TMP, path)
    framework = {
        "package": "ultralytics",
        "build": f"YOLO('{name}.yaml') (random init), .export(format='onnx') with default settings",
        "trainable_params": trainable,
        "fixed_params": fixed,
        "fused_params": fused_param_count(yolo.model),
        "note": "trainable = sum of numel of requires_grad parameters of the unfused model "
                "(Conv and BatchNorm separate); the DFL conv's 16 weights (arange 0..15) are "
                "fixed and not counted. The export fuses BatchNorm into the convs.",
    }
    return path, framework


def export_torchvision(name):
    builder, size, opset, note = TORCHVISION[name]
    seed_everything()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = builder(weights=None).eval()
    trainable, fixed = param_counts(model)
    framework = {
        "package": "torchvision",
        "build": f"torchvision.models.{builder.__name__}(weights=None).eval(); "
                 f"torch.onnx.export(model, x[1,3,{size},{size}], opset_version={opset}, dynamo=False, "
                 "input_names=['input'], output_names=['logits'])",
        "trainable_params": trainable,
        "fixed_params": fixed,
        "fused_params": fused_param_count(model),
    }
    if name == "inception_v3":
        aux = sum(p.numel() for p in model.AuxLogits.parameters())
        framework["aux_logits"] = model.aux_logits
        framework["aux_logits_params"] = aux
        framework["trainable_params_without_aux"] = trainable - aux
    if note:
        framework["note"] = note
    perturb(model)
    path = os.path.join(TMP, f"{name}.onnx")
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        torch.onnx.export(model, torch.randn(1, 3, size, size), path, opset_version=opset, dynamo=False,
                          input_names=["input"], output_names=["logits"])
    return path, framework


def main():
    os.makedirs(OUT, exist_ok=True)
    import ultralytics
    import onnxscript
    import onnxslim

    expected = {
        "generator": "scripts/make-onnx-model-fixtures.py (paths: scripts/onnx-node-paths.py)",
        "versions": {
            "python": sys.version.split()[0], "torch": torch.__version__, "torchvision": torchvision.__version__,
            "ultralytics": ultralytics.__version__, "onnx": onnx.__version__,
            "onnxscript": onnxscript.__version__, "onnxslim": onnxslim.__version__,
        },
        "definitions": {
            "weighted": "Conv/ConvTranspose whose weight input is constant, Gemm/MatMul with a "
                        "constant operand; constant = initializer, Constant output, or a node output "
                        "computed only from constants (no graph input upstream)",
            "paths": "per weighted node [shortest, longest]: weighted nodes on the shortest/longest "
                     "path from the node (inclusive) to any node writing a graph output, over the "
                     "ONNX node DAG; free nodes add 0; edges into shape/index operands and out of "
                     "Shape-like ops are not gradient edges (see scripts/onnx-node-paths.py)",
            "paths_equal_with_all_edges": "the same computation over every data-flow edge gives "
                                          "identical numbers",
            "stripped": f"float tensors over {MAX_FLOAT_ELEMENTS} elements keep dims only",
        },
        "models": {},
    }
    jobs = [(n, export_ultralytics) for n in ULTRALYTICS] + [(n, export_torchvision) for n in TORCHVISION]
    total = 0
    for name, export in jobs:
        path, framework = export(name)
        model = onnx.load(path)
        stripped = strip(model)
        file = os.path.join(OUT, f"{name}.onnx")
        onnx.save(model, file)
        size = os.path.getsize(file)
        total += size
        model = onnx.load(file)
        result = node_paths.analyse(model)
        all_edges = node_paths.analyse(model, all_edges=True)
        entry = {
            "file": f"{name}.onnx",
            "bytes": size,
            "producer": f"{model.producer_name} {model.producer_version}",
            "framework": framework,
            "float_initializer_elements": float_initializer_elements(model),
            "stripped_tensors": stripped,
        }
        entry.update(result)
        entry["paths_equal_with_all_edges"] = all_edges["paths"] == result["paths"]
        if framework["fixed_params"] and framework["package"] == "ultralytics":
            dfl = [n for n in result["weighted_nodes"] if n.endswith("/dfl/conv/Conv")]
            entry["dfl_conv"] = dfl
            entry["paths_with_dfl_free"] = node_paths.analyse(model, free=dfl)["paths"]
        expected["models"][name] = entry
        print(f"wrote {os.path.relpath(file, ROOT)} ({size} bytes, opset {result['opset']}, "
              f"{result['weighted_count']} weighted nodes, {stripped} tensors stripped)")
    text = json.dumps(expected, indent=1)
    # one line per [shortest, longest] pair and per shape; lists of node names stay one per line

    def collapse(m):
        items = [i.strip() for i in m.group(1).split(",")]
        return "[" + ", ".join(items) + "]" if all("/" not in i and len(i) < 40 for i in items) else m.group(0)

    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", collapse, text)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        f.write(text + "\n")
    print(f"wrote {os.path.relpath(os.path.join(OUT, 'expected.json'), ROOT)}; models total {total} bytes")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
