import Foundation

/// A ResNet-like ONNX model with large float32 weights, streamed to disk: weight payloads
/// (zeros) are written in 1 MiB chunks, so generating a multi-hundred-megabyte file needs
/// little memory.
///
/// Layout: input [1, C, 14, 14] → `blocks` × (Conv 3x3 → Relu → Conv 3x3 → Add(x) → Relu) →
/// GlobalAveragePool → Flatten → Gemm (C → 1000). Each 3x3 conv holds C·C·9 floats.
struct LargeModel {
    let channels: Int
    let blocks: Int

    /// Blocks needed for at least `megabytes` of weights.
    init(channels: Int, megabytes: Int) {
        self.channels = channels
        let perBlock = 2 * channels * channels * 9 * 4
        self.blocks = max(1, (megabytes * 1_000_000 + perBlock - 1) / perBlock)
    }

    var weightBytes: Int { blocks * 2 * (channels * channels * 9 + channels) * 4 + (1000 * channels + 1000) * 4 }
    var convolutions: Int { 2 * blocks }

    /// Writes the model to `path`; returns its size in bytes.
    func write(to path: String) throws -> Int {
        var nodes = ProtobufWriter()
        var initializers: [(name: String, dims: [Int])] = []
        var x = "input"
        func conv(_ input: String, _ name: String) -> String {
            initializers.append(("\(name).weight", [channels, channels, 3, 3]))
            initializers.append(("\(name).bias", [channels]))
            node(&nodes, "Conv", [input, "\(name).weight", "\(name).bias"], name) { attributes in
                attributes.message(5) { $0.string(1, "kernel_shape"); $0.int(8, 3); $0.int(8, 3); $0.int(20, 7) }
                attributes.message(5) { $0.string(1, "pads"); for _ in 0..<4 { $0.int(8, 1) }; $0.int(20, 7) }
            }
            return "\(name).out"
        }
        for block in 0..<blocks {
            let a = conv(x, "layer\(block).conv1")
            node(&nodes, "Relu", [a], "layer\(block).relu1")
            let b = conv("layer\(block).relu1.out", "layer\(block).conv2")
            node(&nodes, "Add", [x, b], "layer\(block).add")
            node(&nodes, "Relu", ["layer\(block).add.out"], "layer\(block).relu2")
            x = "layer\(block).relu2.out"
        }
        node(&nodes, "GlobalAveragePool", [x], "pool")
        node(&nodes, "Flatten", ["pool.out"], "flatten")
        initializers.append(("fc.weight", [1000, channels]))
        initializers.append(("fc.bias", [1000]))
        node(&nodes, "Gemm", ["flatten.out", "fc.weight", "fc.bias"], "fc", outputs: ["logits"]) { attributes in
            attributes.message(5) { $0.string(1, "transB"); $0.int(3, 1); $0.int(20, 2) }
        }
        var tail = ProtobufWriter()
        tail.string(2, "large")
        tail.message(11) { valueInfo(&$0, "input", [1, channels, 14, 14]) }
        tail.message(12) { valueInfo(&$0, "logits", [1, 1000]) }

        // Each initializer: its metadata, then the key and length of raw_data, then the payload.
        let heads = initializers.map { initializer -> (bytes: [UInt8], payload: Int) in
            var tensor = ProtobufWriter()
            for dim in initializer.dims { tensor.int(1, dim) }
            tensor.int(2, 1)
            tensor.string(8, initializer.name)
            let payload = initializer.dims.reduce(1, *) * 4
            let body = tensor.bytes + ProtobufWriter.header(9, length: payload)
            return (ProtobufWriter.header(5, length: body.count + payload) + body, payload)
        }
        let graphLength = nodes.bytes.count + tail.bytes.count + heads.reduce(0) { $0 + $1.bytes.count + $1.payload }
        var model = ProtobufWriter()
        model.int(1, 8)
        model.string(2, "gpath-onnx-bench")
        model.message(8) { $0.string(1, ""); $0.int(2, 13) }

        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        let zeros = Data(count: 1 << 20)
        try handle.write(contentsOf: model.bytes + ProtobufWriter.header(7, length: graphLength) + nodes.bytes)
        for head in heads {
            try handle.write(contentsOf: head.bytes)
            var left = head.payload
            while left > 0 {
                let chunk = min(left, zeros.count)
                try handle.write(contentsOf: zeros.prefix(chunk))
                left -= chunk
            }
        }
        try handle.write(contentsOf: tail.bytes)
        return model.bytes.count + ProtobufWriter.header(7, length: graphLength).count + graphLength
    }

    private func node(
        _ writer: inout ProtobufWriter, _ op: String, _ inputs: [String], _ name: String, outputs: [String]? = nil,
        attributes: (inout ProtobufWriter) -> Void = { _ in }
    ) {
        writer.message(1) { node in
            for input in inputs { node.string(1, input) }
            for output in outputs ?? ["\(name).out"] { node.string(2, output) }
            node.string(3, name)
            node.string(4, op)
            attributes(&node)
        }
    }

    private func valueInfo(_ writer: inout ProtobufWriter, _ name: String, _ dims: [Int]) {
        writer.string(1, name)
        writer.message(2) { type in
            type.message(1) { tensor in
                tensor.int(1, 1)
                tensor.message(2) { shape in
                    for dim in dims { shape.message(1) { $0.int(1, dim) } }
                }
            }
        }
    }
}
