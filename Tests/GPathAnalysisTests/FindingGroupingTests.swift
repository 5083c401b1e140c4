import GPathAnalysis
import GPathDiagnostics
import GPathTestSupport
import Testing

/// Grouping violations into findings: one per rule, severity and cause.
struct FindingGroupingTests {
    private func violation(
        _ subject: String?, line: Int, order: Int?, value: Double = 5, rule: Rule = .maxShortestGradientPath,
        severity: Severity = .error
    ) -> Violation {
        Violation(
            rule: rule, severity: severity, message: "`\(subject ?? "network")` is \(Int(value))", subject: subject,
            location: SourceLocation(file: "m.net", line: line, column: 1), value: value, threshold: 4, order: order)
    }

    @Test("one .net line instantiated many times is one finding, even across non-adjacent layers")
    func sameLine() {
        let found = Finding.group([
            violation("m1.c", line: 27, order: 1, value: 6), violation("m2.c", line: 27, order: 5, value: 9),
            violation("m3.c", line: 27, order: 9, value: 7),
        ])
        #expect(found.count == 1)
        #expect(found.first?.subjects == ["m1.c", "m2.c", "m3.c"])
        #expect(found.first?.worst.subject == "m2.c")
        #expect(found.first?.locations.map(\.line) == [27])
        #expect(found.first?.message == "`m2.c` is 9 (worst of 3 layers: `m1.c`, `m2.c`, `m3.c`)")
    }

    @Test("a run of neighbouring layers on different lines is one finding with a location per line")
    func run() {
        let found = Finding.group((0..<8).map { violation("\($0)", line: 10 + $0, order: $0, value: Double(20 - $0)) })
        #expect(found.count == 1)
        let finding = found.first
        #expect(finding?.locations.count == 8)
        #expect(finding?.location?.line == 10)
        #expect(finding?.message == "`0` is 20 (worst of 8 layers from 8 source lines: `0`, `1`, `2`, …, `6`, `7`)")
        #expect(finding?.diagnostic.notes == ["also at m.net:11:1, m.net:12:1, m.net:13:1, m.net:14:1, m.net:15:1, m.net:16:1, m.net:17:1"])
    }

    @Test("separate causes stay separate: a gap in layer order, another rule, another severity")
    func separateCauses() {
        let found = Finding.group([
            violation("a", line: 1, order: 0), violation("b", line: 2, order: 1),
            violation("z", line: 9, order: 7),
            violation("a", line: 1, order: 0, rule: .maxLongestGradientPath),
            violation("c", line: 3, order: 2, severity: .warning),
        ])
        #expect(found.map(\.subjects) == [["a", "b"], ["a"], ["c"], ["z"]])
        #expect(found.map(\.rule) == [.maxShortestGradientPath, .maxLongestGradientPath, .maxShortestGradientPath, .maxShortestGradientPath])
    }

    @Test("network-wide violations are never merged, and minimum rules pick the smallest value as the worst")
    func networkWideAndMinimum() {
        let params = Violation(rule: .maxParams, severity: .error, message: "p", subject: nil, location: SourceLocation(file: "m.net", line: 1, column: 1))
        let flops = Violation(rule: .maxFLOPs, severity: .error, message: "f", subject: nil, location: SourceLocation(file: "m.net", line: 1, column: 1))
        #expect(Finding.group([params, flops]).count == 2)
        let sources = Finding.group([
            violation("a", line: 1, order: 0, value: 3, rule: .minGradientSourcesPerLayer),
            violation("b", line: 2, order: 1, value: 1, rule: .minGradientSourcesPerLayer),
        ])
        #expect(sources.first?.worst.subject == "b")
    }

    @Test("grouping keeps every violation exactly once (seeded random inputs)")
    func partition() {
        var random = SeededGenerator(seed: 7)
        for trial in 0..<50 {
            let count = Int(random.next() % 40) + 1
            let violations = (0..<count).map { index in
                violation("L\(index)", line: Int(random.next() % 6) + 1, order: Int(random.next() % 30),
                          rule: random.next() % 2 == 0 ? .maxShortestGradientPath : .maxLongestGradientPath)
            }
            let grouped = Finding.group(violations)
            #expect(grouped.reduce(0) { $0 + $1.violations.count } == count, "trial \(trial)")
            for finding in grouped {
                #expect(Set(finding.violations.map(\.rule)).count == 1, "trial \(trial)")
            }
        }
    }
}
