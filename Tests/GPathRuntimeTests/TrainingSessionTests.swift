import GPathRuntime
import Testing

/// The session's single definitions: loss windows and the default warm-up.
struct TrainingSessionTests {
    @Test("loss windows: 10% of the steps, at least 3, never more than half, at least 1")
    func window() {
        #expect([1, 2, 4, 6, 10, 40, 100, 500].map(TrainingOutcome.window(steps:)) == [1, 1, 2, 3, 3, 4, 10, 50])
    }

    @Test("warm-up defaults to 5% of the steps; an explicit one wins")
    func warmup() {
        #expect(TrainingSettings(steps: 500, batchSize: 8, learningRate: 0.1).configuration.schedule.warmupSteps == 25)
        #expect(TrainingSettings(steps: 500, batchSize: 8, learningRate: 0.1, warmupSteps: 7).configuration.schedule.warmupSteps == 7)
    }

    @Test("drop and status: a rise is negative, a divergence is 0 and says so")
    func summary() {
        var outcome = TrainingOutcome()
        outcome.history = (1...10).map { StepResult(step: $0, loss: Double(11 - $0), accuracy: 0, learningRate: 0.1) }
        #expect(outcome.window == 3)
        #expect(outcome.initialLoss == 9 && outcome.finalLoss == 2)
        #expect(abs(outcome.drop - 7.0 / 9.0) < 1e-12)
        #expect(outcome.status(requiredDrop: 0.9) == "insufficient-drop")
        outcome.divergence = TrainingDivergence(step: 11, node: "c", phase: "forward")
        #expect(outcome.drop == 0 && outcome.status() == "diverged")
    }
}
