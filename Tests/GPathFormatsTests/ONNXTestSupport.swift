import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport

/// Reading the committed ONNX fixtures (written by `scripts/make-onnx-fixtures.py`).
enum ONNXFixtures {
    static let folder = "Tests/GPathFormatsTests/Fixtures/onnx"

    static func bytes(_ name: String) -> Data {
        (try? Data(contentsOf: RepositoryPaths.root.appendingPathComponent("\(folder)/\(name)"))) ?? Data()
    }

    static func read(_ name: String, losses: [String]? = nil, treatUnknownAsIdentity: Bool = false) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        ONNXReader.read(bytes(name), name: name, losses: losses, treatUnknownAsIdentity: treatUnknownAsIdentity)
    }
}

/// What one weighted layer must look like: shape text, params, shortest and longest path.
struct ExpectedLayer: CustomStringConvertible {
    let name: String
    let shape: String
    let params: Int
    let shortest: Int?
    let longest: Int?

    init(_ name: String, _ shape: String, params: Int, paths: ClosedRange<Int>?) {
        self.name = name
        self.shape = shape
        self.params = params
        self.shortest = paths?.lowerBound
        self.longest = paths?.upperBound
    }

    var description: String { name }
}

/// The measured facts of one lowered graph, in declaration order of its layers.
struct MeasuredLayer: Equatable, CustomStringConvertible {
    let name: String
    let shape: String
    let params: Int?
    let shortest: Int?
    let longest: Int?

    var description: String { "\(name) \(shape) params \(params ?? -1) paths \(shortest ?? -1)..\(longest ?? -1)" }

    static func of(_ graph: Graph) -> [MeasuredLayer] {
        let costs = CostPass().run(on: graph)
        let paths = GradientPathPass().run(on: graph)
        return paths.layers.map { layer in
            let node = graph[layer.node]
            return MeasuredLayer(
                name: node.name, shape: node.shapeDescription, params: costs[node.id].params,
                shortest: layer.shortest, longest: layer.longest)
        }
    }

    init(name: String, shape: String, params: Int?, shortest: Int?, longest: Int?) {
        self.name = name
        self.shape = shape
        self.params = params
        self.shortest = shortest
        self.longest = longest
    }

    init(_ expected: ExpectedLayer) {
        self.init(name: expected.name, shape: expected.shape, params: expected.params, shortest: expected.shortest, longest: expected.longest)
    }
}
