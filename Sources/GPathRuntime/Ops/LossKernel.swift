import GPathIR

/// The value of one loss node in the last forward pass.
public struct LossValue: Sendable, Equatable {
    public let name: String
    public let kind: LossKind
    /// Mean loss over the batch (and positions).
    public let value: Double
    /// Positions whose argmax over channels equals the label.
    public let correct: Int
    /// Positions scored (batch × height × width).
    public let positions: Int

    /// correct / positions.
    public var accuracy: Double { positions == 0 ? 0 : Double(correct) / Double(positions) }
}

/// A loss node: softmax cross-entropy (also for the IR's generic `loss`) or MSE against
/// one-hot labels. The network's objective is the sum of all its loss nodes.
final class LossKernel {
    let name: String
    let kind: LossKind
    private var input = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var probabilities = Tensor(zeros: TensorShape(batch: 0, channels: 0))
    private var labels: [Int] = []

    init(name: String, kind: LossKind) {
        self.name = name
        self.kind = kind
    }

    func evaluate(_ x: Tensor, labels: [Int]) throws -> LossValue {
        if let bad = labels.first(where: { $0 < 0 || $0 >= x.shape.channels }) {
            throw RuntimeError.labelOutOfRange(loss: name, label: bad, channels: x.shape.channels)
        }
        input = x
        self.labels = labels
        let positions = x.shape.batch * x.shape.plane
        switch kind {
        case .crossEntropy, .generic:
            let result = SoftmaxCrossEntropy.forward(x, labels: labels)
            probabilities = result.probabilities
            return LossValue(name: name, kind: kind, value: result.loss, correct: result.correct, positions: positions)
        case .meanSquaredError:
            let result = MeanSquaredError.forward(x, labels: labels)
            return LossValue(name: name, kind: kind, value: result.loss, correct: result.correct, positions: positions)
        }
    }

    /// ∂(this loss)/∂input for the last evaluation.
    func gradient() -> Tensor {
        switch kind {
        case .crossEntropy, .generic: SoftmaxCrossEntropy.backward(probabilities: probabilities, labels: labels)
        case .meanSquaredError: MeanSquaredError.backward(input, labels: labels)
        }
    }
}

extension OpKernel {
    /// A loss: softmax cross-entropy or MSE against one-hot labels.
    static let loss = OpKernel(
        kind: .loss,
        compile: { request in
            guard case .loss(let kind) = request.node.op else { throw request.reject("not a loss") }
            return .loss(LossKernel(name: request.node.name, kind: kind))
        },
        gradientCheck: .smooth)
}
