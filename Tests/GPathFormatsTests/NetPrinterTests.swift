import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so every random case can
/// be replayed from the seed printed on failure.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random valid graphs with every op, arbitrary slices, add placements, stop-gradient edges,
/// optional spatial sizes and awkward names.
struct RandomGraphGenerator {
    var random: SplitMix64
    private var names: [String] = []
    private var channels: [Int] = []
    private var counter = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }

    private mutating func freshName() -> String {
        counter += 1
        let stems = ["n", "stage2.block1.conv", "in", "conv", "relu", "a-b", "3x", "with space", "back`tick", "x.y.", "for", "loss"]
        return stems[int(0...stems.count - 1)] + (chance(0.5) ? "\(counter)" : "_\(counter)")
    }

    private mutating func slice(of index: Int, width: Int? = nil) -> (String, ChannelRange) {
        let total = channels[index]
        let w = width ?? int(1...total)
        let lower = int(0...total - w)
        return (names[index], ChannelRange(lower, lower + w))
    }

    mutating func generate() -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var builder = GraphBuilder(name: chance(0.5) ? "random" : "random graph \(int(0...99))")
        let spatial = chance(0.5) ? Spatial(height: int(1...6), width: int(1...6)) : nil
        for _ in 0..<int(1...2) {
            let name = freshName()
            let c = int(1...8)
            builder.addNode(name, op: .input, channels: c, spatial: spatial)
            names.append(name)
            channels.append(c)
        }
        for _ in 0..<int(1...25) {
            let name = freshName()
            let source = int(0...names.count - 1)
            var inputs: [(String, ChannelRange, Int?, Bool)] = []
            let op: Op
            var width: Int
            switch int(0...9) {
            case 0:
                let (s, r) = slice(of: source)
                let groups = [1, r.width].filter { r.width % $0 == 0 }[int(0...1) % 2 == 0 ? 0 : (r.width > 1 ? 1 : 0)]
                width = groups * int(1...4)
                // Square kernels mostly; per-axis windows (1×7, 3×1 with its own stride…) too.
                let sizes = [1, 3, 5]
                let kernel = chance(0.7) ? AxisPair(sizes[int(0...2)]) : AxisPair(height: sizes[int(0...2)], width: [1, 7][int(0...1)])
                let padding: AxisPair? = spatial == nil && chance(0.5) ? AxisPair(height: int(0...3), width: int(0...3)) : nil
                let activation: Activation? = chance(0.5) ? Activation.allCases[int(0...Activation.allCases.count - 1)] : nil
                op = .convolution(Convolution(kernel: kernel, stride: spatial == nil ? AxisPair(height: int(1...3), width: int(1...3)) : 1, padding: padding,
                                              dilation: spatial == nil ? AxisPair(int(1...2)) : 1, groups: groups, bias: chance(0.5),
                                              normalized: chance(0.5), activation: activation))
                inputs.append((s, r, nil, chance(0.2)))
            case 1 where spatial == nil:
                let (s, r) = slice(of: source)
                width = int(1...6)
                op = .linear(Linear(bias: chance(0.5), normalized: chance(0.3), activation: chance(0.5) ? .relu : nil))
                inputs.append((s, r, nil, chance(0.2)))
            case 2, 1:
                width = int(1...6)
                op = .layer(groups: 1)
                for _ in 0..<int(1...3) {
                    let (s, r) = slice(of: int(0...names.count - 1))
                    inputs.append((s, r, nil, chance(0.2)))
                }
            case 3, 4:
                let (s, r) = slice(of: source)
                width = r.width
                inputs.append((s, r, chance(0.3) ? 0 : nil, chance(0.2)))
                if chance(0.3) {
                    let other = int(0...names.count - 1)
                    let (s2, r2) = slice(of: other)
                    inputs.append((s2, r2, width, chance(0.2)))
                    width += r2.width
                }
                for _ in 0..<int(0...2) {
                    let other = int(0...names.count - 1)
                    guard channels[other] >= 1 else { continue }
                    let w = int(1...min(width, channels[other]))
                    let (s2, r2) = slice(of: other, width: w)
                    inputs.append((s2, r2, int(0...width - w), chance(0.2)))
                }
                op = .add
            case 5:
                op = .concat
                width = 0
                for _ in 0..<int(1...3) {
                    let (s, r) = slice(of: int(0...names.count - 1))
                    inputs.append((s, r, nil, chance(0.2)))
                    width += r.width
                }
            case 6:
                op = .stopGradient
                let (s, r) = slice(of: source)
                width = r.width
                inputs.append((s, r, nil, chance(0.2)))
            default:
                var kinds: [PassThrough] = [.identity, .activation(.silu), .activation(.linear), .normalization, .slice, .dropout]
                if spatial == nil {
                    kinds += [.maxPool(Pooling(kernel: 3, stride: 2, padding: 1)), .averagePool(Pooling(kernel: 2)), .globalAveragePool,
                              .maxPool(Pooling(kernel: AxisPair(height: 1, width: 3), stride: AxisPair(height: 1, width: 2), padding: AxisPair(height: 0, width: 1))),
                              .maxPool(Pooling(kernel: 2, stride: 1, padding: 0, trailingPadding: 1)),
                              .globalMaxPool, .upsample(scale: 2)]
                }
                op = .passThrough(kinds[int(0...kinds.count - 1)])
                let (s, r) = slice(of: source)
                width = r.width
                inputs.append((s, r, nil, chance(0.2)))
            }
            let declared: Int? = op.isWeighted ? width : nil
            builder.addNode(name, op: op, channels: declared)
            for (s, r, offset, stops) in inputs {
                let destination = (op == .add) ? offset.map { ChannelRange($0, $0 + r.width) } : nil
                builder.connect(s, to: name, sourceRange: r, destinationRange: destination, stopsGradient: stops)
            }
            names.append(name)
            channels.append(width)
        }
        for _ in 0..<int(1...2) {
            let name = freshName()
            let kind = LossKind.allCases[int(0...LossKind.allCases.count - 1)]
            builder.addNode(name, op: .loss(kind))
            for _ in 0..<int(1...2) {
                let (s, r) = slice(of: int(0...names.count - 1))
                builder.connect(s, to: name, sourceRange: r, stopsGradient: chance(0.2))
            }
        }
        return builder.build()
    }
}

