import GPathDiagnostics

extension GraphVerifier {
    struct Order {
        /// Every node not on or behind a cycle, in topological order.
        var sorted: [Int]
    }

    /// Kahn's algorithm with a FIFO queue seeded in declaration order: O(V + E), iterative.
    mutating func topologicalOrder(incoming: IncomingRows) -> Order {
        let count = builder.stored.count
        var indegree = [Int](repeating: 0, count: count)
        var outgoingStarts = [Int](repeating: 0, count: count + 1)
        for index in 0..<count {
            indegree[index] = incoming.starts[index + 1] - incoming.starts[index]
        }
        for edge in incoming.resolved { outgoingStarts[edge.sourceIndex + 1] += 1 }
        for index in 0..<count { outgoingStarts[index + 1] += outgoingStarts[index] }
        var next = outgoingStarts
        var outgoing = [Int](repeating: 0, count: incoming.resolved.count)
        for destination in 0..<count {
            for edge in incoming.row(destination) {
                outgoing[next[edge.sourceIndex]] = destination
                next[edge.sourceIndex] += 1
            }
        }
        var queue: [Int] = []
        queue.reserveCapacity(count)
        for index in 0..<count where indegree[index] == 0 { queue.append(index) }
        var head = 0
        while head < queue.count {
            let index = queue[head]
            head += 1
            for position in outgoingStarts[index]..<outgoingStarts[index + 1] {
                let destination = outgoing[position]
                indegree[destination] -= 1
                if indegree[destination] == 0 { queue.append(destination) }
            }
        }
        if queue.count < count {
            let remaining = Set((0..<count).filter { indegree[$0] > 0 })
            reportCycles(remaining: remaining, incoming: incoming)
        }
        return Order(sorted: queue)
    }

    /// Walks backwards through unsorted nodes until a node repeats; each walk that closes on
    /// itself is one cycle, reported with its nodes in edge direction.
    private mutating func reportCycles(remaining: Set<Int>, incoming: IncomingRows) {
        var walkOf = [Int: Int]()
        for start in remaining.sorted() where walkOf[start] == nil {
            var path: [Int] = []
            var positionInPath: [Int: Int] = [:]
            var current = start
            while walkOf[current] == nil {
                walkOf[current] = start
                positionInPath[current] = path.count
                path.append(current)
                guard let previous = incoming.row(current).first(where: { remaining.contains($0.sourceIndex) }) else { break }
                current = previous.sourceIndex
            }
            guard walkOf[current] == start, let begin = positionInPath[current] else { continue }
            let cycle = Array(path[begin...].reversed())
            let names = cycle.map { "`\(builder.nameOfDeclaration($0))`" }
            let first = builder.stored[cycle[0]]
            diagnostics.append(Diagnostic(
                .cycle, "cycle through \(names.joined(separator: " -> ")) -> `\(builder.nameOfDeclaration(cycle[0]))`",
                at: first.location, label: "this node depends on itself",
                notes: ["a network must be acyclic; the nodes on the cycle are \(names.joined(separator: ", "))"]))
        }
    }
}
