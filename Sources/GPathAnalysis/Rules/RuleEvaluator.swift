import Foundation
import GPathDiagnostics
import GPathIR

/// Evaluates every enabled rule on one analysed network.
///
/// Per-layer rules report one violation per offending layer, at that layer's source location,
/// so CI annotations land on the line to change. Network-wide rules point at the first loss.
public struct RuleEvaluator: Sendable {
    public let configuration: RuleConfiguration

    public init(configuration: RuleConfiguration) { self.configuration = configuration }

    /// True when the enabled rules need the full (super-linear) analysis.
    public var needsFullAnalysis: Bool {
        [.maxDuplicationRatio, .minTimestampCombinations, .minGradientSourcesPerLayer]
            .contains { !configuration[$0].isOff }
    }

    public func evaluate(
        graph: Graph, paths: GradientPaths, analysis: GradientAnalysis?, costs: Costs,
        training: TrainingMeasurements? = nil
    ) -> [Violation] {
        var found: [Violation] = []
        let networkLocation = graph.losses.first?.location
        var order: Int?
        func check(_ rule: Rule, _ value: Double, subject: String?, at location: SourceLocation?, _ describe: (String) -> String) {
            guard let (severity, threshold) = configuration[rule].severity(of: value, kind: rule.kind) else { return }
            let relation = rule.kind == .minimum ? "<" : ">"
            found.append(Violation(
                rule: rule, severity: severity,
                message: describe("\(RuleSetting.format(value)) \(relation) \(RuleSetting.format(threshold))"),
                subject: subject, location: location, value: value, threshold: threshold, order: order))
        }
        for (index, layer) in paths.layers.enumerated() {
            order = index
            let node = graph[layer.node]
            if let value = layer.longestShortestOverChannels {
                check(.maxShortestGradientPath, Double(value), subject: node.name, at: node.location) {
                    layer.runs.count > 1 && layer.shortest != value
                        ? "shortest gradient path of some channels of `\(node.name)` is \($0)"
                        : "shortest gradient path of `\(node.name)` is \($0)"
                }
            }
            if let value = layer.shortest {
                check(.maxShortestGradientPathLayerwise, Double(value), subject: node.name, at: node.location) {
                    "layer-wise shortest gradient path of `\(node.name)` is \($0)"
                }
            }
            if let value = layer.longest {
                check(.maxLongestGradientPath, Double(value), subject: node.name, at: node.location) {
                    "longest gradient path of `\(node.name)` is \($0)"
                }
            }
            if layer.shortest == nil, let severity = configuration[.noUnreachableLayers].presence {
                found.append(Violation(
                    rule: .noUnreachableLayers, severity: severity,
                    message: "no gradient reaches `\(node.name)`: its weights never train",
                    subject: node.name, location: node.location, order: index))
            } else if layer.unreachableChannels > 0, let severity = configuration[.noUnreachableUnits].presence {
                let missing = ChannelSet(layer.runs.map(\.range)).complement(in: ChannelRange(0, layer.channels))
                found.append(Violation(
                    rule: .noUnreachableUnits, severity: severity,
                    message: "no gradient reaches channels \(missing) of `\(node.name)`: their weights never train",
                    subject: node.name, location: node.location, order: index))
            }
        }
        order = nil
        if let analysis {
            for (index, layer) in analysis.layers.enumerated() where !layer.timestamps.isEmpty {
                order = index
                let emitters = Set(layer.units.flatMap { $0.receptions.map(\.emitter) })
                let node = graph[layer.node]
                check(.minGradientSourcesPerLayer, Double(emitters.count), subject: node.name, at: node.location) {
                    "`\(node.name)` receives gradient from \(emitters.count == 1 ? "one emitter" : "\(emitters.count) emitters"): \($0)"
                }
            }
            order = nil
            check(.maxDuplicationRatio, analysis.strictDuplication.ratio, subject: nil, at: networkLocation) {
                "strict duplicated-gradient ratio is \($0)"
            }
            check(.minTimestampCombinations, Double(analysis.timestampCombinations.count), subject: nil, at: networkLocation) {
                "the network has \($0) distinct timestamp combinations"
            }
        }
        if let params = costs.params {
            check(.maxParams, Double(params), subject: nil, at: networkLocation) { "trainable parameters: \($0)" }
        }
        if let flops = costs.flops {
            check(.maxFLOPs, Double(flops), subject: nil, at: networkLocation) { "FLOPs (2 x MACs, batch 1): \($0)" }
        }
        if let memory = activationMemory(graph) {
            check(.maxActivationMemory, Double(memory), subject: nil, at: networkLocation) { "float32 activation memory (bytes, batch 1): \($0)" }
        }
        if let training {
            evaluateTraining(training, graph: graph, at: networkLocation, check: check) { found.append($0) }
        }
        return found
    }

    private func evaluateTraining(
        _ training: TrainingMeasurements, graph: Graph, at location: SourceLocation?,
        check: (Rule, Double, String?, SourceLocation?, (String) -> String) -> Void, report: (Violation) -> Void
    ) {
        if let failure = training.nonFinite, let severity = configuration[.trainFinite].presence {
            report(Violation(
                rule: .trainFinite, severity: severity,
                message: "training produced NaN/Inf at step \(failure.step) in `\(failure.layer)`",
                subject: failure.layer, location: graph.node(named: failure.layer)?.location ?? location))
        }
        if training.initialLoss > 0, training.nonFinite == nil {
            let fraction = training.finalLoss / training.initialLoss
            check(.trainLossReduction, fraction, nil, location) {
                "short training run: loss went from \(String(format: "%.4f", training.initialLoss)) to \(String(format: "%.4f", training.finalLoss)); fraction of the start \($0)"
            }
        }
        let largest = training.initialGradientNorms.values.max() ?? 0
        guard largest > 0 else { return }
        for name in training.initialGradientNorms.keys.sorted() {
            guard let norm = training.initialGradientNorms[name] else { continue }
            let ratio = norm / largest
            check(.trainVanishingGradient, ratio, name, graph.node(named: name)?.location ?? location) { _ in
                "gradient norm of `\(name)` at initialisation is \(String(format: "%.2e", ratio)) of the largest"
            }
        }
    }

    /// Σ output elements × 4 bytes over all non-loss nodes, when every spatial size is known.
    private func activationMemory(_ graph: Graph) -> Int? {
        var total = 0
        for node in graph.nodes {
            if node.op.family == .objective { continue }
            guard let spatial = node.spatial else { return nil }
            total += node.channels * spatial.area * 4
        }
        return total
    }
}
