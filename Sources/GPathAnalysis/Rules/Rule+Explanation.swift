extension Rule {
    /// The long explanation `gpath explain RULE` prints: what is measured, why it matters, how
    /// to fix a violation.
    public var explanation: String {
        switch self {
        case .maxShortestGradientPath:
            """
            Measures, for every channel unit, the shortest gradient path from a loss (weighted layers \
            on the path, the unit's own layer included) and reports layers whose units exceed the \
            threshold. ELAN's design rule: if stacking blocks makes early layers' shortest path grow, \
            those layers only receive gradient that crossed many layers and the deep network stops \
            training well (the paper's deep VoVNet). Fix: shorten the route, e.g. feed each block's \
            output straight into a stage-level concat + transition (planned VoVNet, ELAN), add \
            residual connections, or move transition layers to the end of the stage. The default \
            thresholds (warning above 20, error above 22) sit between the deepest design known to \
            train (YOLOv4, 18) and the shallowest known not to (the paper's 99-conv deep VoVNet, 26); \
            the calibration is in docs/rules.md.
            """
        case .maxShortestGradientPathLayerwise:
            "Like GP001 but per layer: the minimum over all of the layer's channels. Ignores channel splits (PRN, CSP)."
        case .maxLongestGradientPath:
            """
            The longest gradient path ending at each layer. Very long paths carry little signal but \
            are harmless while a short one exists; bound them to keep depth in check. Off by \
            default: designs that train reach 201 (DenseNet-201) and 1202 (ResNet-1202), so no \
            bound separates them from designs that do not (docs/rules.md).
            """
        case .noUnreachableLayers:
            "A weighted layer no gradient reaches (behind a stop-gradient, or its output dropped) never trains: remove it or reconnect it."
        case .noUnreachableUnits:
            "Some output channels of a layer receive no gradient (a slice or grouped conv drops them): those filters never train."
        case .maxDuplicationRatio:
            "The share of gradient receptions that are identical copies (strict duplication, spec §4.8). Residual adds copy gradient; PRN masks and CSP transitions reduce it."
        case .minTimestampCombinations:
            "The number of distinct timestamp combinations across units; PRN's masked residuals raise it (more diverse gradient)."
        case .maxParams:
            "Trainable parameters (weights, biases, norm scale and shift; not running statistics)."
        case .maxFLOPs:
            "FLOPs of one forward pass at batch 1, counted as 2 x multiply-accumulates."
        case .maxActivationMemory:
            "Bytes of float32 activations of one forward pass at batch 1 (every node's output; an upper bound on what inference keeps alive)."
        case .minGradientSourcesPerLayer:
            "Distinct emitters (the loss or other layers) whose gradient reaches each layer."
        case .trainLossReduction:
            "With --train: a short run on synthetic data must bring the loss to at most this fraction of its first value."
        case .trainFinite:
            "With --train: no NaN or Inf in activations, gradients or loss."
        case .trainVanishingGradient:
            "With --train: at initialisation, every reachable layer's weight-gradient norm must be at least this fraction of the largest."
        }
    }
}
