import GPathDiagnostics
import GPathIR

/// The convolutional backbones and neck blocks of ultralytics' RT-DETR files (`block.py`):
/// PP-HGNetV2's `HGStem` and `HGBlock`, `RepC3`, and the ResNet stages `ResNetLayer`. Their
/// widths are not width-scaled (`parse_model` passes them as written).
extension YOLOLowering {
    /// `HGStem(c1, cm, c2)`, every Conv with ReLU: stem1 Conv 3×3/2 to cm; the map padded by one
    /// pixel right and bottom feeds both a 2×2 stride-1 max pool (`pool`, the padding folded
    /// into its window) and stem2a (Conv 2×2 to cm/2), padded again, stem2b (Conv 2×2 to cm);
    /// stem3 Conv 3×3/2 to cm over cat(pool, stem2b), stem4 Conv 1×1 to c2. A 2×2 convolution
    /// over a one-sided padding keeps the size; gpath's convolutions pad symmetrically, so
    /// stem2a and stem2b are lowered with dilation 2 and padding 1 — the same size, the same
    /// four taps (params and MACs exact), a receptive field one pixel wider.
    mutating func hgStem(_ name: String, _ x: ImportedTensor, cm: Int, c2: Int, at: SourceLocation) -> ImportedTensor? {
        guard cm >= 2 else {
            report(.invalidValue, "`HGStem` needs a middle width of at least 2, not \(cm)", at: at)
            return nil
        }
        guard let stem1 = conv("\(name).stem1", [ImportedEdge(x)], cm, k: 3, s: 2, act: .relu, at: at),
              let stem2a = conv("\(name).stem2a", [ImportedEdge(stem1)], cm / 2, k: 2, p: 1, d: 2, act: .relu, at: at),
              let stem2b = conv("\(name).stem2b", [ImportedEdge(stem2a)], cm, k: 2, p: 1, d: 2, act: .relu, at: at) else { return nil }
        let pooled = tensors.passThrough("\(name).pool", .maxPool(Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1)), ImportedEdge(stem1), at: at)
        guard let stem3 = conv("\(name).stem3", [ImportedEdge(pooled), ImportedEdge(stem2b)], cm, k: 3, s: 2, act: .relu, at: at) else { return nil }
        return conv("\(name).stem4", [ImportedEdge(stem3)], c2, act: .relu, at: at)
    }

    /// `HGBlock(c1, cm, c2, k=3, n=6, lightconv=False, shortcut=False)`, ReLU throughout: n
    /// chained blocks `m.<i>` to cm (Conv k×k, or with `lightconv` a `LightConv`: Conv 1×1
    /// without activation `conv1`, then a depthwise Conv k×k `conv2`); sc Conv 1×1 to c2/2 over
    /// cat(x, every block), ec Conv 1×1 to c2; plus the input when `shortcut` and c1 == c2.
    mutating func hgBlock(_ name: String, _ x: ImportedTensor, cm: Int, c2: Int, k: Int, n: Int, light: Bool, shortcut: Bool, at: SourceLocation) -> ImportedTensor? {
        var parts = [ImportedEdge(x)]
        var current = x
        for index in 0..<n {
            let block = "\(name).m.\(index)"
            let next: ImportedTensor?
            if light {
                guard let pointwise = conv("\(block).conv1", [ImportedEdge(current)], cm, act: nil, at: at) else { return nil }
                next = conv("\(block).conv2", [ImportedEdge(pointwise)], cm, k: k, g: cm, act: .relu, at: at)
            } else {
                next = conv(block, [ImportedEdge(current)], cm, k: k, act: .relu, at: at)
            }
            guard let next else { return nil }
            parts.append(ImportedEdge(next))
            current = next
        }
        guard let squeeze = conv("\(name).sc", parts, c2 / 2, act: .relu, at: at),
              let excite = conv("\(name).ec", [ImportedEdge(squeeze)], c2, act: .relu, at: at) else { return nil }
        guard shortcut, x.channels == c2 else { return excite }
        return tensors.add("\(name).add", [ImportedEdge(excite, destinationOffset: 0), ImportedEdge(x, destinationOffset: 0)], channels: c2, at: at)
    }

    /// `RepC3(c1, c2, n=3, e=1.0)`: c_ = c2·e; cv1 and cv2 Conv 1×1 to c_; n RepConv 3×3 blocks
    /// (`m.<i>`, ultralytics' form: conv1 3×3 + conv2 1×1, summed, then the activation) on cv1;
    /// their output plus cv2 (`add`), then cv3 Conv 1×1 to c2 unless c_ == c2 (an identity).
    mutating func repC3(_ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, e: Double, at: SourceLocation) -> ImportedTensor? {
        let hidden = Int(Double(c2) * e)
        guard hidden >= 1 else {
            report(.invalidValue, "`RepC3`'s expansion `e` must give at least one hidden channel, not \(e)", at: at)
            return nil
        }
        guard var current = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [ImportedEdge(x)], hidden, act: defaultActivation, at: at) else { return nil }
        for index in 0..<n {
            guard let next = repConv("\(name).m.\(index)", current, hidden, k: 3, s: 1, act: defaultActivation, ultralytics: true, at: at) else { return nil }
            current = next
        }
        let sum = tensors.add("\(name).add", [ImportedEdge(current, destinationOffset: 0), ImportedEdge(bypass, destinationOffset: 0)], channels: hidden, at: at)
        guard hidden != c2 else { return sum }
        return conv("\(name).cv3", [ImportedEdge(sum)], c2, act: defaultActivation, at: at)
    }

    /// `ResNetLayer(c1, c2, s=1, is_first=False, n=1, e=4)`, its arguments as written (c1
    /// included, checked against the input): with `is_first` a Conv 7×7/2 (padding 3) to c2
    /// (`layer.0`) and a 3×3/2 max pool (`layer.1`); otherwise n `ResNetBlock`s (`layer.<b>`),
    /// the first with stride s. A block: cv1 Conv 1×1 to c2, cv2 Conv 3×3/s to c2, cv3 Conv 1×1
    /// to e·c2 without activation; the shortcut a Conv 1×1/s to e·c2 without activation
    /// (`shortcut.0`) when s ≠ 1 or the width changes, else the input; ReLU of their sum
    /// (`add`, `act`). Output e·c2 channels (c2 with `is_first`).
    mutating func resNetLayer(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor) -> ImportedTensor? {
        let at = row.location
        guard let c1 = int(row, 0, nil, "c1"), let c2 = int(row, 1, nil, "c2"), let s = int(row, 2, 1, "s"),
              let blocks = int(row, 4, 1, "n"), let e = int(row, 5, 4, "e") else { return nil }
        guard c1 == x.channels else {
            report(.channelMismatch, "`ResNetLayer` is declared with c1 = \(c1) input channels, but its input has \(x.channels)", at: at)
            return nil
        }
        guard c2 >= 1, s >= 1, blocks >= 1, e >= 1 else {
            report(.invalidValue, "`ResNetLayer` needs positive c2, s, n and e", at: at)
            return nil
        }
        if bool(row, 3, false) {
            guard let stem = conv("\(name).layer.0", [ImportedEdge(x)], c2, k: 7, s: 2, p: 3, act: defaultActivation, at: at) else { return nil }
            return tensors.passThrough("\(name).layer.1", .maxPool(Pooling(kernel: 3, stride: 2, padding: 1)), ImportedEdge(stem), at: at)
        }
        var current = x
        for index in 0..<blocks {
            let block = "\(name).layer.\(index)"
            let stride = index == 0 ? s : 1
            guard let cv1 = conv("\(block).cv1", [ImportedEdge(current)], c2, act: defaultActivation, at: at),
                  let cv2 = conv("\(block).cv2", [ImportedEdge(cv1)], c2, k: 3, s: stride, p: 1, act: defaultActivation, at: at),
                  let cv3 = conv("\(block).cv3", [ImportedEdge(cv2)], e * c2, act: nil, at: at) else { return nil }
            var shortcut = current
            if stride != 1 || current.channels != e * c2 {
                guard let projected = conv("\(block).shortcut.0", [ImportedEdge(current)], e * c2, s: stride, act: nil, at: at) else { return nil }
                shortcut = projected
            }
            guard shortcut.spatial == cv3.spatial else {
                report(.channelMismatch, "`\(block)`: its residual and shortcut disagree in size (\(cv3.spatial) vs \(shortcut.spatial))", at: at)
                return nil
            }
            let sum = tensors.add("\(block).add", [ImportedEdge(cv3, destinationOffset: 0), ImportedEdge(shortcut, destinationOffset: 0)], channels: e * c2, at: at)
            current = tensors.passThrough("\(block).act", .activation(.relu), ImportedEdge(sum), at: at)
        }
        return current
    }
}
