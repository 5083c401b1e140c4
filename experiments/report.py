"""Statistics, verdicts, loss-curve charts and Markdown for docs/experiments.md.

Pure functions over the JSON that `gpath train --format json` writes; no I/O here.
"""

import statistics


def final_accuracy(result):
    """Held-out accuracy at the last evaluation (0 when the run diverged before it)."""
    evaluations = result.get("evaluations") or []
    if not evaluations or result.get("diverged"):
        return 0.0
    return float(evaluations[-1]["accuracy"])


def final_loss(result):
    """Mean training loss over the last steps (the summary's window); inf when diverged."""
    if result.get("diverged"):
        return float("inf")
    return float(result["summary"]["final_loss"])


def stem_gradient(result):
    """‖∂L/∂W‖ of the first weighted layer on the first batch, before any update."""
    layers = result.get("layers") or []
    return float(layers[0]["gradient_norm_initial"]) if layers else 0.0


class Spread:
    """Median and range of one metric over seeds."""

    def __init__(self, values):
        self.values = sorted(values)
        self.median = statistics.median(self.values)
        self.low = self.values[0]
        self.high = self.values[-1]

    def text(self, percent=False, digits=3):
        if percent:
            return f"{100 * self.median:.1f}% ({100 * self.low:.1f}–{100 * self.high:.1f})"
        return f"{self.median:.{digits}f} ({self.low:.{digits}f}–{self.high:.{digits}f})"


# The decision rule, fixed before the runs: seeds pair the designs (same seed: same data order and
# initialisation stream), and each claimed "A trains better than B" is judged on the per-seed
# differences of held-out accuracy, A − B.
#   holds     A beats B on every seed (one-sided sign test: p = 2^-n, 0.031 at 5 seeds);
#   fails     A beats B on no more seeds than B beats A (the runs give the claim no support);
#   undecided otherwise; the budget that would decide it is estimated from the differences seen:
#             seeds n = ((z_0.95 + z_0.80) · sd / |mean|)² for a paired test at 5% with 80% power.
# A claim is reproduced when every pair holds, not reproduced when any pair fails, and otherwise
# undecided at this budget, with the estimate.
Z_ALPHA, Z_POWER = 1.645, 0.842


def pair_outcome(better, worse):
    """(outcome, wins, losses, differences) for per-seed accuracies in seed order; outcome is
    'holds', 'fails' or 'undecided'."""
    differences = [a - b for a, b in zip(better, worse)]
    wins = sum(1 for d in differences if d > 0)
    losses = sum(1 for d in differences if d < 0)
    if differences and wins == len(differences):
        return "holds", wins, losses, differences
    if wins <= losses:
        return "fails", wins, losses, differences
    return "undecided", wins, losses, differences


def seeds_to_decide(differences):
    """Seeds a paired test at 5% with 80% power needs to tell a mean difference of the size seen
    (either sign) from none, or None when the differences are all equal."""
    if len(differences) < 2:
        return None
    mean = abs(statistics.mean(differences))
    spread = statistics.stdev(differences)
    if mean == 0:
        return None
    return max(len(differences) + 1, int(((Z_ALPHA + Z_POWER) * spread / mean) ** 2) + 1)


def verdict(expected, labels, per_seed, seconds_per_run=None, jobs=2):
    """(verdict, sentence) for the claim that `expected` (design keys, best first) is the order of
    held-out accuracy; `per_seed[key]` lists a design's accuracies in seed order."""
    sentences, outcomes, budgets = [], [], []
    for a, b in zip(expected, expected[1:]):
        outcome, wins, losses, differences = pair_outcome(per_seed[a], per_seed[b])
        outcomes.append(outcome)
        n = len(differences)
        mean = 100 * statistics.mean(differences) if differences else 0.0
        text = (f"{labels[a]} beats {labels[b]} on {wins} of {n} seeds ({losses} the other way; "
                f"mean paired difference {mean:+.1f} points, from {100 * min(differences):+.1f} "
                f"to {100 * max(differences):+.1f})")
        if outcome == "undecided":
            needed = seeds_to_decide(differences)
            if needed:
                cost = ""
                if seconds_per_run:
                    minutes = needed * (seconds_per_run[a] + seconds_per_run[b]) / 60 / max(jobs, 1)
                    cost = f", about {minutes:.0f} minutes of training at {jobs} runs at a time"
                budgets.append(f"{labels[a]} vs {labels[b]}: about {needed} seeds{cost}")
        sentences.append(text)
    detail = "; ".join(sentences)
    if all(o == "holds" for o in outcomes):
        return "reproduced", detail + "."
    if any(o == "fails" for o in outcomes):
        return "not reproduced", detail + "."
    need = "; ".join(budgets) if budgets else "more seeds"
    return "undecided at this budget", f"{detail}. Deciding it needs {need} (estimated from the differences seen)."


def smooth(values, window=10):
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def loss_chart(title, curves):
    """SVG of median (over seeds) training loss per step, 10-step moving average.
    `curves` is [(label, [[loss per step] per seed])]."""
    width, height, left, right, top, bottom = 640, 360, 56, 180, 36, 40
    medians = []
    for label, runs in curves:
        finite = [r for r in runs if r and all(v == v and abs(v) < 1e9 for v in r)]
        if not finite:
            medians.append((label, []))
            continue
        steps = min(len(r) for r in finite)
        medians.append((label, smooth([statistics.median(r[i] for r in finite) for i in range(steps)])))
    points = [v for _, m in medians for v in m]
    if not points:
        points = [0.0, 1.0]
    top_value, low_value = max(points), min(0.0, min(points))
    steps = max((len(m) for _, m in medians), default=1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i):
        return left + plot_w * i / max(steps - 1, 1)

    def y(v):
        return top + plot_h * (1 - (v - low_value) / max(top_value - low_value, 1e-9))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>']
    for k in range(5):
        v = low_value + (top_value - low_value) * k / 4
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">step '
               f'(training loss, median over seeds, 10-step moving average)</text>')
    out.append(f'<text x="{left + plot_w}" y="{top + plot_h + 16}" text-anchor="end">{steps}</text>')
    for n, (label, m) in enumerate(medians):
        colour = PALETTE[n % len(PALETTE)]
        if m:
            path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(m))
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{path}"/>')
        ly = top + 16 * n + 8
        out.append(f'<line x1="{width - right + 12}" y1="{ly}" x2="{width - right + 32}" y2="{ly}" '
                   f'stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{width - right + 38}" y="{ly + 4}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def results_table(designs, runs):
    """Markdown: one row per design, medians (min–max) over seeds."""
    rows = ["| design | params | held-out accuracy | final training loss | stem ‖∂L/∂W‖ at init "
            "| diverged | seconds per run |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for design in designs:
        results = runs[design.key]
        acc = Spread([final_accuracy(r) for r, _ in results])
        loss = Spread([final_loss(r) for r, _ in results])
        grad = Spread([stem_gradient(r) for r, _ in results])
        seconds = statistics.median(t for _, t in results)
        diverged = sum(1 for r, _ in results if r.get("diverged"))
        rows.append(f"| {design.label} (`{design.spec}`) | {results[0][0].get('parameters', 0):,} "
                    f"| {acc.text(percent=True)} | {loss.text()} | {grad.text(digits=3)} "
                    f"| {diverged}/{len(results)} | {seconds:.0f} |")
    return "\n".join(rows)
