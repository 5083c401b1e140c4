import GPathDiagnostics
import GPathIR

/// YOLO26's task heads (ultralytics `head.py` `Segment26`, `Pose26`; `OBB26` has OBB's layers):
/// the parts that differ from their YOLOv8 ancestors, `Proto26`'s multi-level prototypes with
/// their semantic-segmentation branch, and `Pose26`'s normalising flow.
extension YOLOLowering {
    /// `Proto26(ch, c_, nm, nc)` of a `Segment26` row `name`: every level after the first goes
    /// through `feat_refine.<i>` (Conv 1×1 to ch[0]) and a nearest upsample ×2^(i+1)
    /// (`proto.up<i>`), and is added to the first level (`proto.feat`); `feat_fuse` (Conv 3×3 to
    /// c_) feeds `Proto(c_, c_, nm)` (cv1, the transposed-conv upsample, cv2, cv3), whose
    /// prototypes feed `<name>.loss_proto`. `semseg` (Conv 3×3 → Conv 3×3 to c_, a biased
    /// Conv2d 1×1 to nc) reads the same sum and trains through `<name>.loss_semantic`, as
    /// ultralytics' training forward does (the branch is dropped when fusing for inference).
    mutating func proto26(_ name: String, _ sources: [ImportedTensor], hidden: Int, masks: Int, classes: Int, at: SourceLocation) {
        guard let first = sources.first else { return }
        var addends = [ImportedEdge(first, destinationOffset: 0)]
        for (index, x) in sources.dropFirst().enumerated() {
            let scale = 1 << (index + 1)
            guard x.spatial.height * scale == first.spatial.height, x.spatial.width * scale == first.spatial.width else {
                report(.channelMismatch, "`Segment26`'s prototypes add level \(index + 1) (\(x.spatial)) upsampled ×\(scale) to level 0 (\(first.spatial)); the sizes disagree", at: at)
                return
            }
            guard let refined = conv("\(name).proto.feat_refine.\(index)", [ImportedEdge(x)], first.channels, act: defaultActivation, at: at) else { return }
            let upsampled = tensors.passThrough("\(name).proto.up\(index)", .upsample(scale: scale), ImportedEdge(refined), at: at)
            addends.append(ImportedEdge(upsampled, destinationOffset: 0))
        }
        let feat = addends.count == 1 ? first : tensors.add("\(name).proto.feat", addends, channels: first.channels, at: at)
        guard let fused = conv("\(name).proto.feat_fuse", [ImportedEdge(feat)], hidden, k: 3, act: defaultActivation, at: at),
              let prototypes = proto("\(name).proto", fused, hidden: hidden, masks: masks, transposed: true, at: at),
              let s0 = conv("\(name).proto.semseg.0", [ImportedEdge(feat)], hidden, k: 3, act: defaultActivation, at: at),
              let s1 = conv("\(name).proto.semseg.1", [ImportedEdge(s0)], hidden, k: 3, act: defaultActivation, at: at),
              let semantic = conv("\(name).proto.semseg.2", [ImportedEdge(s1)], classes, act: nil, bias: true, normalized: false, at: at)
        else { return }
        tensors.loss("\(name).loss_proto", .generic, [ImportedEdge(prototypes)], at: at)
        tensors.loss("\(name).loss_semantic", .generic, [ImportedEdge(semantic)], at: at)
    }

