import GPathIR
import GPathTestSupport
import Testing

/// The op table: every ``OpKind`` has one ``OpDefinition`` whose pieces agree with each other.
/// Adding a kind without a definition does not compile (``OpKind/definition`` is an exhaustive
/// switch); a definition with a missing or inconsistent piece fails here.
struct OpRegistryTests {
    @Test("every kind's definition is its own, with samples of that kind", arguments: OpKind.allCases)
    func definition(kind: OpKind) {
        let definition = kind.definition
        #expect(definition.kind == kind)
        #expect(!definition.samples.isEmpty, "\(kind) has no sample ops")
        #expect(!definition.title.isEmpty)
        for op in definition.samples {
            #expect(op.kind == kind, "sample \(op) of \(kind) is a \(op.kind)")
        }
        #expect(!definition.spelling.isEmpty && !definition.spelling.contains(" "))
        if let plain = definition.plainOp {
            #expect(definition.samples == [plain], "an attribute-free kind has one op")
            #expect(plain.kindName == definition.spelling)
        }
    }

    @Test("every op has a spelling, an arity and a routing consistent with its family", arguments: OpKind.allCases)
    func consistent(kind: OpKind) {
        for op in kind.definition.samples {
            let definition = op.definition
            #expect(!op.kindName.isEmpty && !op.kindName.contains(" "), "\(kind): `\(op.kindName)`")
            switch op.family {
            case .weighted: #expect(op.isWeighted && definition.channels == .declared)
            case .merge: #expect(op.routing == .copy || op.routing == .divide)
            case .passThrough: #expect(op.routing == .pass && definition.arity == .one)
            case .mixing:
                guard case .mix(let mixing) = op.routing else { Issue.record("\(op) mixes but routes \(op.routing)"); break }
                #expect(mixing.groups >= 1 && mixing.exactEdges.allSatisfy { $0 >= 0 })
            case .learned: #expect(op.routing == .sink && definition.arity == .none && definition.channels == .declared)
            case .barrier: #expect(op.routing == .stop && definition.arity == .one)
            case .objective: #expect(op.routing == .origin)
            case .source: #expect(op.routing == .sink && definition.arity == .none && definition.channels == .declared)
            }
            #expect(op.isWeighted == (op.family == .weighted))
            #expect((definition.arity == .none) == (op.family == .source || op.family == .learned))
        }
    }

    @Test("every op has a shape rule: a verified graph gets the rule's output shape", arguments: OpKind.allCases)
    func shapeRule(kind: OpKind) throws {
        for op in kind.definition.samples {
            let definition = op.definition
            #expect(definition.attributeProblem(of: op) == nil, "\(op)")
            let (b, name) = OneOpGraph.builder(op)
            let (graph, diagnostics) = b.build()
            let built = try #require(graph, "\(op): \(diagnostics)")
            let node = try #require(built.nodes.first { $0.name == name })
            let operands = node.inputs.map { built[$0.source] }
            var expected = (channels: 4, spatial: OneOpGraph.spatial as Spatial?)
            if definition.channels == .computed {
                let input = ShapeInput(widths: node.inputs.map(\.width), spatials: operands.map(\.spatial))
                guard case .shape(let channels, let spatial)? = definition.shape(of: op, input) else {
                    Issue.record("\(op): no shape from its rule")
                    continue
                }
                expected = (channels, spatial)
            } else if definition.arity != .none {
                expected.spatial = definition.outputSpatial(of: op, input: OneOpGraph.spatial)
            }
            #expect(node.spatial == expected.spatial, "\(op)")
            #expect(node.channels == expected.channels, "\(op)")
        }
    }

