#!/usr/bin/env python3
"""Writes the picture fixtures of Tests/EndToEndTests/Inputs/pictures: networks of the classes
users render most — a YOLOv4 (CSPDarknet53 + SPP + PANet), a YOLOv4-CSP (CSP stages in the
neck too), a YOLOv7 (ELAN blocks, MP downsampling, SPPCSPC) as Darknet .cfg, and a YOLOv8
(C2f rows, SPPF, anchor-free Detect) as a YOLO model YAML. Written by us from the published
architectures (the layer recipes below), not copied from any file; widths follow the papers.

    python3 scripts/make-picture-fixtures.py   # rewrites the four files
"""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "EndToEndTests", "Inputs", "pictures")
ANCHORS = "12,16, 19,36, 40,28, 36,75, 76,55, 72,146, 142,110, 192,243, 459,401"


class Cfg:
    def __init__(self, size):
        self.parts = [f"[net]\nbatch=64\nsubdivisions=8\nwidth={size}\nheight={size}\nchannels=3\n"]
        self.count = 0

    def add(self, text):
        self.parts.append(text)
        self.count += 1
        return self.count - 1

    def conv(self, filters, size=1, stride=1, act="mish", bn=True):
        norm = "batch_normalize=1\n" if bn else ""
        return self.add(f"[convolutional]\n{norm}filters={filters}\nsize={size}\nstride={stride}\npad=1\nactivation={act}\n")

    def route(self, *layers):
        return self.add("[route]\nlayers=" + ",".join(str(l) for l in layers) + "\n")

    def shortcut(self, source):
        return self.add(f"[shortcut]\nfrom={source}\nactivation=linear\n")

    def maxpool(self, size, stride=1):
        return self.add(f"[maxpool]\nsize={size}\nstride={stride}\n")

    def upsample(self):
        return self.add("[upsample]\nstride=2\n")

    def yolo(self, mask):
        return self.add(f"[yolo]\nmask={mask}\nanchors={ANCHORS}\nclasses=80\nnum=9\n")

    def head(self, mask, act="leaky"):
        self.conv(255, 1, act="linear", bn=False)
        self.yolo(mask)

    def text(self):
        return "\n".join(self.parts)


