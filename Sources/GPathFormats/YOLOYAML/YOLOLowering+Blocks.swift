import GPathDiagnostics
import GPathIR

/// The CSP/SPP/RepVGG blocks, expanded as their PyTorch `forward` computes them; internal
/// names are the modules' attribute names (`cv1`, `m.0`, `rbr_dense`…). Every Conv is
/// Conv2d(bias=False) + BN + SiLU unless stated.
extension YOLOLowering {
    /// yolov5 `Bottleneck(c1, c2, shortcut, g, e)`: cv1 k₀×k₀ to c2·e, cv2 k₁×k₁ (groups g) to
    /// c2, plus the input when `shortcut` and c1 == c2. `input` may be a channel slice (C2f).
    mutating func bottleneck(
        _ name: String, _ input: ImportedEdge, _ c2: Int, shortcut: Bool, g: Int, e: Double, kernels: (Int, Int), at: SourceLocation
    ) -> ImportedTensor? {
        let hidden = Int(Double(c2) * e)
        guard let cv1 = conv("\(name).cv1", [input], hidden, k: kernels.0, act: defaultActivation, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(cv1)], c2, k: kernels.1, g: g, act: defaultActivation, at: at) else { return nil }
        guard shortcut, input.width == c2 else { return cv2 }
        var residual = input
        residual.destinationOffset = 0
        return tensors.add("\(name).add", [residual, ImportedEdge(cv2, destinationOffset: 0)], channels: c2, at: at)
    }

    /// `C3(c1, c2, n, shortcut, e=0.5)`: c_ = c2/2; cv3(cat(m(cv1(x)), cv2(x))) with
    /// m = n × Bottleneck(c_, c_, e=1) (1×1 then 3×3), or with `ghost` (`C3Ghost`) n ×
    /// GhostBottleneck(c_, c_).
    mutating func c3(_ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, shortcut: Bool, ghost: Bool = false, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard var current = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [ImportedEdge(x)], hidden, act: defaultActivation, at: at) else { return nil }
        for index in 0..<n {
            let block = "\(name).m.\(index)"
            let next = ghost ? ghostBottleneck(block, current, hidden, k: 3, s: 1, at: at)
                : bottleneck(block, ImportedEdge(current), hidden, shortcut: shortcut, g: 1, e: 1, kernels: (1, 3), at: at)
            guard let next else { return nil }
            current = next
        }
        return conv("\(name).cv3", [ImportedEdge(current), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
    }

    /// `C2f(c1, c2, n, shortcut=False, e=0.5)`: c = c2/2; cv1 to 2c split in halves; each
    /// Bottleneck(c, c, k=(3,3), e=1) reads the last chunk; cv2 reads all 2 + n chunks.
    /// With `inner`, the blocks of `C3k2` (C2f with c = c2·e): see ``C2fBlock``.
    mutating func c2f(
        _ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, shortcut: Bool, e: Double = 0.5, inner: C2fBlock = .bottleneck, at: SourceLocation
    ) -> ImportedTensor? {
        let c = Int(Double(c2) * e)
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], 2 * c, act: defaultActivation, at: at) else { return nil }
        var chunks = [ImportedEdge(cv1, range: ChannelRange(0, c)), ImportedEdge(cv1, range: ChannelRange(c, 2 * c))]
        for index in 0..<n {
            guard let last = chunks.last else { return nil }
            let block = "\(name).m.\(index)"
            let next = switch inner {
            case .bottleneck: bottleneck(block, last, c, shortcut: shortcut, g: 1, e: 1, kernels: (3, 3), at: at)
            case .halfBottleneck: bottleneck(block, last, c, shortcut: shortcut, g: 1, e: 0.5, kernels: (3, 3), at: at)
            case .c3k: c3k(block, last, c, n: 2, shortcut: shortcut, at: at)
            case .psa: psaBlock(block, last, c, heads: max(c / 64, 1), at: at)
            case .bottleneckThenPSA:
                bottleneck("\(block).0", last, c, shortcut: shortcut, g: 1, e: 0.5, kernels: (3, 3), at: at)
                    .flatMap { psaBlock("\(block).1", ImportedEdge($0), c, heads: max(c / 64, 1), at: at) }
            case .cib(let largeKernel): cib(block, last, c, shortcut: shortcut, e: 1, largeKernel: largeKernel, at: at)
            }
            guard let next else { return nil }
            chunks.append(ImportedEdge(next))
        }
        return conv("\(name).cv2", chunks, c2, act: defaultActivation, at: at)
    }

    /// ultralytics `C2(c1, c2, n, shortcut=True, g=1, e=0.5)`: c = c2·e; cv1 Conv 1×1 to 2c split
    /// in halves a, b; n chained `Bottleneck(c, c, k=(3, 3), e=1)` on a; cv2 Conv 1×1 over
    /// cat(m(a), b).
    mutating func c2(_ name: String, _ x: ImportedTensor, _ c2: Int, n: Int, shortcut: Bool, at: SourceLocation) -> ImportedTensor? {
        let c = c2 / 2
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], 2 * c, act: defaultActivation, at: at) else { return nil }
        var current = ImportedEdge(cv1, range: ChannelRange(0, c))
        for index in 0..<n {
            guard let next = bottleneck("\(name).m.\(index)", current, c, shortcut: shortcut, g: 1, e: 1, kernels: (3, 3), at: at) else { return nil }
            current = ImportedEdge(next)
        }
        return conv("\(name).cv2", [current, ImportedEdge(cv1, range: ChannelRange(c, 2 * c))], c2, act: defaultActivation, at: at)
    }

    /// `SPPF(c1, c2, k)` (chained: three k×k/1 max pools in series) and `SPP(c1, c2, k=(5,9,13))`
    /// (parallel pools): cv1 1×1 to c1/2, cv2 1×1 over cat(x, pools…).
    /// `activatedReduction: false` is ultralytics' current SPPF written with `n` or `shortcut`
    /// (YOLO26): its cv1 has no activation (`parse_model` restores it only for `[c2, k]` rows).
    mutating func spp(
        _ name: String, _ x: ImportedTensor, _ c2: Int, kernels: [Int], chained: Bool, activatedReduction: Bool = true, at: SourceLocation
    ) -> ImportedTensor? {
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], max(1, x.channels / 2), act: activatedReduction ? defaultActivation : nil, at: at) else { return nil }
        var parts = [ImportedEdge(cv1)]
        var last = cv1
        for (index, k) in kernels.enumerated() {
            let pool = Pooling(kernel: AxisPair(k), stride: 1, padding: AxisPair(k / 2))
            last = tensors.passThrough("\(name).m.\(index)", .maxPool(pool), ImportedEdge(chained ? last : cv1), at: at)
            parts.append(ImportedEdge(last))
        }
        return conv("\(name).cv2", parts, c2, act: defaultActivation, at: at)
    }

    /// yolov7 `SPPCSPC(c1, c2, e=0.5, k=(5,9,13))`: c_ = 2·c2·e; branch cv1→cv3 (3×3)→cv4,
    /// pools, cv5→cv6 (3×3); bypass cv2; cv7 over cat(branch, bypass).
    mutating func sppcspc(_ name: String, _ x: ImportedTensor, _ c2: Int, kernels: [Int], at: SourceLocation) -> ImportedTensor? {
        let c = c2
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], c, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [ImportedEdge(x)], c, act: defaultActivation, at: at),
              let cv3 = conv("\(name).cv3", [ImportedEdge(cv1)], c, k: 3, act: defaultActivation, at: at),
              let x1 = conv("\(name).cv4", [ImportedEdge(cv3)], c, act: defaultActivation, at: at) else { return nil }
        var parts = [ImportedEdge(x1)]
        for (index, k) in kernels.enumerated() {
            parts.append(ImportedEdge(tensors.passThrough("\(name).m.\(index)", .maxPool(Pooling(kernel: AxisPair(k), stride: 1, padding: AxisPair(k / 2))), ImportedEdge(x1), at: at)))
        }
        guard let cv5 = conv("\(name).cv5", parts, c, act: defaultActivation, at: at),
              let y1 = conv("\(name).cv6", [ImportedEdge(cv5)], c, k: 3, act: defaultActivation, at: at) else { return nil }
        return conv("\(name).cv7", [ImportedEdge(y1), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
    }

    /// yolov7 `RepConv(c1, c2, k=3, s=1)` in training form: act(rbr_dense(x) + rbr_1x1(x) +
    /// rbr_identity(x)) — k×k conv+BN, 1×1 conv+BN, and a BN of x when c1 == c2 and s == 1.
    /// With `ultralytics`, its `RepConv` as RepBottleneck builds it (bn=False): act(conv1(x) +
    /// conv2(x)), no identity branch.
    mutating func repConv(
        _ name: String, _ x: ImportedTensor, _ c2: Int, k: Int, s: Int, act: Activation?, ultralytics: Bool = false, at: SourceLocation
    ) -> ImportedTensor? {
        let (denseName, pointwiseName) = ultralytics ? ("conv1", "conv2") : ("rbr_dense", "rbr_1x1")
        guard let dense = conv("\(name).\(denseName)", [ImportedEdge(x)], c2, k: k, s: s, act: nil, at: at),
              let pointwise = conv("\(name).\(pointwiseName)", [ImportedEdge(x)], c2, k: 1, s: s, p: 0, act: nil, at: at) else { return nil }
        var branches = [ImportedEdge(dense, destinationOffset: 0), ImportedEdge(pointwise, destinationOffset: 0)]
        if x.channels == c2 && s == 1 && !ultralytics {
            let identity = tensors.passThrough("\(name).rbr_identity", .normalization, ImportedEdge(x), at: at)
            branches.append(ImportedEdge(identity, destinationOffset: 0))
        }
        guard dense.spatial == pointwise.spatial else {
            report(.channelMismatch, "`\(name)`: the \(k)x\(k) and 1x1 branches disagree in size", at: at)
            return nil
        }
        let sum = tensors.add("\(name).sum", branches, channels: c2, at: at)
        guard let act else { return sum }
        return tensors.passThrough("\(name).act", .activation(act), ImportedEdge(sum), at: at)
    }

    /// yolov7 `DownC(c1, c2, n, k=2)`: cat(cv2(cv1(x)) with cv1 1×1 (c1) and cv2 3×3/k (c2/2),
    /// cv3(maxpool k(x)) 1×1 (c2/2)).
    mutating func downC(_ name: String, _ x: ImportedTensor, _ c2: Int, k: Int, at: SourceLocation) -> ImportedTensor? {
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], x.channels, act: defaultActivation, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(cv1)], c2 / 2, k: 3, s: k, act: defaultActivation, at: at) else { return nil }
        let pooled = tensors.passThrough("\(name).mp", .maxPool(Pooling(kernel: AxisPair(k))), ImportedEdge(x), at: at)
        guard let cv3 = conv("\(name).cv3", [ImportedEdge(pooled)], c2 / 2, act: defaultActivation, at: at) else { return nil }
        guard cv2.spatial == cv3.spatial else {
            report(.channelMismatch, "`\(name)`: its strided and pooled branches disagree in size (\(cv2.spatial) vs \(cv3.spatial))", at: at)
            return nil
        }
        return tensors.concat(name, [ImportedEdge(cv2), ImportedEdge(cv3)], at: at)
    }
}