@Suite("NetPrinter")
struct NetPrinterTests {
    @Test("random graphs print and read back equivalent", arguments: 0..<200)
    func randomRoundTrip(_ seed: Int) throws {
        var generator = RandomGraphGenerator(seed: UInt64(seed))
        let (built, buildDiagnostics) = generator.generate()
        let graph = try #require(built, "seed \(seed): generator made an invalid graph:\n\(NetTestSupport.describe(buildDiagnostics))")
        let text = NetPrinter.print(graph)
        let (reread, diagnostics) = NetTestSupport.read(text, name: "printed.net")
        let again = try #require(reread, "seed \(seed):\n\(NetTestSupport.describe(diagnostics))\n\(text)")
        #expect(graph.isEquivalent(to: again), "seed \(seed): \(graph.firstDifference(from: again) ?? "")\n\(text)")
    }

    @Test("the spec's graph JSON examples print and read back equivalent")
    func specExamplesRoundTrip() throws {
        let directory = RepositoryPaths.spec.appendingPathComponent("examples")
        let files = RepositoryPaths.specExampleNames.map { $0 + ".json" }
        #expect(files.count == 29, "the 29 worked examples must be in docs/spec/examples")
        for name in files {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let graph = try #require(GraphJSONReader.read(SourceFile(name: name, text: text)).graph, "\(name)")
            let (reread, diagnostics) = NetTestSupport.read(NetPrinter.print(graph), name: "\(name).net")
            let again = try #require(reread, "\(name):\n\(NetTestSupport.describe(diagnostics))")
            #expect(graph.isEquivalent(to: again), "\(name): \(graph.firstDifference(from: again) ?? "")")
        }
    }

    @Test("printed text is canonical: printing the re-read graph gives the same text")
    func printingIsIdempotent() throws {
        let url = NetTestSupport.examples.appendingPathComponent("cspnet.net")
        let graph = try #require(NetReader.read(NetTestSupport.source(url)).graph)
        let text = NetPrinter.print(graph)
        let again = try #require(NetTestSupport.read(text, name: "cspnet.net").graph)
        #expect(NetPrinter.print(again) == text)
    }

    @Test("awkward names are backquoted and plain ones are not")
    func quoting() throws {
        var builder = GraphBuilder(name: "quoting test")
        builder.addNode("stage2.block1.conv2", op: .input, channels: 2)
        builder.addNode("in", op: .stopGradient)
        builder.addNode("a`b\\c", op: .loss(.generic))
        builder.connect("stage2.block1.conv2", to: "in")
        builder.connect("in", to: "a`b\\c")
        let graph = try #require(builder.build().graph)
        let text = NetPrinter.print(graph)
        #expect(text.contains("network `quoting test`"))
        #expect(text.contains("input stage2.block1.conv2 2"))
        #expect(text.contains("`in` = stop_gradient(stage2.block1.conv2)"))
        #expect(text.contains("loss `a\\`b\\\\c` = loss(`in`)"))
    }
}
