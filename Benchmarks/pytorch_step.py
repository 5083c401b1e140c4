#!/usr/bin/env python3
"""PyTorch's time per training step for the three networks that gpath-runtime-bench times.

ResNet-20, Plain-20 and DenseNet-BC-40 as examples/*.net write them: convs without bias and
with 'same' padding (p = (k-1)/2), each followed by batch norm (affine, eps 1e-5) and, where the
.net says so, ReLU; 1x1 projection shortcuts (option B); DenseNet layers ordered conv-bn-relu
as the .net folds them; global average pool and a 10-way linear layer with bias. A step is
forward + softmax cross-entropy (batch mean) + backward + SGD (lr 0.01, momentum 0.9, weight
decay 5e-4 on conv/linear weights only, as gpath's SGD does) on one fixed batch of random
3x32x32 inputs and integer labels; 2 warm-up steps, then the median and minimum of --steps.

    python Benchmarks/pytorch_step.py [--threads 2] [--steps 10] [--batch 32]
    python Benchmarks/pytorch_step.py --memory resnet20 ...   # that network only, + peak RSS

Prints one line per network: name, parameters, median ms/step, min ms/step, peak RSS in MB.
Peak RSS (ru_maxrss, which includes PyTorch itself) is per network only with --memory NAME,
which runs that network alone in this process; without it the column reads '-'.
"""
import argparse
import os
import resource
import statistics
import sys
import time

NETWORKS = ("resnet20", "plain20", "densenet_bc40")

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--steps", type=int, default=10)
parser.add_argument("--batch", type=int, default=32)
parser.add_argument("--memory", choices=NETWORKS, help="run only this network and report its peak RSS")
args = parser.parse_args()

# The OpenMP and MKL pools size themselves when torch loads: fix them before the import.
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["MKL_NUM_THREADS"] = str(args.threads)
import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)


def conv(cin, cout, k=3, s=1, relu=True):
    """The .net's `conv(cout, k, s) bn [relu]`: no bias, padding (k-1)/2."""
    layers = [nn.Conv2d(cin, cout, k, stride=s, padding=(k - 1) // 2, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


def head(channels):
    """`gap` then `fc = linear(10)` (cross-entropy is applied in the training step)."""
    return [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10)]


class Basic(nn.Module):
    """resnet20.net's `basic(c, s)`: two 3x3 convs, 1x1 projection when the shape changes."""

    def __init__(self, cin, c, s=1):
        super().__init__()
        self.main = nn.Sequential(conv(cin, c, 3, s), conv(c, c, 3, relu=False))
        self.shortcut = conv(cin, c, 1, s, relu=False) if s != 1 or cin != c else nn.Identity()

    def forward(self, x):
        return F.relu(self.main(x) + self.shortcut(x), inplace=True)


def resnet20():
    layers, cin = [conv(3, 16)], 16
    for c, s in ((16, 1), (32, 2), (64, 2)):  # stage(c, s): basic(c, s) + repeat 2 basic(c)
        layers += [Basic(cin, c, s), Basic(c, c), Basic(c, c)]
        cin = c
    return nn.Sequential(*layers, *head(64))


def plain20():
    layers, cin = [conv(3, 16)], 16
    for c, s in ((16, 1), (32, 2), (64, 2)):  # stage(c, s): six 3x3 convs, the first strided
        layers += [conv(cin, c, 3, s)] + [conv(c, c) for _ in range(5)]
        cin = c
    return nn.Sequential(*layers, *head(64))


class Dense(nn.Module):
    """densenet_bc40.net's `dense(layers, growth)`: layer i reads the block input and every
    earlier f[j] (1x1 conv to 4*growth, then 3x3 conv to growth); the block returns them all."""

    def __init__(self, cin, layers, growth):
        super().__init__()
        self.layers = nn.ModuleList(
            nn.Sequential(conv(cin + i * growth, 4 * growth, 1), conv(4 * growth, growth, 3)) for i in range(layers))

    def forward(self, x):
        features = [x]
        for layer in self.layers:
            features.append(layer(torch.cat(features, 1)))
        return torch.cat(features, 1)


def densenet_bc40(growth=12, layers=6):
    modules, c = [conv(3, 2 * growth)], 2 * growth
    for block in range(3):
        modules.append(Dense(c, layers, growth))
        c += layers * growth
        if block < 2:  # transition: 1x1 conv to half the channels, then 2x2 average pool
            modules += [conv(c, c // 2, 1), nn.AvgPool2d(2)]
            c //= 2
    return nn.Sequential(*modules, *head(c))


def run(name):
    torch.manual_seed(1)
    model = {"resnet20": resnet20, "plain20": plain20, "densenet_bc40": densenet_bc40}[name]().train()
    params = sum(p.numel() for p in model.parameters())
    # gpath decays conv and linear weights only, not biases or batch-norm scale/shift.
    weights = [p for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) for p in [m.weight]]
    others = [p for p in model.parameters() if all(p is not w for w in weights)]
    optimizer = torch.optim.SGD([{"params": weights, "weight_decay": 5e-4}, {"params": others, "weight_decay": 0}],
                                lr=0.01, momentum=0.9)
    images = torch.randn(args.batch, 3, 32, 32)
    labels = torch.randint(0, 10, (args.batch,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(images), labels).backward()
        optimizer.step()

    for _ in range(2):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    rss = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}" if args.memory else "-"
    print(f"{name:<13}  {params:7d}  {statistics.median(times) * 1000:14.1f}  {min(times) * 1000:11.1f}  {rss:>7}",
          flush=True)


print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), batch {args.batch}, {args.steps} steps",
      file=sys.stderr)
print("network        params  median ms/step  min ms/step  peak MB")
for name in [args.memory] if args.memory else NETWORKS:
    run(name)