    /// `Pose26`'s `RealNVP` flow (`flow_model`), trained by the residual log-likelihood loss
    /// `<name>.loss_rle` on the keypoint error (pred − target) / σ of the one-to-many head.
    ///
    /// The error is a batch of 2-vectors, one per keypoint and anchor; its x component depends on
    /// every level's x-coordinate channels (j·dims) and x-σ channels (2j), its y component on
    /// j·dims + 1 and 2j + 1. gpath builds it from each level's globally pooled `cv4_kpts` and
    /// `cv4_sigma` (`flow.pool_kpts<L>`, `flow.pool_sigma<L>`) as two adds of exactly those
    /// channels (`flow.error_x`, `flow.error_y`, concatenated in `flow.error`), so the flow's
    /// gradient reaches exactly the channels the loss differentiates. The MACs of the flow are
    /// counted for one error vector (the real count scales with the matched keypoints).
    ///
    /// The flow is six affine couplings applied, as `log_prob` does, from the last to the first
    /// (i = 5 … 0). Coupling i keeps channel k (1 when i is even, 0 when odd) and rewrites the
    /// other, o: z_o ← (z_o − t_i(z))·exp(−s_i(z)), where s_i and t_i are Linear(2, 64) → SiLU →
    /// Linear(64, 64) → SiLU → Linear(64, 2) (s ends in Tanh), lowered as 1×1 convolutions
    /// `flow.s.<i>.0/.2/.4` and `flow.t.<i>.…`, ultralytics' parameter names. The rewrite is
    /// `flow.<i>.mix`, an add of z_o, t_o and s_o (a product and a difference route gradient to
    /// the same operands); the kept channel passes through (`flow.<i>.z`). The loss reads the
    /// final z (log N(z)), every s_o (the log-determinant) and the error (its |error| and log σ
    /// terms). Two simplifications, both without effect on params: the first Linear of each net
    /// reads both channels although the rewritten one enters multiplied by zero (ultralytics
    /// masks it), and only the one-to-many predictions feed the flow (end-to-end twins train
    /// through their own level losses).
    mutating func realNVP(_ name: String, levels: [[ImportedTensor]], keypoints: Int, dims: Int, at: SourceLocation) {
        guard dims >= 2 else {
            report(.invalidValue, "`Pose26` keypoints need at least x and y (`kpt_shape` dims ≥ 2), not \(dims)", at: at)
            return
        }
        var xParts: [ImportedEdge] = []
        var yParts: [ImportedEdge] = []
        for (level, outputs) in levels.enumerated() where outputs.count == 4 {
            let points = tensors.passThrough("\(name).flow.pool_kpts\(level)", .globalAveragePool, ImportedEdge(outputs[2]), at: at)
            let sigma = tensors.passThrough("\(name).flow.pool_sigma\(level)", .globalAveragePool, ImportedEdge(outputs[3]), at: at)
            for keypoint in 0..<keypoints {
                for axis in 0..<2 {
                    let edges = [
                        ImportedEdge(points, range: ChannelRange(keypoint * dims + axis, keypoint * dims + axis + 1), destinationOffset: 0),
                        ImportedEdge(sigma, range: ChannelRange(2 * keypoint + axis, 2 * keypoint + axis + 1), destinationOffset: 0),
                    ]
                    if axis == 0 { xParts += edges } else { yParts += edges }
                }
            }
        }
        guard !xParts.isEmpty else { return }
        let errorX = tensors.add("\(name).flow.error_x", xParts, channels: 1, at: at)
        let errorY = tensors.add("\(name).flow.error_y", yParts, channels: 1, at: at)
        let error = tensors.concat("\(name).flow.error", [ImportedEdge(errorX), ImportedEdge(errorY)], at: at)
        var z = error
        var lossInputs: [ImportedEdge] = []
        for coupling in (0..<6).reversed() {
            let kept = coupling % 2 == 0 ? 1 : 0
            let other = 1 - kept
            guard let scale = flowNet("\(name).flow.s.\(coupling)", z, last: .tanh, at: at),
                  let shift = flowNet("\(name).flow.t.\(coupling)", z, last: nil, at: at) else { return }
            let slice = ChannelRange(other, other + 1)
            let mixed = tensors.add("\(name).flow.\(coupling).mix", [
                ImportedEdge(z, range: slice, destinationOffset: 0), ImportedEdge(shift, range: slice, destinationOffset: 0),
                ImportedEdge(scale, range: slice, destinationOffset: 0),
            ], channels: 1, at: at)
            lossInputs.append(ImportedEdge(scale, range: slice))
            let keptEdge = ImportedEdge(z, range: ChannelRange(kept, kept + 1))
            z = tensors.concat("\(name).flow.\(coupling).z", kept == 0 ? [keptEdge, ImportedEdge(mixed)] : [ImportedEdge(mixed), keptEdge], at: at)
        }
        tensors.loss("\(name).loss_rle", .generic, [ImportedEdge(z), ImportedEdge(error)] + lossInputs, at: at)
    }

    /// One RealNVP scale or translation net `name` on the 2-channel z: Linear(2, 64) → SiLU →
    /// Linear(64, 64) → SiLU → Linear(64, 2) → `last`, as biased 1×1 convolutions `.0`, `.2`, `.4`.
    private mutating func flowNet(_ name: String, _ z: ImportedTensor, last: Activation?, at: SourceLocation) -> ImportedTensor? {
        guard let l0 = conv("\(name).0", [ImportedEdge(z)], 64, act: .silu, bias: true, normalized: false, at: at),
              let l1 = conv("\(name).2", [ImportedEdge(l0)], 64, act: .silu, bias: true, normalized: false, at: at) else { return nil }
        return conv("\(name).4", [ImportedEdge(l1)], 2, act: last, bias: true, normalized: false, at: at)
    }
}
