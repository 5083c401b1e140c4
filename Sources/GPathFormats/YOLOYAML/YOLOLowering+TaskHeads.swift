import GPathDiagnostics
import GPathIR

/// The task heads built on Detect (ultralytics `head.py`, yolov5 `models/yolo.py`): instance
/// segmentation (`Segment`, with its `Proto` mask prototypes), keypoints (`Pose`) and oriented
/// boxes (`OBB`). Each adds a per-level branch to Detect whose output joins that level's loss;
/// Segment's prototypes feed a loss of their own, as the mask loss multiplies them by the
/// per-level coefficients. YOLO26's variants (`Segment26`, `Pose26`, `OBB26`) are in
/// `YOLOLowering+Heads26.swift`.
extension YOLOLowering {
    /// `Segment(nc, nm=32, npr=256)` (ultralytics: anchor-free Detect plus a `cv4` branch to
    /// nm mask coefficients per level), yolov5's `Segment(nc, anchors, nm=32, npr=256)`
    /// (anchor-based Detect whose 1×1 outputs na·(5 + nc + nm)), `Pose(nc, kpt_shape=[17, 3])`
    /// (`cv4` to keypoints·dims) and `OBB(nc, ne=1)` (`cv4` to ne angles). A yolov5 Segment is
    /// recognised by its second argument being `anchors` or a list. `OBB26` is OBB with raw
    /// angles (the same layers); `Segment26` and `Pose26` are described at ``proto26(_:_:hidden:masks:classes:at:)``
    /// and ``realNVP(_:levels:keypoints:dims:at:)``.
    mutating func taskHead(_ row: YOLOModel.Row, _ sources: [ImportedTensor], kind: String) {
        let at = row.location
        let name = String(row.index)
        guard let classes = int(row, 0, nil, "nc"), classes >= 1 else { return }
        switch kind {
        case "Segment", "Segment26":
            let anchorBased: Bool = switch row.arguments.count > 1 && kind == "Segment" ? row.arguments[1] : nil {
            case .name("anchors")?, .list?: true
            default: false
            }
            let first = anchorBased ? 2 : 1
            guard let masks = int(row, first, 32, "nm"), let protos = int(row, first + 1, 256, "npr") else { return }
            guard masks >= 1, protos >= 1 else {
                report(.invalidValue, "`\(kind)` needs at least one mask and one prototype channel, not nm = \(masks), npr = \(protos)", at: at)
                return
            }
            if anchorBased {
                detect(row, sources, kind: "Detect", masks: masks)
            } else {
                anchorFreeDetect(name, sources, classes: classes, extra: .plain(outputs: masks), at: at)
            }
            if kind == "Segment26" {
                proto26(name, sources, hidden: scaledWidth(protos), masks: masks, classes: classes, at: at)
                return
            }
            guard let x = sources.first,
                  let proto = proto("\(name).proto", x, hidden: scaledWidth(protos), masks: masks, transposed: !anchorBased, at: at) else { return }
            tensors.loss("\(name).loss_proto", .generic, [ImportedEdge(proto)], at: at)
        case "Pose":
            guard let (keypoints, dims) = keypointShape(row) else { return }
            anchorFreeDetect(name, sources, classes: classes, extra: .plain(outputs: keypoints * dims), at: at)
        case "Pose26":
            guard let (keypoints, dims) = keypointShape(row) else { return }
            let levels = anchorFreeDetect(name, sources, classes: classes, extra: .pose26(keypoints: keypoints, dims: dims), at: at)
            guard !levels.isEmpty else { return }
            realNVP(name, levels: levels, keypoints: keypoints, dims: dims, at: at)
        default:
            guard let angles = int(row, 1, 1, "ne") else { return }
            guard angles >= 1 else {
                report(.invalidValue, "`\(kind)` needs at least one angle output, not ne = \(angles)", at: at)
                return
            }
            anchorFreeDetect(name, sources, classes: classes, extra: .plain(outputs: angles), at: at)
        }
    }

    /// `Proto(c1, c_, c2)` on the first level: cv1 Conv 3×3 to c_, a ×2 upsample (ultralytics:
    /// `ConvTranspose2d(c_, c_, 2, 2)` with bias, lowered as a conv plus a nearest upsample;
    /// yolov5: a nearest `nn.Upsample`), cv2 Conv 3×3 to c_, cv3 Conv 1×1 to c2 masks.
    mutating func proto(_ name: String, _ x: ImportedTensor, hidden: Int, masks: Int, transposed isTransposed: Bool, at: SourceLocation) -> ImportedTensor? {
        guard let cv1 = conv("\(name).cv1", [ImportedEdge(x)], hidden, k: 3, act: defaultActivation, at: at) else { return nil }
        let upsampled: ImportedTensor?
        if isTransposed {
            upsampled = transposed("\(name).upsample", cv1, hidden, TransposedLayer(kernel: 2, stride: 2), module: "Proto", at: at)
        } else {
            upsampled = tensors.passThrough("\(name).upsample", .upsample(scale: 2), ImportedEdge(cv1), at: at)
        }
        guard let upsampled, let cv2 = conv("\(name).cv2", [ImportedEdge(upsampled)], hidden, k: 3, act: defaultActivation, at: at) else { return nil }
        return conv("\(name).cv3", [ImportedEdge(cv2)], masks, act: defaultActivation, at: at)
    }

    /// `(keypoints, dims)` from a `Pose` row's `kpt_shape` argument (default `[17, 3]`), which
    /// usually names the file's top-level `kpt_shape`; nil (reported) unless two positive integers.
    private mutating func keypointShape(_ row: YOLOModel.Row) -> (Int, Int)? {
        let value = argument(row, 1) ?? .list([.int(17), .int(3)])
        if case .list(let items) = value, items.count == 2, let count = items[0].int, let dims = items[1].int, count >= 1, dims >= 1 {
            return (count, dims)
        }
        let missing = row.arguments.count > 1 && row.arguments[1] == .name("kpt_shape") && model.keypointShape == .none
        report(.invalidValue, "`\(row.module)`'s `kpt_shape` must be `[keypoints, dims]`, not `\(missing ? "kpt_shape" : value.description)`", at: row.location,
               notes: missing ? ["the argument names the top-level `kpt_shape`, which the file does not set"] : [])
        return nil
    }
}
