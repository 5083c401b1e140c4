import GPathDiagnostics

/// The rules `gpath check` evaluates: a closed set with stable IDs (`GP001`…), snake_case
/// names used in `.gpath.yml`, a default configuration and an explanation for `gpath explain`.
public enum Rule: String, CaseIterable, Sendable, Hashable, Comparable {
    case maxShortestGradientPath = "GP001"
    case maxShortestGradientPathLayerwise = "GP002"
    case maxLongestGradientPath = "GP003"
    case noUnreachableLayers = "GP004"
    case noUnreachableUnits = "GP005"
    case maxDuplicationRatio = "GP006"
    case minTimestampCombinations = "GP007"
    case maxParams = "GP008"
    case maxFLOPs = "GP009"
    case maxActivationMemory = "GP010"
    case minGradientSourcesPerLayer = "GP011"
    case trainLossReduction = "GP101"
    case trainFinite = "GP102"
    case trainVanishingGradient = "GP103"

    /// The stable ID, e.g. `GP001`.
    public var id: String { rawValue }

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }

    /// The key in `.gpath.yml` and `--rule`.
    public var name: String {
        switch self {
        case .maxShortestGradientPath: "max_shortest_gradient_path"
        case .maxShortestGradientPathLayerwise: "max_shortest_gradient_path_layerwise"
        case .maxLongestGradientPath: "max_longest_gradient_path"
        case .noUnreachableLayers: "no_unreachable_layers"
        case .noUnreachableUnits: "no_unreachable_units"
        case .maxDuplicationRatio: "max_duplication_ratio"
        case .minTimestampCombinations: "min_timestamp_combinations"
        case .maxParams: "max_params"
        case .maxFLOPs: "max_flops"
        case .maxActivationMemory: "max_activation_memory"
        case .minGradientSourcesPerLayer: "min_gradient_sources_per_layer"
        case .trainLossReduction: "train_loss_reduction"
        case .trainFinite: "train_finite"
        case .trainVanishingGradient: "train_vanishing_gradient"
        }
    }

    /// How the rule's value is configured.
    public enum Kind: Sendable {
        /// Violated when the measured value exceeds the threshold.
        case maximum
        /// Violated when the measured value is below the threshold.
        case minimum
        /// Violated by any occurrence; configured with a severity only.
        case presence
    }

    public var kind: Kind {
        switch self {
        case .noUnreachableLayers, .noUnreachableUnits, .trainFinite: .presence
        case .minTimestampCombinations, .minGradientSourcesPerLayer, .trainVanishingGradient: .minimum
        default: .maximum
        }
    }

    /// True for rules that need `--train` (a run on the runtime).
    public var needsTraining: Bool { rawValue.hasPrefix("GP1") }

    /// The rule called `name` (snake_case) or with ID `name`.
    public static func named(_ name: String) -> Rule? {
        allCases.first { $0.name == name || $0.id == name.uppercased() }
    }

    /// One line for tables and SARIF's shortDescription.
    public var summary: String {
        switch self {
        case .maxShortestGradientPath: "every channel unit's shortest gradient path stays short (ELAN's criterion)"
        case .maxShortestGradientPathLayerwise: "every layer's shortest gradient path stays short"
        case .maxLongestGradientPath: "the network's longest gradient path stays bounded"
        case .noUnreachableLayers: "every weighted layer receives gradient"
        case .noUnreachableUnits: "every channel of every weighted layer receives gradient"
        case .maxDuplicationRatio: "the strict duplicated-gradient ratio stays below a bound"
        case .minTimestampCombinations: "the network has at least this many distinct timestamp combinations"
        case .maxParams: "trainable parameters stay within budget"
        case .maxFLOPs: "FLOPs (2 x MACs, batch 1) stay within budget"
        case .maxActivationMemory: "float32 activation memory of one forward pass (batch 1, bytes) stays within budget"
        case .minGradientSourcesPerLayer: "every layer receives gradient from at least this many emitters"
        case .trainLossReduction: "a short training run lowers the loss to at most this fraction of its start"
        case .trainFinite: "a short training run produces no NaN or Inf"
        case .trainVanishingGradient: "no reachable layer's gradient norm at initialisation is below this fraction of the largest"
        }
    }
}
