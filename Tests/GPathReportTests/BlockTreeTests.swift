@testable import GPathReport
import GPathIR
import Testing

/// The block hierarchy read from node names: `.` nests, and in PyTorch's ONNX names (which
/// contain `/`) only `/` does, so `layer1.0` is one block.
struct BlockTreeTests {
    private func graph(_ names: [String]) throws -> Graph {
        var builder = GraphBuilder(name: "names")
        builder.addNode("images", op: .input, channels: 3, spatial: Spatial(height: 8, width: 8))
        var previous = "images"
        for name in names {
            builder.addNode(name, op: .convolution(Convolution(kernel: 3)), channels: 4)
            builder.connect(previous, to: name)
            previous = name
        }
        builder.addNode("loss", op: .loss(.generic))
        builder.connect(previous, to: "loss")
        let (graph, diagnostics) = builder.build()
        #expect(diagnostics.isEmpty)
        return try #require(graph)
    }

    @Test("ONNX names `/model.0/conv/Conv` nest as model.0 → conv, paths keep their separators")
    func slashes() throws {
        let names = ["/model.0/conv/Conv", "/model.1/m.0/cv1/Conv", "/model.1/m.0/cv2/Conv"]
        let tree = BlockTree(try graph(names))
        #expect(tree.blocks.map(\.path) == [
            "", "/model.0", "/model.0/conv", "/model.1", "/model.1/m.0", "/model.1/m.0/cv1", "/model.1/m.0/cv2",
        ])
        #expect(tree.blocks[tree.blockOfNode[1]].path == "/model.0/conv")
        #expect(tree.blocks[tree.blockOfNode[3]].name == "cv2")
        #expect(tree.blocks[tree.blockOfNode[3]].depth == 3)
        #expect(tree.blocks[tree.blocks[tree.blockOfNode[3]].parent ?? 0].name == "m.0")
    }

    @Test("dotted names are unchanged: stage2.block1.conv2 lies in stage2.block1")
    func dots() throws {
        let tree = BlockTree(try graph(["stage2.block1.conv1", "stage2.block1.conv2", "stage2.block2.conv1"]))
        #expect(tree.blocks.map(\.path) == ["", "stage2", "stage2.block1", "stage2.block2"])
        #expect(tree.blocks[tree.blockOfNode[2]].name == "block1")
    }
}
