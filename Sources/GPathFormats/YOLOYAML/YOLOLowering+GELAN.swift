import GPathDiagnostics
import GPathIR

/// YOLOv9's GELAN blocks (ultralytics `block.py`), the generalised ELAN of the gradient-path
/// paper's authors: every branch is lowered so each concat and add reads exactly the layers
/// the PyTorch `forward` feeds it. Widths after `c2` (`c3`, `c4`) are not width-scaled, as in
/// `parse_model`. Every Conv is Conv2d(bias=False) + BN + the default activation.
extension YOLOLowering {
    /// `RepNCSPELAN4(c1, c2, c3, c4, n)` (`elan: false`) and `ELAN1(c1, c2, c3, c4)`
    /// (`elan: true`): cv1 1×1 to c3 split into halves y0, y1; cv2 reads y1, cv3 reads cv2;
    /// cv4 1×1 over cat(y0, y1, cv2, cv3) (c3 + 2·c4 channels). In RepNCSPELAN4 cv2 and cv3 are
    /// `RepCSP(·, c4, n)` followed by a 3×3 Conv (`cv2.0`, `cv2.1`); in ELAN1 single 3×3 Convs.
    mutating func gelan(_ name: String, _ x: ImportedTensor, c2: Int, c3: Int, c4: Int, n: Int, elan: Bool, at: SourceLocation) -> ImportedTensor? {
        let module = elan ? "ELAN1" : "RepNCSPELAN4"
        guard c3 >= 2, c3 % 2 == 0 else {
            report(.invalidValue, "`\(module)` splits c3 into two halves, so c3 must be even and positive, not \(c3)", at: at)
            return nil
        }
        guard c4 >= 2, c4 % 2 == 0, n >= 1 else {
            report(.invalidValue, "`\(module)` needs an even positive c4 and n ≥ 1, not c4 = \(c4), n = \(n)", at: at)
            return nil
        }
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], c3, act: defaultActivation, at: at) else { return nil }
        var parts = [ImportedEdge(cv1, range: ChannelRange(0, c3 / 2)), ImportedEdge(cv1, range: ChannelRange(c3 / 2, c3))]
        for branch in ["cv2", "cv3"] {
            guard let last = parts.last else { return nil }
            let output: ImportedTensor?
            if elan {
                output = conv("\(name).\(branch)", [last], c4, k: 3, act: defaultActivation, at: at)
            } else {
                guard let csp = repCSP("\(name).\(branch).0", last, c4, n: n, at: at) else { return nil }
                output = conv("\(name).\(branch).1", [ImportedEdge(csp)], c4, k: 3, act: defaultActivation, at: at)
            }
            guard let output else { return nil }
            parts.append(ImportedEdge(output))
        }
        return conv("\(name).cv4", parts, c2, act: defaultActivation, at: at)
    }

    /// `RepCSP(c1, c2, n)`: ultralytics C3 (c_ = c2/2; cv3 1×1 over cat(m(cv1(x)), cv2(x)))
    /// whose m is n × `RepBottleneck(c_, c_, e=1)`: cv1 = RepConv 3×3 (3×3 + 1×1 branches,
    /// summed, then the activation), cv2 = Conv 3×3, plus the bottleneck's input.
    private mutating func repCSP(_ name: String, _ input: ImportedEdge, _ c2: Int, n: Int, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard var current = conv("\(name).cv1", [input], hidden, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [input], hidden, act: defaultActivation, at: at) else { return nil }
        for index in 0..<n {
            let block = "\(name).m.\(index)"
            guard let rep = repConv("\(block).cv1", current, hidden, k: 3, s: 1, act: defaultActivation, ultralytics: true, at: at),
                  let cv2 = conv("\(block).cv2", [ImportedEdge(rep)], hidden, k: 3, act: defaultActivation, at: at) else { return nil }
            current = tensors.add("\(block).add", [ImportedEdge(current, destinationOffset: 0), ImportedEdge(cv2, destinationOffset: 0)], channels: hidden, at: at)
        }
        return conv("\(name).cv3", [ImportedEdge(current), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
    }

    /// `AConv(c1, c2)`: a 2×2 stride-1 average pool (`avg_pool`, no padding: one pixel
    /// smaller), then Conv 3×3/2 padding 1 to c2.
    mutating func aConv(_ name: String, _ x: ImportedTensor, _ c2: Int, at: SourceLocation) -> ImportedTensor? {
        let pooled = tensors.passThrough("\(name).avg_pool", .averagePool(Pooling(kernel: 2, stride: 1)), ImportedEdge(x), at: at)
        return conv("\(name).cv1", [ImportedEdge(pooled)], c2, k: 3, s: 2, p: 1, act: defaultActivation, at: at)
    }

    /// `ADown(c1, c2)`: the 2×2 stride-1 average pool, split in channel halves; the first half
    /// through cv1 (Conv 3×3/2 p1 to c2/2), the second through a 3×3/2 p1 max pool and cv2
    /// (Conv 1×1 to c2/2); cat(cv1, cv2).
    mutating func aDown(_ name: String, _ x: ImportedTensor, _ c2: Int, at: SourceLocation) -> ImportedTensor? {
        let half = x.channels / 2
        guard x.channels % 2 == 0, c2 >= 2 else {
            report(.channelMismatch, "`\(name)`: ADown splits its input in halves, but it has \(x.channels) channels", at: at)
            return nil
        }
        let pooled = tensors.passThrough("\(name).avg_pool", .averagePool(Pooling(kernel: 2, stride: 1)), ImportedEdge(x), at: at)
        let maxPooled = tensors.passThrough("\(name).max_pool", .maxPool(Pooling(kernel: 3, stride: 2, padding: 1)),
                                            ImportedEdge(pooled, range: ChannelRange(half, 2 * half)), at: at)
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(pooled, range: ChannelRange(0, half))], c2 / 2, k: 3, s: 2, p: 1, act: defaultActivation, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(maxPooled)], c2 / 2, k: 1, s: 1, p: 0, act: defaultActivation, at: at) else { return nil }
        guard cv1.spatial == cv2.spatial else {
            report(.channelMismatch, "`\(name)`: its strided and pooled halves disagree in size (\(cv1.spatial) vs \(cv2.spatial))", at: at)
            return nil
        }
        return tensors.concat(name, [ImportedEdge(cv1), ImportedEdge(cv2)], at: at)
    }

    /// `SPPELAN(c1, c2, c3, k=5)`: cv1 1×1 to c3, three chained k×k stride-1 max pools (cv2,
    /// cv3, cv4), cv5 1×1 over cat(cv1, pools) (4·c3 channels) to c2.
    mutating func sppelan(_ name: String, _ x: ImportedTensor, _ c2: Int, c3: Int, k: Int, at: SourceLocation) -> ImportedTensor? {
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], c3, act: defaultActivation, at: at) else { return nil }
        var parts = [ImportedEdge(cv1)]
        var last = cv1
        for pool in ["cv2", "cv3", "cv4"] {
            last = tensors.passThrough("\(name).\(pool)", .maxPool(Pooling(kernel: AxisPair(k), stride: 1, padding: AxisPair(k / 2))), ImportedEdge(last), at: at)
            parts.append(ImportedEdge(last))
        }
        return conv("\(name).cv5", parts, c2, act: defaultActivation, at: at)
    }
}