    @Test("computed shapes: matrix products, transpose, reshape and tokens follow their formulas")
    func computedShapes() {
        let map = Spatial(height: 6, width: 5)
        func shape(_ op: Op, _ widths: [Int], _ maps: [Spatial?]) -> ShapeOutcome? {
            op.definition.shape(of: op, ShapeInput(widths: widths, spatials: maps))
        }
        // q (64 channels, 49 tokens) · kᵀ (64 channels, 49 tokens): 49 key channels on 49 queries.
        #expect(shape(.matmul(MatrixProduct(transposesSecond: true)), [64, 64], [Spatial(height: 49, width: 1), Spatial(height: 7, width: 7)])
            == .shape(channels: 49, spatial: Spatial(height: 49, width: 1)))
        // attention (49 channels on 49 positions) · v (32 channels, 49 positions): 32 channels.
        #expect(shape(.matmul(MatrixProduct()), [49, 32], [Spatial(height: 49, width: 1), Spatial(height: 7, width: 7)])
            == .shape(channels: 32, spatial: Spatial(height: 49, width: 1)))
        if case .problem(let text)? = shape(.matmul(MatrixProduct()), [48, 32], [map, Spatial(height: 7, width: 7)]) {
            #expect(text.contains("48") && text.contains("49"))
        } else {
            Issue.record("inner sizes 48 and 49 must not multiply")
        }
        #expect(shape(.transpose, [4], [map]) == .shape(channels: 30, spatial: Spatial(height: 4, width: 1)))
        #expect(shape(.reshape(Spatial(height: 10, width: 3)), [4], [map]) == .shape(channels: 4, spatial: Spatial(height: 10, width: 3)))
        if case .shape? = shape(.reshape(Spatial(height: 7, width: 3)), [4], [map]) { Issue.record("30 positions cannot become 21") }
        #expect(shape(.tokenConcat, [8, 8], [Spatial(height: 1, width: 1), Spatial(height: 64, width: 1)])
            == .shape(channels: 8, spatial: Spatial(height: 65, width: 1)))
        if case .shape? = shape(.tokenConcat, [8, 7], [nil, nil]) { Issue.record("widths 8 and 7 cannot be joined along tokens") }
        #expect(shape(.tokenSlice(lower: 0, upper: 1), [8], [Spatial(height: 65, width: 1)]) == .shape(channels: 8, spatial: Spatial(height: 1, width: 1)))
        if case .shape? = shape(.tokenSlice(lower: 60, upper: 70), [8], [Spatial(height: 65, width: 1)]) { Issue.record("tokens beyond the map") }
        if case .shape? = shape(.groupNorm(groups: 3), [8], [map]) { Issue.record("3 groups do not divide 8 channels") }
    }

    @Test("every op has a cost: known and non-negative wherever the sizes are")
    func cost() {
        for kind in OpKind.allCases where kind != .layer {
            for op in kind.definition.samples {
                var input = CostInput(channels: 4, inputWidth: 4, inputSpatial: Spatial(height: 6, width: 5), outputSpatial: Spatial(height: 3, width: 3))
                input.operandWidths = op.definition.arity == .two ? [4, 4] : [4]
                input.operandSpatials = op.definition.arity == .two ? [Spatial(height: 6, width: 5), Spatial(height: 2, width: 2)] : [Spatial(height: 6, width: 5)]
                let cost = op.definition.cost(of: op, input)
                #expect((cost.params ?? -1) >= 0 && (cost.macs ?? -1) >= 0, "\(op)")
                let trainable: Set<OpKind> = [.normalization, .layerNorm, .groupNorm, .learned, .scale]
                #expect(((cost.params ?? 0) > 0) == (op.isWeighted || trainable.contains(kind)), "\(op)")
                #expect((cost.activationMACs > 0) == (kind == .matmul), "\(op): activation x activation MACs only for products")
            }
        }
        #expect(OpDefinition.layer.cost(of: .layer(groups: 2), CostInput(channels: 4, inputWidth: 4, inputSpatial: nil, outputSpatial: nil)) == OpCost(params: nil, macs: nil))
    }

    @Test("grouped layers report their groups")
    func groups() {
        #expect(Op.layer(groups: 4).groups == 4)
        #expect(Op.convolution(Convolution(kernel: 3, groups: 8)).groups == 8)
        #expect(Op.add.groups == 1)
    }
}
