import GPathDiagnostics
import GPathIR

/// Detection heads: each level is a loss, so several levels (and IAuxDetect's auxiliary heads)
/// are several gradient sources.
extension YOLOLowering {
    /// `Detect(nc, anchors)` (yolov5/v7: per level a biased 1×1 conv to na·(nc+5)), `IDetect`
    /// (plus ImplicitA added before and ImplicitM multiplied after it), `IAuxDetect` (IDetect on
    /// the first nl rows, plain aux convs `m2` on the last nl), and ultralytics `Detect(nc)`
    /// (no anchors: box and class branches 3×3 → 3×3 → 1×1 per level). Losses are
    /// `<row>.loss<i>` and `<row>.aux<i>`.
    /// `masks` (yolov5 `Segment`) widens every output by that many mask coefficients.
    mutating func detect(_ row: YOLOModel.Row, _ sources: [ImportedTensor], kind: String, masks: Int = 0) {
        let at = row.location
        let name = String(row.index)
        guard let classes = int(row, 0, nil, "nc"), classes >= 1 else { return }
        guard let anchorsValue = argument(row, 1) else {
            guard kind == "Detect", masks == 0 else {
                report(.invalidField, "`\(kind)` needs `anchors` (argument 2)", at: at)
                return
            }
            anchorFreeDetect(name, sources, classes: classes, at: at)
            return
        }
        var anchorsPerLevel: Int
        var levels: Int
        switch anchorsValue {
        case .int(let count): (anchorsPerLevel, levels) = (count, kind == "IAuxDetect" ? sources.count / 2 : sources.count)
        case .list(let lists):
            guard case .list(let first)? = lists.first, !first.isEmpty else {
                report(.invalidValue, "`anchors` must be a count or a list of per-level anchor lists", at: at)
                return
            }
            (anchorsPerLevel, levels) = (first.count / 2, lists.count)
        default:
            report(.invalidValue, "`anchors` must be a count or a list of per-level anchor lists, not `\(anchorsValue)`", at: at)
            return
        }
        let expected = kind == "IAuxDetect" ? 2 * levels : levels
        guard sources.count == expected else {
            report(.wrongArity, "`\(kind)` with \(levels) anchor levels reads \(expected) rows, `from` lists \(sources.count)", at: at)
            return
        }
        let outputs = anchorsPerLevel * (classes + 5 + masks)
        for (level, source) in sources.prefix(levels).enumerated() {
            var x = source
            if kind != "Detect" {
                guard let shifted = implicit("\(name).ia.\(level)", adding: true, to: x, at: at) else { return }
                x = shifted
            }
            guard var y = conv("\(name).m.\(level)", [ImportedEdge(x)], outputs, act: nil, bias: true, normalized: false, at: at) else { return }
            if kind != "Detect" {
                guard let scaled = implicit("\(name).im.\(level)", adding: false, to: y, at: at) else { return }
                y = scaled
            }
            tensors.loss("\(name).loss\(level)", .generic, [ImportedEdge(y)], at: at)
        }
        guard kind == "IAuxDetect" else { return }
        for (level, source) in sources.suffix(levels).enumerated() {
            guard let aux = conv("\(name).m2.\(level)", [ImportedEdge(source)], outputs, act: nil, bias: true, normalized: false, at: at) else { return }
            tensors.loss("\(name).aux\(level)", .generic, [ImportedEdge(aux)], at: at)
        }
    }

    /// YOLOR's ImplicitA/ImplicitM: a learnable per-channel vector (a bias-free 1×1 conv of a
    /// constant one, `<name>.one`), broadcast over `x` and merged element-wise with it.
    private mutating func implicit(_ name: String, adding: Bool, to x: ImportedTensor, at: SourceLocation) -> ImportedTensor? {
        let one = tensors.input("\(name).one", channels: 1, spatial: Spatial(height: 1, width: 1), at: at)
        guard let vector = conv(name, [ImportedEdge(one)], x.channels, act: nil, normalized: false, at: at),
              let spread = tensors.broadcast(vector, to: x.spatial, name: "\(name).expand", at: at) else {
            report(.unsupportedConstruct, "`\(name)`: an implicit vector cannot be broadcast over a non-square \(x.spatial) map", at: at)
            return nil
        }
        return tensors.add("\(name).\(adding ? "add" : "mul")", [ImportedEdge(x, destinationOffset: 0), ImportedEdge(spread, destinationOffset: 0)], channels: x.channels, at: at)
    }

