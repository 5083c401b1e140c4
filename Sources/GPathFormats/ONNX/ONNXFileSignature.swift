/// Recognises files that are certainly not ONNX protobuf by their first bytes.
///
/// ONNX has no magic number — a model is a bare protobuf `ModelProto` — so a wrong file would
/// otherwise fail with a vague decoding error (or, worse, decode as an empty message). Files
/// users mistake for ONNX have signatures, and naming them turns "corrupt" into "you passed
/// the PyTorch checkpoint, export it first".
enum ONNXFileSignature {
    /// A description of the format `bytes` start with, or nil when they may be ONNX.
    static func foreignFormat(of bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(64))
        func starts(with signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<offset + signature.count]) == signature
        }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "a zip archive (a PyTorch `.pt` / TorchScript or Keras `.keras` file?)"
        }
        if starts(with: [0x89, 0x48, 0x44, 0x46]) { return "an HDF5 file (a Keras `.h5` model?)" }
        if starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        if starts(with: Array("GGUF".utf8)) { return "a GGUF model file" }
        if starts(with: Array("TFL3".utf8), at: 4) { return "a TensorFlow Lite flatbuffer" }
        if starts(with: [0x1F, 0x8B]) { return "gzip-compressed data (unpack it first)" }
        if head.count >= 2, head[0] == 0x80, (2...5).contains(head[1]) {
            return "a Python pickle (a PyTorch checkpoint?)"
        }
        if head.count > 8, head[8] == UInt8(ascii: "{"), head[6] == 0, head[7] == 0 {
            return "a safetensors file (weights only, no graph)"
        }
        if !head.isEmpty, head.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return "text (ONNX text format, JSON or a script?); gpath reads the binary protobuf `.onnx`"
        }
        return nil
    }
}
