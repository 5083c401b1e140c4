#!/usr/bin/env python3
"""Regenerates docs/experiments.md end to end with the built gpath binary.

    experiments/run.sh                 # release build, then everything (about 45 minutes on 2 cores)
    experiments/run.py --smoke --out /tmp/x.md --images /tmp/img --gpath .build/debug/gpath

Static tables come from `gpath compare --format markdown`, pictures from `gpath compare --plot`,
`gpath render` and `gpath train --plot`, training results from `gpath train --format json` over
several seeds. Nothing in the page is typed by hand. Python 3 standard library only.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import page  # noqa: E402
import plan as experiment_plan  # noqa: E402
import report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gpath", default=os.path.join(ROOT, ".build/release/gpath"), help="the gpath binary")
    parser.add_argument("--out", default="docs/experiments.md", help="the page to write")
    parser.add_argument("--images", default="docs/images/experiments", help="folder for the pictures")
    parser.add_argument("--smoke", action="store_true", help="tiny networks, 2 steps: checks the pipeline in seconds")
    parser.add_argument("--only", action="append", default=[], help="train only this experiment (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="training runs at once (each --threads 1)")
    parser.add_argument("--cache", default=os.path.join(ROOT, ".build/experiments"),
                        help="where each run's JSON is kept")
    parser.add_argument("--resume", action="store_true", help="reuse finished runs from --cache (same arguments)")
    return parser.parse_args()


def gpath(binary, arguments):
    """Runs gpath from the repository root; returns stdout, raises with stderr on failure."""
    done = subprocess.run([binary] + arguments, cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1"))
    if done.returncode != 0:
        raise RuntimeError(f"gpath {' '.join(arguments)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def relative_image(out, images, name):
    return os.path.relpath(os.path.join(ROOT, images, name), os.path.dirname(os.path.join(ROOT, out)))


class Trainer:
    """Runs `gpath train` for (design, seed) pairs, `jobs` at a time, caching each JSON."""

    def __init__(self, args, training):
        self.args, self.training = args, training
        self.reused = 0
        os.makedirs(args.cache, exist_ok=True)

    def command(self, design, seed, steps, plot=None):
        arguments = ["train"] + design.train_arguments() + self.training.arguments(seed, steps)
        arguments += ["--format", "json", "-q"]
        if plot:
            arguments += ["--plot", plot]
        return arguments

    def run_one(self, design, seed, steps, plot):
        arguments = self.command(design, seed, steps)
        key = hashlib.sha1(json.dumps(arguments).encode()).hexdigest()[:16]
        path = os.path.join(self.args.cache, f"{key}.json")
        if self.args.resume and os.path.exists(path):
            with open(path) as f:
                cached = json.load(f)
            # A picture is reused only if this very run drew it at this path.
            if not plot or (cached.get("plot") == os.path.abspath(plot) and os.path.exists(plot)):
                self.reused += 1
                return cached["result"], cached["seconds"]
        start = time.monotonic()
        done = subprocess.run([self.args.gpath] + self.command(design, seed, steps, plot), cwd=ROOT,
                              capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
        seconds = time.monotonic() - start
        if done.returncode not in (0, 1) or not done.stdout.strip():
            raise RuntimeError(f"gpath {' '.join(arguments)} exited {done.returncode}:\n{done.stderr}")
        result = json.loads(done.stdout)
        with open(path, "w") as f:
            json.dump({"arguments": arguments, "seconds": seconds, "result": result,
                       "plot": os.path.abspath(plot) if plot else None}, f)
        print(f"  {design.spec} seed {seed}: accuracy {report.final_accuracy(result):.3f}, "
              f"{seconds:.0f} s", file=sys.stderr, flush=True)
        return result, seconds

    def run(self, jobs):
        """`jobs` is [(experiment, design, seed, plot path or None)] →
        {(experiment key, design key): [(result, seconds)]}; a design trained with the same
        settings for two experiments runs once."""
        results, submitted = {}, {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.args.jobs) as pool:
            for experiment, design, seed, plot in jobs:
                key = (design.key, experiment.steps or self.training.steps, seed)
                if key not in submitted:
                    submitted[key] = pool.submit(self.run_one, design, seed, experiment.steps, plot)
                results.setdefault((experiment.key, design.key), []).append(submitted[key])
            results = {k: [f.result() for f in futures] for k, futures in results.items()}
        return results


def pictures(args, experiments, statics, out_lines):
    """The pictures made by gpath itself; returns their Markdown."""
    images = os.path.join(ROOT, args.images)
    os.makedirs(images, exist_ok=True)
    vovnet = next(s for s in statics if s.key == "vovnet-depth")
    small = "2" if not args.smoke else "1"
    blocks = f"{small} block{'' if small == '1' else 's'}"
    made = []
    gpath(args.gpath, ["compare"] + [x.spec for x in vovnet.designs] + ["--format", "json", "--plot",
                                                                       os.path.join(images, "vovnet-depth.svg")])
    made.append(("vovnet-depth.svg", "`gpath compare --plot`: longest shortest and longest gradient path "
                                     "of the deep and planned VoVNet as modules are added (Table 4)."))
    for name in ("resnet", "prn"):
        gpath(args.gpath, ["render", f"{experiment_plan.PAPER}/{name}.net", "-D", f"blocks={small}", "-D", "width=4",
                           "--view", "timestamps", "-o", os.path.join(images, f"{name}-timestamps.svg")])
    made.append(("resnet-timestamps.svg", f"`gpath render --view timestamps`: ResNet with {blocks} — "
                                          "every layer receives one gradient timestamp per path length (Figure 7a)."))
    made.append(("prn-timestamps.svg", f"`gpath render --view timestamps`: PRN with {blocks} — the masked "
                                       "half gets its own timestamp sets, more combinations (Figure 7b)."))
    gpath(args.gpath, ["render", "--view", "compare", f"{experiment_plan.PAPER}/vovnet_deep.net",
                       f"{experiment_plan.PAPER}/vovnet_planned.net", "-D", "modules=3", "-D", "width=4",
                       "-o", os.path.join(images, "vovnet-compare.svg")])
    made.append(("vovnet-compare.svg", "`gpath render --view compare`: deep vs planned VoVNet with 3 modules, "
                                       "gradient paths side by side."))
    lines = []
    for name, caption in made:
        lines += [f"![{caption}]({relative_image(args.out, args.images, name)})", "", f"*{caption}*", ""]
    return lines


def main():
    args = parse_arguments()
    experiments, statics, training = experiment_plan.plan(smoke=args.smoke)
    if args.only:
        unknown = set(args.only) - {e.key for e in experiments}
        if unknown:
            sys.exit(f"unknown experiment(s) {sorted(unknown)}; known: {[e.key for e in experiments]}")
        experiments = tuple(e for e in experiments if e.key in args.only)
    started = time.monotonic()
    images = os.path.join(ROOT, args.images)
    os.makedirs(images, exist_ok=True)

    print("static comparisons and pictures", file=sys.stderr)
    static_md = {s.key: gpath(args.gpath, ["compare"] + [x.spec for x in s.designs] + ["--format", "markdown"])
                 for s in statics}
    experiment_md = {e.key: gpath(args.gpath, ["compare"] + [x.spec for x in e.designs] + ["--format", "markdown"])
                     for e in experiments}
    picture_md = pictures(args, experiments, statics, [])

    trainer = Trainer(args, training)
    jobs = []
    # The planned VoVNets are the slowest runs: start them first so the pool stays busy at the end.
    for experiment in sorted(experiments, key=lambda e: e.key != "planning"):
        for design in experiment.designs:
            for seed in training.seeds:
                plot = None
                if seed == training.seeds[0] and experiment.key == "planning" and design.key == "vov_deep":
                    plot = os.path.join(images, "train-vovnet-deep.svg")
                jobs.append((experiment, design, seed, plot))
    print(f"training: {len(jobs)} results, {args.jobs} runs at a time", file=sys.stderr)
    train_started = time.monotonic()
    runs = trainer.run(jobs)
    train_seconds = time.monotonic() - train_started

    text, charts = page.render(args, experiments, statics, training, static_md, experiment_md, picture_md,
                               runs, train_seconds, trainer.reused)
    for name, svg in charts.items():
        with open(os.path.join(images, name), "w") as f:
            f.write(svg)
    with open(os.path.join(ROOT, args.out), "w") as f:
        f.write(text)
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
