import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathRuntime

// gpath-runtime-bench: median milliseconds per training step (forward + backward + SGD
// update) at batch 32 on 3x32x32 for ResNet-20, Plain-20 and DenseNet-BC-40, the GFLOP/s the
// convolutions and linear layers imply, and the ratio to OpenBLAS's own sgemm peak measured in
// the same run. Run in release from the repository root:
//   swift run -c release gpath-runtime-bench [--threads 2] [--workers 2] [--steps 10] [--batch 32] [--breakdown] [--only NAME]
// --only runs one network (resnet20, plain20 or densenet_bc40), for its peak memory alone.

func print(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)
let steps = option("--steps", 10)
let batch = option("--batch", 32)
let breakdown = arguments.contains("--breakdown")

// OpenBLAS picks its kernel at load time; re-execute once with a better OPENBLAS_CORETYPE if
// its detection fell back to SSE3 (see BLAS.recommendedCoreType).
let environment = ProcessInfo.processInfo.environment
if environment["OPENBLAS_CORETYPE"] == nil, environment["GPATH_BLAS_REEXEC"] == nil,
   let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
   let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
   let core = BLAS.recommendedCoreType(cpuFlags: Set(flags.split(separator: " ").map(String.init)), detected: BLAS.coreName) {
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv("GPATH_BLAS_REEXEC", "1", 1)
    execv("/proc/self/exe", CommandLine.arguments.map { strdup($0) } + [nil])
}
BLAS.setThreads(threads)
let workers = option("--workers", threads)

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// OpenBLAS sgemm GFLOP/s on square n×n products (best of 5).
func sgemmPeak(_ n: Int) -> Double {
    let a = [Float](repeating: 0.5, count: n * n)
    let b = [Float](repeating: 0.25, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    var best = Double.infinity
    for _ in 0..<5 {
        let start = now()
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, pa.baseAddress!, lda: n, pb.baseAddress!, ldb: n, beta: 0, pc.baseAddress!, ldc: n)
                }
            }
        }
        best = min(best, now() - start)
    }
    return 2 * Double(n * n * n) / best / 1e9
}

/// FLOPs of one training step's convolutions and linear layers: forward 2·MACs, backward
/// 2·MACs for the weight gradient plus 2·MACs for the input gradient where one is needed.
func flops(_ graph: Graph, _ plan: ShapePlan, batch: Int) -> Double {
    var total = 0.0
    for node in graph.nodes where node.op.isWeighted {
        let input = plan.inputShape(of: node)
        let output = plan.shapes[node.id.index]
        let macs: Int = switch node.op {
        case .convolution(let c): output.channels * (input.channels / c.groups) * c.kernelArea * output.plane
        case .layer(let g): output.channels * (input.channels / g) * output.plane
        default: output.channels * input.sampleSize
        }
        let needsInput = node.inputs.contains { graph[$0.source].op != .input && !$0.stopsGradient }
        total += Double(macs * batch) * 2 * (needsInput ? 3 : 2)
    }
    return total
}

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let networks = ["resnet20", "plain20", "densenet_bc40"].filter { name in
    guard let index = arguments.firstIndex(of: "--only"), index + 1 < arguments.count else { return true }
    return arguments[index + 1] == name
}
let peak = max(sgemmPeak(1024), sgemmPeak(512))
print("OpenBLAS \(BLAS.coreName), \(threads) thread(s), \(workers) runtime worker(s); sgemm peak \(String(format: "%.1f", peak)) GFLOP/s (best of n=512/1024)")
print("network        params    GFLOP/step  median ms/step  min ms/step  GFLOP/s  % of sgemm peak")
for name in networks {
    let url = root.appendingPathComponent("examples/\(name).net")
    guard let text = try? String(contentsOf: url, encoding: .utf8),
          let graph = NetReader.read(SourceFile(name: "\(name).net", text: text)).graph else {
        print("\(name): cannot read examples/\(name).net (run from the repository root)")
        exit(1)
    }
    let network = try Network(graph: graph, initialization: Initialization(seed: 1))
    network.workers = workers
    BLAS.setThreads(workers > 1 ? 1 : threads)
    let data = SyntheticShapes(seed: 1, count: 1_000)
    let (images, labels) = data.batch(Array(0..<batch))
    var optimizer = SGD(momentum: 0.9, weightDecay: 5e-4)
    func step() throws {
        try network.forward([images], labels: labels, mode: .training)
        network.backward()
        optimizer.step(network.parameters, learningRate: 0.01)
    }
    for _ in 0..<2 { try step() }
    network.timings = breakdown ? [:] : nil
    var times: [Double] = []
    for _ in 0..<steps {
        let start = now()
        try step()
        times.append(now() - start)
    }
    let work = flops(graph, network.plan, batch: batch) / 1e9
    let m = median(times)
    print(String(format: "%-13@  %7d  %10.2f  %14.1f  %11.1f  %7.1f  %6.1f%%",
                 name as NSString, network.parameters.scalarCount, work, m * 1000, (times.min() ?? 0) * 1000, work / m, work / m / peak * 100))
    if let timings = network.timings {
        let total = timings.values.reduce(0, +)
        for (key, seconds) in timings.sorted(by: { $0.value > $1.value }).prefix(12) {
            print(String(format: "    %-22@ %7.1f ms/step  %5.1f%%", key as NSString, seconds / Double(steps) * 1000, seconds / total * 100))
        }
    }
}