    /// Ultralytics `Detect(nc)`: reg_max (16, or the file's `reg_max`), c2 = max(16, ch[0]/4,
    /// 4·reg_max), c3 = max(ch[0], min(nc, 100)); per level box branch cv2 (to 4·reg_max) and
    /// class branch cv3, each Conv 3×3 → Conv 3×3 → Conv2d 1×1 (biased). After a `C3k2` row
    /// (ultralytics' non-legacy Detect) the class branch is DWConv 3×3 → Conv 1×1 → DWConv 3×3
    /// → Conv 1×1 → Conv2d 1×1. The DFL conv (reg_max > 1) is fixed and not modelled. `extra`
    /// outputs per level (Segment's mask coefficients, Pose's keypoints, OBB's angles) add a
    /// third branch `cv4`: Conv 3×3 → Conv 3×3 to c4 = max(ch[0]/4, extra), then a biased
    /// Conv2d 1×1 to `extra`; each level's loss reads all its branches.
    ///
    /// With the file's `end2end: True` every branch has a one-to-one twin (`one2one_cv2`, …)
    /// trained by its own loss `<row>.one2one_loss<i>` on the *detached* level features
    /// (`<row>.detach<i>`, a stop-gradient): the twins train, but send nothing to the network.
    ///
    /// `head` overrides what the file sets: `v10Detect` always has reg_max 16, one-to-one twins
    /// and the depthwise class branch, whatever the file says. Returns the one-to-many level
    /// outputs (box, class and extra branch per level) for heads that read them further
    /// (`Pose26`'s flow); empty when a layer failed (reported).
    @discardableResult
    mutating func anchorFreeDetect(
        _ name: String, _ sources: [ImportedTensor], classes: Int, extra: ExtraBranch = .none, head: HeadOverrides = HeadOverrides(), at: SourceLocation
    ) -> [[ImportedTensor]] {
        guard let first = sources.first else { return [] }
        let regMax = head.regMax ?? model.regMax
        let widths = HeadWidths(box: max(16, first.channels / 4, regMax * 4), classes: max(first.channels, min(classes, 100)),
                                extra: max(first.channels / 4, extra.minimumWidth), regMax: regMax, legacy: head.legacy ?? legacyDetect)
        var levels: [[ImportedTensor]] = []
        for (level, x) in sources.enumerated() {
            guard let outputs = detectLevel(name, "", level, x, widths, classes: classes, extra: extra, at: at) else { return [] }
            levels.append(outputs)
        }
        guard head.endToEnd ?? model.endToEnd else { return levels }
        for (level, x) in sources.enumerated() {
            let detached = tensors.stopGradient("\(name).detach\(level)", x, at: at)
            guard detectLevel(name, "one2one_", level, detached, widths, classes: classes, extra: extra, at: at) != nil else { return [] }
        }
        return levels
    }

    /// What an anchor-free head row fixes regardless of the file (nil: the file's value).
    struct HeadOverrides: Sendable {
        var regMax: Int?
        var endToEnd: Bool?
        var legacy: Bool?
    }

    /// The widths of one anchor-free head: box (c2), class (c3) and extra (c4) branches.
    struct HeadWidths: Sendable {
        var box: Int
        var classes: Int
        var extra: Int
        var regMax: Int
        var legacy: Bool
    }

    /// The third per-level branch of an anchor-free head (`cv4`).
    enum ExtraBranch: Sendable {
        /// Plain Detect: box and class branches only.
        case none
        /// Segment, Pose, OBB: Conv 3×3 → Conv 3×3 to c4 = max(ch[0]/4, outputs), then a biased
        /// Conv2d 1×1 to `outputs` (`.2`).
        case plain(outputs: Int)
        /// `Pose26`: Conv 3×3 → Conv 3×3 to c4 = max(ch[0]/4, keypoints·(dims + 2)), then two
        /// biased Conv2d 1×1 heads, `cv4_kpts` (keypoints·dims) and `cv4_sigma` (2·keypoints).
        case pose26(keypoints: Int, dims: Int)

