import Foundation
import GPathTestSupport
import Testing

/// `experiments/run.py --smoke`: the pipeline that regenerates docs/experiments.md, on tiny
/// networks for two steps (the full experiment is not run in CI).
@Suite(.serialized)
struct ExperimentsSmokeTests {
    @Test("the stop-gradient experiment: static table, pictures, training table and a verdict")
    func stopGradient() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gpath-experiments-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("experiments.md")
        let images = folder.appendingPathComponent("images")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "experiments/run.py", "--smoke", "--only", "stop-gradient",
                             "--gpath", CommandRunner.binary.path, "--out", page.path, "--images", images.path,
                             "--cache", folder.appendingPathComponent("cache").path]
        process.currentDirectoryURL = RepositoryPaths.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, Comment(rawValue: stderr))

        let text = RepositoryPaths.text(page)
        #expect(text.contains("## 1. Stop gradient — Table 3 (Figure 9)"))
        #expect(text.contains("| examples/paper/resnet_sg_identity.net@blocks=1,width=4 |"), "static compare table")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ResNet (baseline) (`") || $0.hasPrefix("| stop on ") }
        #expect(rows.count == 3, "one training row per design")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 7, "\(row)")
            #expect(cells.count > 2 && cells[2].range(of: #"^\d+\.\d% \(\d+\.\d–\d+\.\d\)$"#, options: .regularExpression) != nil,
                    "accuracy cell median (min–max): \(row)")
            #expect(cells.count > 5 && cells[5] == "0/2", "no divergence: \(row)")
        }
        let verdicts = ["reproduced", "not reproduced", "undecided at this budget"]
        #expect(verdicts.contains { text.contains("**Verdict: \($0)**") })
        for picture in ["vovnet-depth.svg", "resnet-timestamps.svg", "prn-timestamps.svg", "vovnet-compare.svg", "loss-stop-gradient.svg"] {
            let svg = RepositoryPaths.text(images.appendingPathComponent(picture))
            #expect(svg.contains("<svg"), "\(picture)")
        }
    }
}
