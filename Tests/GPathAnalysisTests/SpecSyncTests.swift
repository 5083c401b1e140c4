import Foundation
import GPathTestSupport
import Testing

/// The vendored specification stays in step: the worked-example inputs, their expected reports,
/// §6 of `docs/spec/gradient-paths.md` and the table in `docs/gradient-paths.md` name the same
/// examples, so an example added (or dropped) in one place and forgotten in another fails here.
struct SpecSyncTests {
    static func files(in folder: String) -> Set<String> {
        let url = RepositoryPaths.spec.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return Set(names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
    }

    /// The first backticked word of every table row in the "Worked examples" section of the
    /// user's page.
    static func tableNames() -> [String] {
        let page = RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("docs/gradient-paths.md"))
        guard let start = page.range(of: "## Worked examples") else { return [] }
        return page[start.upperBound...].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
    }

    /// The text of the specification's §6.
    static func workedExamplesSection() -> String {
        let spec = RepositoryPaths.text(RepositoryPaths.spec.appendingPathComponent("gradient-paths.md"))
        guard let start = spec.range(of: "## 6. Worked examples"),
              let end = spec.range(of: "\n## 7.", range: start.upperBound..<spec.endIndex)
        else { return "" }
        return String(spec[start.lowerBound..<end.lowerBound])
    }

    @Test("every worked example has an input and an expected report, and nothing else is there")
    func inputsMatchExpected() {
        let inputs = Self.files(in: "examples"), expected = Self.files(in: "expected")
        #expect(inputs.count == 29)
        #expect(inputs.subtracting(expected).isEmpty, "inputs without a report: \(inputs.subtracting(expected).sorted())")
        #expect(expected.subtracting(inputs).isEmpty, "reports without an input: \(expected.subtracting(inputs).sorted())")
    }

    @Test("the table in docs/gradient-paths.md lists exactly the worked examples, once each")
    func userPageTable() {
        let table = Self.tableNames()
        #expect(table.count == Set(table).count, "listed twice: \(table.sorted())")
        let inputs = Self.files(in: "examples")
        #expect(Set(table) == inputs,
                "missing from the table: \(inputs.subtracting(table).sorted()); not an example: \(Set(table).subtracting(inputs).sorted())")
    }

    @Test("§6 of the specification describes every worked example")
    func specificationSection() {
        let section = Self.workedExamplesSection()
        #expect(!section.isEmpty)
        let words = Set(section.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        let undescribed = Self.files(in: "examples").subtracting(words)
        #expect(undescribed.isEmpty, "not in §6: \(undescribed.sorted())")
    }
}
