import Foundation
import GPathTestSupport
import Testing

/// Default pictures of real-sized networks fit a readable page: at most 2,500 px on the long
/// side at 144 dpi, with what was folded named on stderr; `--full` still draws everything.
/// Inputs: networks of the YOLOv4, YOLOv4-CSP, YOLOv7 and YOLOv8 classes written by
/// `scripts/make-picture-fixtures.py`, and the torchvision ResNet-50 ONNX export.
@Suite(.serialized)
struct PictureFittingTests {
    static let inputs = [
        "Tests/EndToEndTests/Inputs/pictures/yolov4_class.cfg",
        "Tests/EndToEndTests/Inputs/pictures/yolov4_csp_class.cfg",
        "Tests/EndToEndTests/Inputs/pictures/yolov7_class.cfg",
        "Tests/EndToEndTests/Inputs/pictures/yolov8_class.yaml",
        "Tests/GPathFormatsTests/Fixtures/onnx/models/resnet50.onnx",
    ]

    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpath-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Width and height from a PNG's IHDR chunk.
    private func pngSize(_ path: String) throws -> (width: Int, height: Int) {
        let data = try #require(FileManager.default.contents(atPath: path))
        let bytes = Array(data.prefix(24))
        try #require(bytes.count == 24 && bytes[12..<16].elementsEqual("IHDR".utf8))
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    @Test("default render is at most 2,500 px on its long side and says what it folded", arguments: inputs)
    func fits(input: String) throws {
        let output = folder.appendingPathComponent("picture.png").path
        let result = try CommandRunner.run(["render", input, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(output)
        #expect(max(size.width, size.height) <= 2500, "\(input): \(size.width)×\(size.height) px")
        #expect(result.stderr.contains("note: the picture "), "\(result.stderr)")
        #expect(result.stderr.contains("folded repeated blocks") || result.stderr.contains("collapsed blocks at depth"), "\(result.stderr)")
        #expect(result.stderr.contains("--full draws everything"))
    }

    @Test("the folded DOT of each is its golden", arguments: inputs)
    func golden(input: String) throws {
        let result = try CommandRunner.run(["dot", input])
        #expect(result.status == 0, "\(result.stderr)")
        let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/pictures/\(name).dot")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }

    @Test("--full draws every section of the Darknet network, with no note")
    func full() throws {
        let input = "Tests/EndToEndTests/Inputs/pictures/yolov4_class.cfg"
        let result = try CommandRunner.run(["dot", input, "--full"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let layers = try CommandRunner.run(["analyze", input, "--format", "csv", "--paths-only"])
        let names = layers.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(names.count == 110)
        for name in names { #expect(result.stdout.contains("  \"\(name)\" [shape=box"), "layer \(name) not drawn") }
        #expect(!result.stdout.contains("shape=box3d"), "nothing collapsed")
    }

    @Test("parameter tensors are badges on what they modify: YOLOR's ImplicitA/M, Darknet's [implicit] (goldens)", arguments: [
        ("Tests/GPathFormatsTests/Fixtures/yolo/v7_modules.yaml", "v7_modules-full.dot"),
        ("Tests/GPathFormatsTests/Fixtures/darknet/all_sections.cfg", "all_sections-full.dot"),
    ])
    func badges(input: String, golden: String) throws {
        let result = try CommandRunner.run(["dot", input, "--full"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("◆ "))
        #expect(!result.stdout.contains(".one\" [shape"), "the constant one of an implicit tensor is not drawn")
        let failure = Golden.check(result.stdout, against: "Tests/EndToEndTests/Goldens/pictures/\(golden)")
        #expect(failure == nil, failure.map { Comment(rawValue: $0) })
    }

    @Test("the picture labels what users know: module rows of the YAML, sections of the cfg, short ONNX paths")
    func labels() throws {
        let yaml = try CommandRunner.run(["dot", "Tests/EndToEndTests/Inputs/pictures/yolov8_class.yaml", "--collapse", "2", "--full"])
        #expect(yaml.stdout.contains("<B>2: C2f</B>") && yaml.stdout.contains("<B>9: SPPF</B>") && yaml.stdout.contains("<B>22: Detect</B>"))
        let cfg = try CommandRunner.run(["dot", "Tests/EndToEndTests/Inputs/pictures/yolov4_class.cfg", "--full"])
        #expect(cfg.stdout.contains("label=\"+ 4 shortcut ← 1\"") || cfg.stdout.contains("shortcut ← "))
        #expect(cfg.stdout.contains(" route\""))
        let onnx = try CommandRunner.run(["dot", "Tests/GPathFormatsTests/Fixtures/onnx/models/resnet50.onnx", "--full"])
        #expect(onnx.stdout.contains("<B>layer1.0.conv1</B>"))
        #expect(!onnx.stdout.contains("<B>/layer1/layer1.0/conv1/Conv</B>"))
    }
}