        var minimumWidth: Int {
            switch self {
            case .none: 0
            case .plain(let outputs): outputs
            case .pose26(let keypoints, let dims): keypoints * (dims + 2)
            }
        }
    }

    /// One level of the anchor-free head: branches `<name>.<prefix>cv2.<level>` (and cv3, cv4)
    /// and their loss `<name>.<prefix>loss<level>`; false when a layer failed (reported).
    private mutating func detectLevel(
        _ name: String, _ prefix: String, _ level: Int, _ x: ImportedTensor, _ widths: HeadWidths,
        classes: Int, extra: ExtraBranch, at: SourceLocation
    ) -> [ImportedTensor]? {
        guard let box = branch("\(name).\(prefix)cv2.\(level)", x, widths.box, outputs: 4 * widths.regMax, at: at),
              let k1 = classBranch("\(name).\(prefix)cv3.\(level)", x, widths.classes, legacy: widths.legacy, at: at),
              let cls = conv("\(name).\(prefix)cv3.\(level).2", [ImportedEdge(k1)], classes, act: nil, bias: true, normalized: false, at: at)
        else { return nil }
        var heads = [box, cls]
        switch extra {
        case .none: break
        case .plain(let outputs):
            guard let output = branch("\(name).\(prefix)cv4.\(level)", x, widths.extra, outputs: outputs, at: at) else { return nil }
            heads.append(output)
        case .pose26(let keypoints, let dims):
            let cv4 = "\(name).\(prefix)cv4.\(level)"
            guard let b0 = conv("\(cv4).0", [ImportedEdge(x)], widths.extra, k: 3, act: defaultActivation, at: at),
                  let b1 = conv("\(cv4).1", [ImportedEdge(b0)], widths.extra, k: 3, act: defaultActivation, at: at),
                  let points = conv("\(name).\(prefix)cv4_kpts.\(level)", [ImportedEdge(b1)], keypoints * dims, act: nil, bias: true, normalized: false, at: at),
                  let sigma = conv("\(name).\(prefix)cv4_sigma.\(level)", [ImportedEdge(b1)], 2 * keypoints, act: nil, bias: true, normalized: false, at: at)
            else { return nil }
            heads += [points, sigma]
        }
        tensors.loss("\(name).\(prefix)loss\(level)", .generic, heads.map { ImportedEdge($0) }, at: at)
        return heads
    }

    /// One Detect branch `name`: Conv 3×3 (`.0`) → Conv 3×3 (`.1`) to `hidden`, then a biased
    /// Conv2d 1×1 (`.2`) to `outputs`.
    private mutating func branch(_ name: String, _ x: ImportedTensor, _ hidden: Int, outputs: Int, at: SourceLocation) -> ImportedTensor? {
        guard let b0 = conv("\(name).0", [ImportedEdge(x)], hidden, k: 3, act: defaultActivation, at: at),
              let b1 = conv("\(name).1", [ImportedEdge(b0)], hidden, k: 3, act: defaultActivation, at: at) else { return nil }
        return conv("\(name).2", [ImportedEdge(b1)], outputs, act: nil, bias: true, normalized: false, at: at)
    }

    /// The first two stages of Detect's class branch `name` (`.0`, `.1`): two 3×3 Convs, or in
    /// the non-legacy head two depthwise-separable pairs (`.0.0` DWConv, `.0.1` Conv 1×1, …).
    private mutating func classBranch(_ name: String, _ x: ImportedTensor, _ c3: Int, legacy: Bool, at: SourceLocation) -> ImportedTensor? {
        guard !legacy else {
            guard let k0 = conv("\(name).0", [ImportedEdge(x)], c3, k: 3, act: defaultActivation, at: at) else { return nil }
            return conv("\(name).1", [ImportedEdge(k0)], c3, k: 3, act: defaultActivation, at: at)
        }
        var current = x
        for stage in 0..<2 {
            guard let depthwise = conv("\(name).\(stage).0", [ImportedEdge(current)], current.channels, k: 3, g: current.channels, act: defaultActivation, at: at),
                  let pointwise = conv("\(name).\(stage).1", [ImportedEdge(depthwise)], c3, act: defaultActivation, at: at) else { return nil }
            current = pointwise
        }
        return current
    }
}
