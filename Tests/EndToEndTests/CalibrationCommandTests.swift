import Foundation
import GPathTestSupport
import Testing

/// `gpath check` with no configuration over the calibration set (`docs/rules.md`): every design
/// known to train passes, every known-bad design fails, each for the reason the document gives.
struct CalibrationCommandTests {
    static func files(_ folder: String) -> [String] {
        RepositoryPaths.examples(withExtension: "net", in: "calibration/\(folder)").map { "examples/calibration/\(folder)/\($0.lastPathComponent)" }
    }

    @Test("default `gpath check` passes every known-good design, all in one run, without a warning")
    func good() throws {
        let files = Self.files("good")
        #expect(files.count >= 7)
        let result = try CommandRunner.run(["check"] + files)
        #expect(result.status == 0, Comment(rawValue: result.stdout + result.stderr))
        for file in files {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("\(file): ") }
            #expect(line?.hasSuffix(" layers, 0 errors, 0 warnings — passed") == true, "\(file): \(line ?? "no summary line")")
        }
        #expect(!result.stdout.contains("warning["))
    }

    @Test("default `gpath check` fails every known-bad design with the rule that catches it", arguments: [
        ("plain50.net", "GP001"), ("vovnet_deep99.net", "GP001"), ("resnet18_orphaned_block.net", "GP004"),
    ])
    func bad(file: String, rule: String) throws {
        let result = try CommandRunner.run(["check", "examples/calibration/bad/\(file)", "--format", "github"])
        #expect(result.status == 1, Comment(rawValue: result.stdout + result.stderr))
        #expect(result.stdout.contains("title=gpath/\(rule)::"), Comment(rawValue: result.stdout))
    }

    @Test("every known-bad file is covered by the test above")
    func badComplete() {
        #expect(Set(Self.files("bad").map { ($0 as NSString).lastPathComponent })
            == ["plain50.net", "vovnet_deep99.net", "resnet18_orphaned_block.net"])
    }
}
