import GPathDiagnostics
import GPathIR

/// The CSP families of the yolov7 repository (`models/common.py`) its baseline files use:
/// `BottleneckCSPA/B/C`, `ResCSPA/B/C`, `ResXCSPA/B/C`, `GhostCSPA/B/C`, and `Stem`. Every
/// Conv is Conv2d(bias=False) + BN + the default activation.
extension YOLOLowering {
    /// How the CSP module splits and merges (`models/common.py` `BottleneckCSPA/B/C`).
    enum CSPVariant: Sendable {
        /// c_ = c2·e; cv3 1×1 over cat(m(cv1(x)), cv2(x)), cv1 and cv2 both 1×1 of x.
        case a
        /// c_ = c2; x1 = cv1(x); cv3 1×1 over cat(m(x1), cv2(x1)).
        case b
        /// c_ = c2·e; cv4 1×1 over cat(cv3(m(cv1(x))), cv2(x)), cv3 a 1×1 after the blocks.
        case c
    }

    /// The block a yolov7 CSP module repeats on its hidden width c_.
    enum CSPBlock: Sendable {
        /// `Bottleneck(c_, c_, shortcut, e=1)`: Conv 1×1 → Conv 3×3, plus the input.
        case bottleneck
        /// `Res(c_, c_, shortcut, g=1, e=0.5)`: Conv 1×1 to c_/2 → Conv 3×3 → Conv 1×1 to c_, plus the input.
        case res
        /// `Res(c_, c_, shortcut, g=32, e=1)`: the ResNeXt form, its 3×3 in 32 groups.
        case resX
        /// `Ghost(c_, c_)`: GhostNet's bottleneck (GhostConv → GhostConv, plus the input).
        case ghost
    }

    /// A yolov7 CSP module name split into its variant and block (`ResXCSPB` → (.b, .resX)).
    static func cspModule(_ name: String) -> (variant: CSPVariant, block: CSPBlock)? {
        guard let variant: CSPVariant = switch name.last { case "A": .a; case "B": .b; case "C": .c; default: nil } else { return nil }
        let block: CSPBlock? = switch name.dropLast() {
        case "BottleneckCSP": .bottleneck
        case "ResCSP": .res
        case "ResXCSP": .resX
        case "GhostCSP": .ghost
        default: nil
        }
        return block.map { (variant, $0) }
    }

    /// Every yolov7 CSP module gpath expands.
    static let yolov7CSPModules: Set<String> = Set(["BottleneckCSP", "ResCSP", "ResXCSP", "GhostCSP"].flatMap { stem in ["A", "B", "C"].map { stem + $0 } })

    /// `<Block>CSP<Variant>(c1, c2, n, shortcut, g, e=0.5)` (names `cv1` … `cv4`, `m.<i>`).
    /// `shortcut` defaults as in yolov7: False for BottleneckCSPB, True for the others.
    mutating func yolov7CSP(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, _ c2: Int, n: Int, variant: CSPVariant, block: CSPBlock) -> ImportedTensor? {
        let at = row.location
        let shortcut = bool(row, 1, !(variant == .b && block == .bottleneck))
        guard let e = ratio(row, 3, 0.5, "e") else { return nil }
        let hidden = variant == .b ? c2 : Int(Double(c2) * e)
        guard hidden >= 1 else {
            report(.invalidValue, "`\(row.module)`'s expansion `e` must give at least one hidden channel, not \(e)", at: at)
            return nil
        }
        guard var current = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at) else { return nil }
        let split = current
        let bypassInput = variant == .b ? split : x
        guard let bypass = conv("\(name).cv2", [ImportedEdge(bypassInput)], hidden, act: defaultActivation, at: at) else { return nil }
        for index in 0..<n {
            let blockName = "\(name).m.\(index)"
            let next: ImportedTensor? = switch block {
            case .bottleneck: bottleneck(blockName, ImportedEdge(current), hidden, shortcut: shortcut, g: 1, e: 1, kernels: (1, 3), at: at)
            case .res: res(blockName, current, shortcut: shortcut, g: 1, e: 0.5, at: at)
            case .resX: res(blockName, current, shortcut: shortcut, g: 32, e: 1, at: at)
            case .ghost: ghostBottleneck(blockName, current, hidden, k: 3, s: 1, at: at)
            }
            guard let next else { return nil }
            current = next
        }
        switch variant {
        case .a, .b:
            return conv("\(name).cv3", [ImportedEdge(current), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
        case .c:
            guard let cv3 = conv("\(name).cv3", [ImportedEdge(current)], hidden, act: defaultActivation, at: at) else { return nil }
            return conv("\(name).cv4", [ImportedEdge(cv3), ImportedEdge(bypass)], c2, act: defaultActivation, at: at)
        }
    }

    /// yolov7 `Res(c, c, shortcut, g, e)`: cv1 Conv 1×1 to c·e, cv2 Conv 3×3 (groups g), cv3
    /// Conv 1×1 back to c, plus the input when `shortcut`.
    private mutating func res(_ name: String, _ x: ImportedTensor, shortcut: Bool, g: Int, e: Double, at: SourceLocation) -> ImportedTensor? {
        let c = x.channels
        let hidden = Int(Double(c) * e)
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], hidden, act: defaultActivation, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(cv1)], hidden, k: 3, g: g, act: defaultActivation, at: at),
              let cv3 = conv("\(name).cv3", [ImportedEdge(cv2)], c, act: defaultActivation, at: at) else { return nil }
        guard shortcut else { return cv3 }
        return tensors.add("\(name).add", [ImportedEdge(x, destinationOffset: 0), ImportedEdge(cv3, destinationOffset: 0)], channels: c, at: at)
    }

    /// yolov7 `Stem(c1, c2)`: c_ = c2/2; cv1 Conv 3×3/2 to c_; cv2 Conv 1×1 → cv3 Conv 3×3/2
    /// beside a 2×2/2 max pool of cv1 (`pool`); cv4 Conv 1×1 to c2 over cat(cv3, pool).
    mutating func stem(_ name: String, _ x: ImportedTensor, _ c2: Int, at: SourceLocation) -> ImportedTensor? {
        let hidden = c2 / 2
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], hidden, k: 3, s: 2, act: defaultActivation, at: at),
              let cv2 = conv("\(name).cv2", [ImportedEdge(cv1)], hidden, act: defaultActivation, at: at),
              let cv3 = conv("\(name).cv3", [ImportedEdge(cv2)], hidden, k: 3, s: 2, act: defaultActivation, at: at) else { return nil }
        let pooled = tensors.passThrough("\(name).pool", .maxPool(Pooling(kernel: 2)), ImportedEdge(cv1), at: at)
        guard pooled.spatial == cv3.spatial else {
            report(.channelMismatch, "`\(name)`: its strided and pooled branches disagree in size (\(cv3.spatial) vs \(pooled.spatial))", at: at)
            return nil
        }
        return conv("\(name).cv4", [ImportedEdge(cv3), ImportedEdge(pooled)], c2, act: defaultActivation, at: at)
    }
}
