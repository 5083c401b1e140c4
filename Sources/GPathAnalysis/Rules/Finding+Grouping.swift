import GPathDiagnostics

extension Finding {
    /// Groups violations into findings, one per rule, severity and cause.
    ///
    /// Two violations of the same rule at the same severity share a cause when they point at the
    /// same source location (one line instantiated N times) or belong to neighbouring layers in
    /// network order (`order` differs by one: a run of identical blocks). Causes are the
    /// connected components of that relation; network-wide violations (no `order`, no
    /// location shared) stay alone. Findings come sorted by location, then rule.
    ///
    /// Complexity: O(n log n) for n violations (a sort and a union-find).
    public static func group(_ violations: [Violation]) -> [Finding] {
        var parent = Array(violations.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        func join(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }

        struct Key: Hashable {
            let rule: Rule
            let severity: Severity
        }
        var byLocation: [Key: [SourceLocation: Int]] = [:]
        var byOrder: [Key: [Int: Int]] = [:]
        for (index, violation) in violations.enumerated() {
            let key = Key(rule: violation.rule, severity: violation.severity)
            if let location = violation.location, violation.subject != nil {
                if let other = byLocation[key, default: [:]][location] { join(index, other) }
                byLocation[key, default: [:]][location] = index
            }
            if let order = violation.order {
                byOrder[key, default: [:]][order] = index
            }
        }
        for (_, orders) in byOrder {
            for (order, index) in orders {
                if let next = orders[order + 1] { join(index, next) }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in violations.indices { members[root(index), default: []].append(index) }
        let findings = members.values.map { indices in
            Finding(indices.map { violations[$0] }.sorted { ($0.order ?? 0, $0.subject ?? "") < ($1.order ?? 0, $1.subject ?? "") })
        }
        return findings.sorted { a, b in
            let x = a.location, y = b.location
            return (x?.file ?? "", x?.line ?? 0, x?.column ?? 0, a.rule.id, a.subjects.first ?? "")
                < (y?.file ?? "", y?.line ?? 0, y?.column ?? 0, b.rule.id, b.subjects.first ?? "")
        }
    }
}
