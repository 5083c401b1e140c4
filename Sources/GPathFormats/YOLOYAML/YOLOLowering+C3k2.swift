import GPathDiagnostics
import GPathIR

/// YOLO11 / YOLOv10 blocks (ultralytics `block.py`): `C3k2`, its `C3k` inner block, and
/// `SCDown`.
extension YOLOLowering {
    /// The block C2f repeats on its last chunk.
    enum C2fBlock: Sendable {
        /// C2f's `Bottleneck(c, c, k=(3, 3), e=1)`.
        case bottleneck
        /// C3k2's default `Bottleneck(c, c)`: k = (3, 3), e = 0.5 (a c/2-wide middle).
        case halfBottleneck
        /// C3k2 with c3k: `C3k(c, c, n=2)`.
        case c3k
        /// C2fPSA: `PSABlock(c, attn_ratio=0.5, num_heads=max(c / 64, 1))`.
        case psa
        /// C3k2 with attn: `Sequential(Bottleneck(c, c), PSABlock(c))`.
        case bottleneckThenPSA
        /// C2fCIB's `CIB(c, c, shortcut, e=1, lk)`.
        case cib(largeKernel: Bool)
    }

    /// `C3k2(c1, c2, n, c3k=False, e=0.5, attn=False, g=1, shortcut=True)`: C2f with
    /// c = c2·e whose n blocks are `C3k(c, c, 2)` when c3k (which `parse_model` forces at scales
    /// m, l and x) or `Bottleneck(c, c)`; with `attn` (YOLO26), each block is a
    /// `Bottleneck(c, c)` followed by a `PSABlock(c)`.
    mutating func c3k2(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, _ c2: Int, n: Int) -> ImportedTensor? {
        legacyDetect = false
        let attn = bool(row, 3, false)
        guard let e = ratio(row, 2, 0.5, "e") else { return nil }
        guard Int(Double(c2) * e) >= 1 else {
            report(.invalidValue, "`C3k2`'s expansion `e` must give at least one hidden channel, not \(e)", at: row.location)
            return nil
        }
        let c3k = bool(row, 1, false) || ["m", "l", "x"].contains(model.scale ?? "")
        return c2f(name, x, c2, n: n, shortcut: bool(row, 5, true), e: e, inner: attn ? .bottleneckThenPSA : c3k ? .c3k : .halfBottleneck, at: row.location)
    }

    /// `C3k(c1, c2, n=2, shortcut, e=0.5, k=3)`: ultralytics C3 (c_ = c2/2; cv3 1×1 over
    /// cat(m(cv1(x)), cv2(x))) whose m is n × `Bottleneck(c_, c_, k=(3, 3), e=1)`.
    mutating func c3k(_ name: String, _ input: ImportedEdge, _ c2: Int, n: Int, shortcut: Bool, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard var current = conv("\(name).cv1", [input], hidden, act: defaultActivation, at: at),
              let bypass = conv("\(name).cv2", [input], hidden, act: defaultActivation, at: at) else { return nil }
        for index in 0..<n {
            guard let next = bottleneck("\(name).m.\(index)", ImportedEdge(current), hidden, shortcut: shortcut, g: 1, e: 1, kernels: (3, 3), at: at) else { return nil }
            current = next
        }
        return conv("\(name).cv3", [ImportedEdge(current), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
    }

    /// `SCDown(c1, c2, k, s)`: cv1 Conv 1×1 to c2, then cv2 a depthwise k×k/s Conv (groups
    /// c2) without activation.
    mutating func scDown(_ name: String, _ x: ImportedTensor, _ c2: Int, k: Int, s: Int, at: SourceLocation) -> ImportedTensor? {
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], c2, act: defaultActivation, at: at) else { return nil }
        return conv("\(name).cv2", [ImportedEdge(cv1)], c2, k: k, s: s, g: c2, act: nil, at: at)
    }
}
