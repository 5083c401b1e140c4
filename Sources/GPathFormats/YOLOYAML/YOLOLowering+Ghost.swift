import GPathDiagnostics
import GPathIR

/// GhostNet's cheap feature maps as yolov5 and ultralytics build them (`GhostConv`,
/// `GhostBottleneck`; `C3Ghost` is ``c3(_:_:_:n:shortcut:ghost:at:)`` with ghost bottlenecks).
extension YOLOLowering {
    /// `GhostConv(c1, c2, k=1, s=1, g=1, act)`: cv1 Conv k×k/s to c2/2, cv2 a depthwise 5×5
    /// Conv of cv1 (groups c2/2); the output is cat(cv1, cv2).
    mutating func ghostConv(_ name: String, _ input: ImportedEdge, _ c2: Int, k: Int, s: Int, g: Int = 1, act: Activation?, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard let cv1 = conv("\(name).cv1", [input], hidden, k: k, s: s, g: g, act: act, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(cv1)], hidden, k: 5, g: hidden, act: act, at: at) else { return nil }
        return tensors.concat(name, [ImportedEdge(cv1), ImportedEdge(cv2)], at: at)
    }

    /// `GhostBottleneck(c1, c2, k=3, s=1)`: conv = GhostConv 1×1 to c2/2 (`conv.0`), a
    /// depthwise k×k/2 Conv without activation when s == 2 (`conv.1`), GhostConv 1×1 to c2
    /// without activation (`conv.2`); shortcut = the input when s == 1 (c1 must equal c2), else
    /// a depthwise k×k/2 Conv and a 1×1 Conv, both without activation; `<name>.add` sums them.
    mutating func ghostBottleneck(_ name: String, _ x: ImportedTensor, _ c2: Int, k: Int, s: Int, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard s == 1 || s == 2, s == 2 || x.channels == c2 else {
            report(.channelMismatch, "`\(name)`: a GhostBottleneck with stride \(s) adds its \(x.channels)-channel input to \(c2) channels", at: at)
            return nil
        }
        guard var branch = ghostConv("\(name).conv.0", ImportedEdge(x), hidden, k: 1, s: 1, act: defaultActivation, at: at) else { return nil }
        var shortcut = x
        if s == 2 {
            guard let down = conv("\(name).conv.1", [ImportedEdge(branch)], hidden, k: k, s: s, g: hidden, act: nil, at: at),
                  let depthwise = conv("\(name).shortcut.0", [ImportedEdge(x)], x.channels, k: k, s: s, g: x.channels, act: nil, at: at),
                  let pointwise = conv("\(name).shortcut.1", [ImportedEdge(depthwise)], c2, act: nil, at: at) else { return nil }
            (branch, shortcut) = (down, pointwise)
        }
        guard let output = ghostConv("\(name).conv.2", ImportedEdge(branch), c2, k: 1, s: 1, act: nil, at: at) else { return nil }
        return tensors.add("\(name).add", [ImportedEdge(output, destinationOffset: 0), ImportedEdge(shortcut, destinationOffset: 0)], channels: c2, at: at)
    }
}
