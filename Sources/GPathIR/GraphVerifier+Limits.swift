import GPathDiagnostics

extension GraphVerifier {
    /// An attribute above ``Limits/maximumExtent`` (kernel, stride, padding, dilation, groups,
    /// upsample scale), described for an E217 diagnostic; nil when every attribute is in range.
    static func limitProblem(_ op: Op) -> String? {
        func pairs(_ named: [(String, AxisPair)]) -> String? {
            named.first { !Limits.isWithinExtent($0.1.height) || !Limits.isWithinExtent($0.1.width) }
                .map { "\($0.0) \($0.1)" }
        }
        let problem: String? = switch op {
        case .convolution(let c):
            pairs([("kernel", c.kernel), ("stride", c.stride), ("padding", c.padding), ("dilation", c.dilation)])
                ?? (Limits.isWithinExtent(c.groups) ? nil : "groups \(c.groups)")
        case .layer(let groups):
            Limits.isWithinExtent(groups) ? nil : "groups \(groups)"
        case .passThrough(.maxPool(let p)), .passThrough(.averagePool(let p)):
            pairs([("kernel", p.kernel), ("stride", p.stride), ("padding", p.padding), ("padding", p.trailingPadding)])
        case .passThrough(.upsample(let scale)):
            Limits.isWithinExtent(scale) ? nil : "scale \(scale)"
        case .groupNorm(let groups):
            Limits.isWithinExtent(groups) ? nil : "groups \(groups)"
        case .reshape(let map):
            map.isWithinLimits ? nil : "target \(map)"
        case .tokenSlice(let lower, let upper):
            Limits.isWithinExtent(lower) && Limits.isWithinExtent(upper) ? nil : "token range \(lower):\(upper)"
        default:
            nil
        }
        return problem.map { "\($0), above gpath's limit of \(Limits.extentDescription)" }
    }

    /// E217 when a node's channels or spatial size (declared, or derived from its inputs)
    /// exceed ``Limits/maximumExtent``; true when the shape is within the limits.
    mutating func checkLimits(name: String, op: Op, channels: Int, spatial: Spatial?, at location: SourceLocation?) -> Bool {
        guard !Limits.isWithinExtent(channels) || !(spatial?.isWithinLimits ?? true) else { return true }
        let shape = spatial.map { "\(channels)x\($0)" } ?? "\(channels)"
        diagnostics.append(Diagnostic(
            .sizeLimit, "\(op.kindName) `\(name)` would be \(shape), beyond gpath's limit of \(Limits.extentDescription) channels, rows or columns",
            at: location, label: "too large",
            notes: ["gpath's size limits are listed in docs/reliability.md"]))
        return false
    }
}
