import GPathIR
import Testing

/// Adding an op is a checklist: every case needs a spelling, a family and a routing rule that
/// agree with each other.
struct OpRegistryTests {
    static let samples: [Op] = [
        .input, .convolution(Convolution(kernel: 3)), .linear(Linear()), .layer(groups: 2), .add, .concat,
        .passThrough(.identity), .passThrough(.activation(.relu)), .passThrough(.normalization),
        .passThrough(.maxPool(Pooling(kernel: 2))), .passThrough(.averagePool(Pooling(kernel: 2))),
        .passThrough(.globalAveragePool), .passThrough(.globalMaxPool), .passThrough(.upsample(scale: 2)),
        .passThrough(.slice), .passThrough(.dropout), .stopGradient, .loss(.crossEntropy),
    ]

    @Test("every op has a non-empty spelling and a routing consistent with its family", arguments: samples)
    func consistent(op: Op) {
        #expect(!op.kindName.isEmpty)
        switch op.family {
        case .weighted: #expect(op.isWeighted)
        case .merge: #expect(op.routing == .copy || op.routing == .divide)
        case .passThrough: #expect(op.routing == .pass)
        case .barrier: #expect(op.routing == .stop)
        case .objective: #expect(op.routing == .origin)
        case .source: #expect(op.routing == .sink)
        }
        #expect(op.isWeighted == (op.family == .weighted))
    }

    @Test("grouped layers report their groups")
    func groups() {
        #expect(Op.layer(groups: 4).groups == 4)
        #expect(Op.convolution(Convolution(kernel: 3, groups: 8)).groups == 8)
        #expect(Op.add.groups == 1)
    }
}
