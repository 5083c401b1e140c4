import GPathIR

/// Blocks found in the structure of a graph whose names carry none (Darknet's numbered
/// sections): **stages**, runs of sections at one spatial resolution (a strided layer, a pool
/// or an upsample that moves to another resolution starts the next), and inside a stage the
/// **spans** that merges close — a `[shortcut]` at 14 reading 11 spans 12…14 (one residual
/// unit), a CSP `[route]` spans its whole split. Spans nest; one that would cross an earlier
/// span is dropped. Consecutive identical spans then fold to `×N` like named blocks.
///
/// A section is what the caller groups: a Darknet section (a node with its helper nodes, `7.sum`
/// belongs to `7`) or a top-level named block (YOLO row `2` with `2.cv1`, `2.m.0.cv1`…).
/// Linear in nodes and edges plus a sort of the spans; no recursion.
struct StructuralGrouping {
    /// For each node, its stage and spans, outermost first.
    let levels: [[PictureHierarchy.Level]]

    /// Nil when the graph has fewer than two stages (one resolution: nothing to group).
    /// `sectionKey` names the section of a node (nil: outside every stage).
    /// `spans: false` groups stages only (a YOLO YAML's rows are already blocks).
    init?(_ graph: Graph, spans findsSpans: Bool = true, sectionKey: (Node) -> String?) {
        let sections = Self.sections(graph, sectionKey: sectionKey)
        guard !sections.members.isEmpty else { return nil }
        let stages = Self.stages(graph, sections)
        guard Set(stages.stageOf).count >= 2 else { return nil }
        var levels = [[PictureHierarchy.Level]](repeating: [], count: graph.nodes.count)
        let count = sections.members.count
        var stageStart = 0
        while stageStart < count {
            var stageEnd = stageStart
            while stageEnd + 1 < count, stages.stageOf[stageEnd + 1] == stages.stageOf[stageStart] { stageEnd += 1 }
            let number = stages.stageOf[stageStart]
            let stagePath = "stage\(number)"
            var stageName = "stage \(number)"
            if let spatial = stages.spatialOf[stageStart] { stageName += " · \(spatial.height)×\(spatial.width)" }
            let stageLevel = PictureHierarchy.Level(path: stagePath, name: stageName)
            let spans = findsSpans ? Self.spans(graph, sections, from: stageStart, to: stageEnd) : []
            // Sweep the sections with a stack of the spans open at each.
            var open: [(end: Int, level: PictureHierarchy.Level)] = []
            var next = 0
            for position in stageStart...stageEnd {
                while let last = open.last, last.end < position { open.removeLast() }
                while next < spans.count, spans[next].start == position {
                    let span = spans[next]
                    let first = sections.title[span.start], last = sections.title[span.end]
                    open.append((span.end, PictureHierarchy.Level(path: "\(stagePath)/\(first)-\(last)", name: "\(first)–\(last)")))
                    next += 1
                }
                let chain = [stageLevel] + open.map(\.level)
                for node in sections.members[position] { levels[node.index] = chain }
            }
            stageStart = stageEnd + 1
        }
        self.levels = levels
    }

    /// Nodes grouped into sections, in order of first appearance.
    private struct Sections {
        var members: [[NodeID]] = []
        /// The section's name (its main node's name).
        var title: [String] = []
        /// Section of each node; -1 for inputs.
        var sectionOf: [Int]
    }

    /// Sections in order of first appearance.
    private static func sections(_ graph: Graph, sectionKey: (Node) -> String?) -> Sections {
        var result = Sections(sectionOf: [Int](repeating: -1, count: graph.nodes.count))
        var byKey: [String: Int] = [:]
        for node in graph.nodes {
            guard let key = sectionKey(node) else { continue }
            if let existing = byKey[key] {
                result.members[existing].append(node.id)
                result.sectionOf[node.id.index] = existing
            } else {
                byKey[key] = result.members.count
                result.sectionOf[node.id.index] = result.members.count
                result.members.append([node.id])
                result.title.append(key)
            }
        }
        return result
    }

    /// Stage number (from 1) and resolution of each section. A new stage starts at a section
    /// that changes the resolution itself (a strided layer, a pool, an upsample: its output
    /// map differs from its input's) to one other than the current stage's; a route that reads
    /// another scale does not start one, so YOLOv7's MP block (a pool beside a strided conv)
    /// stays in one stage.
    private static func stages(_ graph: Graph, _ sections: Sections) -> (stageOf: [Int], spatialOf: [Spatial?]) {
        var stageOf: [Int] = []
        var spatialOf: [Spatial?] = []
        var number = 1
        var current: Spatial?
        for (position, members) in sections.members.enumerated() {
            let output = graph.node(named: sections.title[position]) ?? members.last.map { graph[$0] }
            let input = members.first.flatMap { graph[$0].inputs.first }.map { graph[$0.source].spatial }
            if let spatial = output?.spatial {
                if current == nil {
                    current = spatial
                } else if let input, let from = input, from != spatial, spatial != current {
                    number += 1
                    current = spatial
                }
            }
            stageOf.append(number)
            spatialOf.append(current)
        }
        return (stageOf, spatialOf)
    }

    /// Laminar spans of the stage `start…end`: each merge section (a node reading two or
    /// more earlier sections) spans from just after its earliest source (clipped to the stage)
    /// to itself; sorted by start, longer first; crossing ones dropped.
    private static func spans(_ graph: Graph, _ sections: Sections, from start: Int, to end: Int) -> [(start: Int, end: Int)] {
        var candidates: [(start: Int, end: Int)] = []
        for position in start...end {
            var sources = Set<Int>()
            var merges = false
            for node in sections.members[position] {
                let outside = graph[node].inputs.map { sections.sectionOf[$0.source.index] }.filter { $0 != position && $0 >= 0 }
                if Set(outside).count >= 2 || (graph[node].inputs.count >= 2 && !outside.isEmpty) { merges = true }
                sources.formUnion(outside)
            }
            guard merges, let earliest = sources.min() else { continue }
            let first = max(earliest + 1, start)
            if position - first >= 1, !(first == start && position == end) { candidates.append((first, position)) }
        }
        candidates.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var accepted: [(start: Int, end: Int)] = []
        var stack: [(start: Int, end: Int)] = []
        for span in candidates {
            while let top = stack.last, top.end < span.start { stack.removeLast() }
            if let top = stack.last, top.end < span.end { continue }
            if let top = stack.last, top == span { continue }
            stack.append(span)
            accepted.append(span)
        }
        return accepted
    }
}
