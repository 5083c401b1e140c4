import Foundation

/// Learning rate per step: linear warm-up from η/w to η over the first w steps, then constant
/// or cosine decay to 0 at the last step: η·½(1 + cos(π·(t − w)/(T − w))).
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Decay: String, Sendable, CaseIterable {
        case constant
        case cosine
    }

    public var base: Double
    public var warmupSteps: Int
    public var totalSteps: Int
    public var decay: Decay

    public init(base: Double, warmupSteps: Int = 0, totalSteps: Int, decay: Decay = .cosine) {
        self.base = base
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(1, totalSteps)
        self.decay = decay
    }

    /// The rate at step `t` (0-based).
    public func rate(at t: Int) -> Double {
        if t < warmupSteps { return base * Double(t + 1) / Double(warmupSteps) }
        switch decay {
        case .constant:
            return base
        case .cosine:
            let span = max(1, totalSteps - warmupSteps)
            let progress = min(1, Double(t - warmupSteps) / Double(span))
            return base * 0.5 * (1 + cos(Double.pi * progress))
        }
    }
}
