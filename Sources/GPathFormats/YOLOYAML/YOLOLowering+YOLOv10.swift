import GPathDiagnostics
import GPathIR

/// YOLOv10's blocks (ultralytics `block.py`): `C2fCIB` (C2f of compact inverted blocks), `CIB`
/// and `RepVGGDW`, and the `v10Detect` head (`head.py`). `SCDown` is in
/// `YOLOLowering+C3k2.swift`.
extension YOLOLowering {
    /// `C2fCIB(c1, c2, n, shortcut=False, lk=False, g=1, e=0.5)`: C2f (c = c2·e) whose n blocks
    /// are `CIB(c, c, shortcut, e=1, lk)`. Like C3k2 it switches ultralytics' Detect to its
    /// non-legacy (depthwise) class branch.
    mutating func c2fCIB(_ name: String, _ row: YOLOModel.Row, _ x: ImportedTensor, _ c2: Int, n: Int) -> ImportedTensor? {
        legacyDetect = false
        return c2f(name, x, c2, n: n, shortcut: bool(row, 1, false), inner: .cib(largeKernel: bool(row, 2, false)), at: row.location)
    }

    /// `CIB(c1, c2, shortcut=True, e=0.5, lk=False)` with c_ = c2·e, as `cv1.0` … `cv1.4`:
    /// depthwise Conv 3×3 of c1, Conv 1×1 to 2c_, `RepVGGDW(2c_)` when `lk` else a depthwise
    /// Conv 3×3, Conv 1×1 to c2, depthwise Conv 3×3; plus the input when `shortcut` and
    /// c1 == c2. `input` may be a channel slice (C2fCIB's last chunk).
    mutating func cib(_ name: String, _ input: ImportedEdge, _ c2: Int, shortcut: Bool, e: Double, largeKernel: Bool, at: SourceLocation) -> ImportedTensor? {
        let c1 = input.width
        let hidden = 2 * Int(Double(c2) * e)
        guard let d0 = conv("\(name).cv1.0", [input], c1, k: 3, g: c1, act: defaultActivation, at: at),
              let p1 = conv("\(name).cv1.1", [ImportedEdge(d0)], hidden, act: defaultActivation, at: at) else { return nil }
        let middle = largeKernel ? repVGGDW("\(name).cv1.2", p1, at: at)
            : conv("\(name).cv1.2", [ImportedEdge(p1)], hidden, k: 3, g: hidden, act: defaultActivation, at: at)
        guard let middle, let p3 = conv("\(name).cv1.3", [ImportedEdge(middle)], c2, act: defaultActivation, at: at),
              let d4 = conv("\(name).cv1.4", [ImportedEdge(p3)], c2, k: 3, g: c2, act: defaultActivation, at: at) else { return nil }
        guard shortcut, c1 == c2 else { return d4 }
        var residual = input
        residual.destinationOffset = 0
        return tensors.add("\(name).add", [residual, ImportedEdge(d4, destinationOffset: 0)], channels: c2, at: at)
    }

    /// `RepVGGDW(ed)`: SiLU of the sum of a depthwise Conv 7×7 (`conv`) and a depthwise Conv
    /// 3×3 (`conv1`), both with batch norm and no activation of their own (`sum`, `act`).
    mutating func repVGGDW(_ name: String, _ x: ImportedTensor, at: SourceLocation) -> ImportedTensor? {
        let ed = x.channels
        guard let large = conv("\(name).conv", [ImportedEdge(x)], ed, k: 7, p: 3, g: ed, act: nil, at: at),
              let small = conv("\(name).conv1", [ImportedEdge(x)], ed, k: 3, p: 1, g: ed, act: nil, at: at) else { return nil }
        let sum = tensors.add("\(name).sum", [ImportedEdge(large, destinationOffset: 0), ImportedEdge(small, destinationOffset: 0)], channels: ed, at: at)
        return tensors.passThrough("\(name).act", .activation(.silu), ImportedEdge(sum), at: at)
    }

    /// `v10Detect(nc)`: ultralytics' Detect with reg_max 16, one-to-one twins of its branches
    /// (end-to-end) and the depthwise-separable class branch, whatever the file sets
    /// (`parse_model` passes v10Detect neither `reg_max` nor `end2end`).
    mutating func v10Detect(_ row: YOLOModel.Row, _ sources: [ImportedTensor]) {
        guard let classes = int(row, 0, nil, "nc"), classes >= 1 else { return }
        anchorFreeDetect(String(row.index), sources, classes: classes, head: HeadOverrides(regMax: 16, endToEnd: true, legacy: false), at: row.location)
    }
}