def csp_stage(cfg, out, blocks, act="mish", first=False):
    """A CSPDarknet stage: a strided conv, then a split into a shortcut part and a residual
    stack, merged by a route and a 1x1 transition."""
    down = cfg.conv(out, 3, 2, act)
    half = out if first else out // 2
    part = cfg.conv(half, 1, act=act)
    cfg.route(down)
    cfg.conv(half, 1, act=act)
    for _ in range(blocks):
        start = cfg.count - 1
        cfg.conv(out // 2 if first else half, 1, act=act)
        cfg.conv(half, 3, act=act)
        cfg.shortcut(start)
    last = cfg.conv(half, 1, act=act)
    cfg.route(last, part)
    return cfg.conv(out, 1, act=act)


def csp_backbone(cfg, act="mish"):
    cfg.conv(32, 3, act=act)
    outs = [csp_stage(cfg, 64, 1, act, first=True)]
    for out, blocks in [(128, 2), (256, 8), (512, 8), (1024, 4)]:
        outs.append(csp_stage(cfg, out, blocks, act))
    return outs


def spp(cfg, act):
    cfg.conv(512, 1, act=act); cfg.conv(1024, 3, act=act); x = cfg.conv(512, 1, act=act)
    pools = [cfg.maxpool(5)]
    cfg.route(x); pools.append(cfg.maxpool(9))
    cfg.route(x); pools.append(cfg.maxpool(13))
    cfg.route(pools[2], pools[1], pools[0], x)


def yolov4():
    cfg = Cfg(608)
    outs = csp_backbone(cfg)
    spp(cfg, "leaky")
    cfg.conv(512, 1, act="leaky"); cfg.conv(1024, 3, act="leaky"); p5 = cfg.conv(512, 1, act="leaky")
    levels = [p5]
    for width, lateral in [(256, outs[3]), (128, outs[2])]:
        cfg.conv(width, 1, act="leaky"); up = cfg.upsample()
        cfg.route(lateral); side = cfg.conv(width, 1, act="leaky"); cfg.route(side, up)
        for _ in range(2):
            cfg.conv(width, 1, act="leaky"); cfg.conv(width * 2, 3, act="leaky")
        levels.append(cfg.conv(width, 1, act="leaky"))
    small = levels[2]
    cfg.conv(256, 3, act="leaky"); cfg.head("0,1,2")
    previous = small
    for width, mask, lateral in [(256, "3,4,5", levels[1]), (512, "6,7,8", levels[0])]:
        cfg.route(previous); down = cfg.conv(width, 3, 2, "leaky"); cfg.route(down, lateral)
        for _ in range(2):
            cfg.conv(width, 1, act="leaky"); cfg.conv(width * 2, 3, act="leaky")
        previous = cfg.conv(width, 1, act="leaky")
        cfg.conv(width * 2, 3, act="leaky"); cfg.head(mask)
    return cfg.text()


def csp_neck_block(cfg, width, merged):
    """YOLOv4-CSP's neck block: a 1x1 split, a stack of 1x1/3x3 pairs on one half, merged."""
    x = cfg.conv(width, 1)
    part = cfg.conv(width, 1)
    cfg.route(x)
    for _ in range(2):
        cfg.conv(width, 1); cfg.conv(width, 3)
    last = cfg.conv(width, 1)
    cfg.route(last, part)
    return cfg.conv(width, 1)


def yolov4_csp():
    cfg = Cfg(512)
    outs = csp_backbone(cfg)
    x = cfg.conv(512, 1); part = cfg.conv(512, 1); cfg.route(x); cfg.conv(512, 3); s = cfg.conv(512, 1)
    pools = [cfg.maxpool(5)]; cfg.route(s); pools.append(cfg.maxpool(9)); cfg.route(s); pools.append(cfg.maxpool(13))
    cfg.route(pools[2], pools[1], pools[0], s); cfg.conv(512, 1); last = cfg.conv(512, 3)
    cfg.route(last, part); p5 = cfg.conv(512, 1)
    levels = [p5]
    for width, lateral in [(256, outs[3]), (128, outs[2])]:
        cfg.conv(width, 1); up = cfg.upsample(); cfg.route(lateral); side = cfg.conv(width, 1); cfg.route(side, up)
        levels.append(csp_neck_block(cfg, width, up))
    cfg.conv(256, 3); cfg.head("0,1,2", act="mish")
    previous = levels[2]
    for width, mask, lateral in [(256, "3,4,5", levels[1]), (512, "6,7,8", levels[0])]:
        cfg.route(previous); down = cfg.conv(width, 3, 2); cfg.route(down, lateral)
        previous = csp_neck_block(cfg, width, down)
        cfg.conv(width * 2, 3); cfg.head(mask, act="mish")
    return cfg.text()


def elan(cfg, width, out, act="silu", head=False):
    """ELAN: two 1x1 branches, a stack of 3x3 convs on the second; every other stack output
    (all of them in the head's ELAN-H) concatenated with both branches, then a 1x1."""
    a = cfg.conv(width, 1, act=act)
    cfg.route(a - 1)
    b = cfg.conv(width, 1, act=act)
    outputs = [b]
    for index in range(4):
        outputs.append(cfg.conv(width // 2 if head else width, 3, act=act))
    keep = outputs if head else [outputs[0], outputs[2], outputs[4]]
    cfg.route(*(sorted(keep, reverse=True) + [a]))
    return cfg.conv(out, 1, act=act)


def mp(cfg, width, act="silu"):
    """YOLOv7's MP downsampling: max-pool + 1x1 beside 1x1 + strided 3x3, concatenated."""
    x = cfg.count - 1
    cfg.maxpool(2, 2); left = cfg.conv(width, 1, act=act)
    cfg.route(x); cfg.conv(width, 1, act=act); right = cfg.conv(width, 3, 2, act)
    return cfg.route(right, left)


def yolov7():
    cfg = Cfg(640)
    cfg.conv(32, 3, act="silu"); cfg.conv(64, 3, 2, "silu"); cfg.conv(64, 3, act="silu"); cfg.conv(128, 3, 2, "silu")
    c3 = elan(cfg, 64, 256)
    mp(cfg, 128); c4 = elan(cfg, 128, 512)
    mp(cfg, 256); c5 = elan(cfg, 256, 1024)
    mp(cfg, 512); elan(cfg, 256, 1024)
    # SPPCSPC
    x = cfg.count - 1
    part = cfg.conv(512, 1, act="silu"); cfg.route(x); cfg.conv(512, 1, act="silu"); cfg.conv(512, 3, act="silu"); s = cfg.conv(512, 1, act="silu")
    pools = [cfg.maxpool(5)]; cfg.route(s); pools.append(cfg.maxpool(9)); cfg.route(s); pools.append(cfg.maxpool(13))
    cfg.route(pools[2], pools[1], pools[0], s); cfg.conv(512, 1, act="silu"); last = cfg.conv(512, 3, act="silu")
    cfg.route(last, part); p5 = cfg.conv(512, 1, act="silu")
    levels = [p5]
    for width, lateral in [(256, c5), (128, c4)]:
        cfg.conv(width, 1, act="silu"); up = cfg.upsample(); cfg.route(lateral); side = cfg.conv(width, 1, act="silu"); cfg.route(side, up)
        levels.append(elan(cfg, width, width, head=True))
    previous = levels[2]
    outs = [previous]
    for width, lateral in [(128, levels[1]), (256, levels[0])]:
        cfg.route(previous); mp(cfg, width); cfg.route(cfg.count - 1, lateral)
        previous = elan(cfg, width * 2, width * 2, head=True)
        outs.append(previous)
    for level, (out, mask) in enumerate(zip(outs, ["0,1,2", "3,4,5", "6,7,8"])):
        cfg.route(out); cfg.conv(256 * 2 ** level, 3, act="silu"); cfg.head(mask)
    return cfg.text()


YOLOV8 = """# A YOLOv8-class detector written for gpath's picture tests (scripts/make-picture-fixtures.py):
# C2f rows with residual bottlenecks in the backbone, SPPF, a PAN neck of C2f rows without
# shortcuts, and the anchor-free Detect head on three levels. Scale n.
nc: 80
scales:
  n: [0.33, 0.25, 1024]
backbone:
  - [-1, 1, Conv, [64, 3, 2]]     # 0 P1/2
  - [-1, 1, Conv, [128, 3, 2]]    # 1 P2/4
  - [-1, 3, C2f, [128, True]]
  - [-1, 1, Conv, [256, 3, 2]]    # 3 P3/8
  - [-1, 6, C2f, [256, True]]
  - [-1, 1, Conv, [512, 3, 2]]    # 5 P4/16
  - [-1, 6, C2f, [512, True]]
  - [-1, 1, Conv, [1024, 3, 2]]   # 7 P5/32
  - [-1, 3, C2f, [1024, True]]
  - [-1, 1, SPPF, [1024, 5]]      # 9
head:
  - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
  - [[-1, 6], 1, Concat, [1]]
  - [-1, 3, C2f, [512]]           # 12
  - [-1, 1, nn.Upsample, [None, 2, "nearest"]]
  - [[-1, 4], 1, Concat, [1]]
  - [-1, 3, C2f, [256]]           # 15 P3/8 out
  - [-1, 1, Conv, [256, 3, 2]]
  - [[-1, 12], 1, Concat, [1]]
  - [-1, 3, C2f, [512]]           # 18 P4/16 out
  - [-1, 1, Conv, [512, 3, 2]]
  - [[-1, 9], 1, Concat, [1]]
  - [-1, 3, C2f, [1024]]          # 21 P5/32 out
  - [[15, 18, 21], 1, Detect, [nc]]
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "yolov4_class.cfg": "# A YOLOv4-class detector (CSPDarknet53, SPP, PANet) written by scripts/make-picture-fixtures.py\n" + yolov4(),
        "yolov4_csp_class.cfg": "# A YOLOv4-CSP-class detector (CSP stages in the neck) written by scripts/make-picture-fixtures.py\n" + yolov4_csp(),
        "yolov7_class.cfg": "# A YOLOv7-class detector (ELAN, MP, SPPCSPC) written by scripts/make-picture-fixtures.py\n" + yolov7(),
        "yolov8_class.yaml": YOLOV8,
    }
    for name, text in files.items():
        with open(os.path.join(OUT, name), "w") as handle:
            handle.write(text)
        print(name, text.count("\n"), "lines")


if __name__ == "__main__":
    main()
