extension OpDefinition {
    /// The product of two feature maps (``MatrixProduct``): parameter-free, 0 in a path's
    /// length, gradient to both operands. MACs P·K·N, all of them activation × activation.
    public static let matmul = OpDefinition(
        kind: .matmul, family: .mixing, arity: .two, channels: .computed, title: "matrix product",
        spelling: "matmul",
        samples: [
            .matmul(MatrixProduct()), .matmul(MatrixProduct(transposesSecond: true, scaled: true)),
            .matmul(MatrixProduct(samplesSecond: true)),
        ],
        summary: { op in
            guard case .matmul(let product) = op else { return "matmul" }
            return product.samplesSecond ? "sample" : product.transposesSecond ? "matmul_t" : "matmul"
        },
        routing: { op in
            guard case .matmul(let product) = op else { return .mix(Mixing()) }
            return .mix(Mixing(groups: 1, exactEdges: product.transposesSecond ? [] : [1]))
        },
        cost: { op, input in
            guard case .matmul(let product) = op, input.operandWidths.count == 2 else { return OpCost(params: 0, macs: nil) }
            guard let positions = input.operandSpatials[0]?.area else { return OpCost(params: 0, macs: nil) }
            // a is P×K; the output is P×N: P·K·N multiply-accumulates.
            let inner = input.operandWidths[0]
            let outer = product.transposesSecond ? input.channels : input.operandWidths[1]
            let macs = positions.saturatingMultiplied(by: inner).saturatingMultiplied(by: outer)
            return OpCost(params: 0, macs: macs, activationMACs: macs)
        },
        shape: { op, input in
            guard case .matmul(let product) = op, input.widths.count == 2 else { return .problem("two operands are needed") }
            let (k, aMap) = (input.widths[0], input.spatials[0])
            let (n, bMap) = (input.widths[1], input.spatials[1])
            if product.transposesSecond {
                guard k == n else {
                    return .problem("a·bᵀ needs operands of equal channels; they have \(k) and \(n)")
                }
                guard let bMap else {
                    guard let declared = input.declaredChannels else {
                        return .problem("the second operand's map is unknown, so its positions (the output channels) are; declare the channels")
                    }
                    return .shape(channels: declared, spatial: aMap)
                }
                return .shape(channels: bMap.area, spatial: aMap)
            }
            if product.samplesSecond { return .shape(channels: n, spatial: aMap) }
            if let bMap, bMap.area != k {
                return .problem("a·b needs the first operand's channels (\(k)) to equal the second's positions (\(bMap.height)x\(bMap.width) = \(bMap.area))")
            }
            return .shape(channels: n, spatial: aMap)
        })
}
