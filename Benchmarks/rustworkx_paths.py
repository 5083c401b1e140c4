#!/usr/bin/env python3
"""The gradient-path pass as a Python user would write it with rustworkx, for
Benchmarks/side-by-side.sh: load graph JSON, build a PyDiGraph, then for every node the
shortest (Dijkstra from the loss over reversed edges) and longest (topological DP) number of
weighted layers on a path to a loss. Node level: channel slices are ignored, so a shortest path
here can be shorter than gpath's channel-exact one (the random graphs' half-width edges cut
some paths); the longest agree on the bench graphs. Prints one JSON line: seconds per phase,
peak RSS, and the largest shortest and longest path, to compare with gpath's report.
"""
import json
import resource
import sys
import time

import rustworkx as rx

WEIGHTED = {"layer", "conv", "linear", "fc"}


def main(path):
    start = time.perf_counter()
    with open(path) as f:
        doc = json.load(f)
    loaded = time.perf_counter()
    graph = rx.PyDiGraph(check_cycle=False)
    index = {}
    weighted = []
    losses = []
    for node in doc["nodes"]:
        index[node["id"]] = graph.add_node(node["id"])
        weighted.append(node["op"] in WEIGHTED)
        if node["op"] in ("loss", "output"):
            losses.append(index[node["id"]])
    # Reversed edges (gradient direction); an edge into a weighted layer costs 1.
    graph.add_edges_from([(index[e["dst"]], index[e["src"]], 1.0 if weighted[index[e["src"]]] else 0.0)
                          for e in doc["edges"] if not e.get("stop_gradient")])
    built = time.perf_counter()
    shortest = {}
    for loss in losses:
        for node, length in rx.dijkstra_shortest_path_lengths(graph, loss, lambda w: w).items():
            shortest[node] = min(shortest.get(node, length), length)
    longest = [-1] * len(graph)
    for loss in losses:
        longest[loss] = 0
    for node in rx.topological_sort(graph):
        if longest[node] < 0:
            continue
        for _, target, cost in graph.out_edges(node):
            longest[target] = max(longest[target], longest[node] + int(cost))
    done = time.perf_counter()
    layer_short = [int(v) for k, v in shortest.items() if weighted[k]]
    layer_long = [longest[k] for k in range(len(graph)) if weighted[k] and longest[k] >= 0]
    print(json.dumps({
        "load_s": round(loaded - start, 3), "build_s": round(built - loaded, 3),
        "paths_s": round(done - built, 3), "total_s": round(done - start, 3),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "max_shortest": max(layer_short, default=None), "max_longest": max(layer_long, default=None),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
