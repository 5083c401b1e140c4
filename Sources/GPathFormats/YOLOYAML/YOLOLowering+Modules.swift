import GPathDiagnostics
import GPathIR

/// Row dispatch and the backbone modules of `formats.md` §2.
extension YOLOLowering {
    /// Modules whose repeat count goes into the module (inner bottlenecks), not a stack.
    static let repeatInside: Set<String> = Set<String>([
        "C3", "C2f", "BottleneckCSP", "SPPCSPC", "DownC", "C3Ghost", "C3k2", "C2fCIB", "C2", "RepC3", "HGBlock",
        "C2PSA", "C2fPSA", "A2C2f", "C3TR",
    ]).union(yolov7CSPModules)
    /// Real modules gpath does not represent: their computation reads something a model YAML
    /// does not describe (text embeddings) — rejected as unsupported (E214) rather than unknown.
    static let unsupportedModules: Set<String> = [
        "C2fAttn", "ImagePoolingAttn", "WorldDetect", "YOLOEDetect", "YOLOESegment", "YOLOESegment26",
        "SwinTransformerBlock", "SwinTransformer2Block", "STCSPA", "STCSPB", "STCSPC", "ST2CSPA", "ST2CSPB", "ST2CSPC",
    ]
    /// The attention modules whose product is with text embeddings (YOLO-World, YOLOE).
    static let textModules: Set<String> = ["C2fAttn", "ImagePoolingAttn", "WorldDetect", "YOLOEDetect", "YOLOESegment", "YOLOESegment26"]
    /// Real ultralytics modules gpath does not expand (E214, not "unknown"), with the reason.
    static let unexpandedModules: [String: String] = [
        "TorchVision": "it loads a torchvision model by name; the file does not describe its layers",
        "Index": "it picks one output of a `TorchVision` row",
        "Depth": "YOLO26's depth head is not lowered yet",
        "SemanticSegment": "YOLO26's semantic-segmentation head is not lowered yet",
    ]
    /// Every module name gpath expands (torch modules also without their `nn.` prefix).
    static let modules: Set<String> = Set<String>([
        "Conv", "DWConv", "Bottleneck", "C3", "C2f", "SPP", "SPPF", "SPPCSPC", "RepConv", "MP", "SP", "Concat",
        "Shortcut", "ReOrg", "Focus", "DownC", "nn.Upsample", "nn.BatchNorm2d", "nn.Identity",
        "Detect", "IDetect", "IAuxDetect", "nn.MaxPool2d", "nn.AvgPool2d", "nn.ZeroPad2d", "nn.ConvTranspose2d", "ConvTranspose",
        "RepNCSPELAN4", "ELAN1", "AConv", "ADown", "SPPELAN", "CBLinear", "CBFuse", "GhostConv", "GhostBottleneck", "C3Ghost",
        "C3k2", "SCDown", "Classify", "Segment", "Pose", "OBB", "Stem", "C2", "C2fCIB", "v10Detect", "HGStem", "HGBlock", "RepC3",
        "ResNetLayer", "Segment26", "Pose26", "OBB26",
        "C2PSA", "PSA", "C2fPSA", "A2C2f", "C3TR", "AIFI", "RTDETRDecoder",
    ]).union(yolov7CSPModules)

    /// Argument `index` with `nc`, `anchors` and `kpt_shape` replaced by their values.
    func argument(_ row: YOLOModel.Row, _ index: Int) -> YOLOValue? {
        guard index < row.arguments.count else { return nil }
        switch row.arguments[index] {
        case .name("nc"): return .int(model.classes)
        case .name("anchors"): return model.anchors
        case .name("kpt_shape"): return model.keypointShape
        case let value: return value
        }
    }

    /// A ratio argument (an expansion `e`, an `mlp_ratio`): `fallback` when absent; nil, with
    /// E217, unless finite, above 0 and at most ``YOLOModel/maximumMultiplier`` — so widths
    /// scaled by it stay far inside `Int`.
    mutating func ratio(_ row: YOLOModel.Row, _ index: Int, _ fallback: Double, _ what: String) -> Double? {
        guard let value = argument(row, index)?.number else { return fallback }
        guard value.isFinite, value > 0, value <= YOLOModel.maximumMultiplier else {
            report(.sizeLimit, "`\(row.module)`'s `\(what)` is \(value); gpath accepts a ratio above 0 and at most \(YOLOModel.maximumMultiplier)", at: row.location)
            return nil
        }
        return value
    }

    /// An integer argument, `fallback` when absent or `None`.
    mutating func int(_ row: YOLOModel.Row, _ index: Int, _ fallback: Int?, _ what: String) -> Int? {
        let value = argument(row, index)
        if value == nil || value == YOLOValue.none { 
            if fallback == nil { report(.invalidField, "`\(row.module)` needs `\(what)` (argument \(index + 1))", at: row.location, label: "argument missing") }
            return fallback
        }
        if let number = value?.int { return number }
        report(.invalidValue, "`\(what)` of `\(row.module)` must be an integer, not `\(value.map(\.description) ?? "")`", at: row.location)
        return nil
    }

    mutating func bool(_ row: YOLOModel.Row, _ index: Int, _ fallback: Bool) -> Bool {
        switch argument(row, index) {
        case .bool(let value)?: return value
        case .int(let value)?: return value != 0
        default: return fallback
        }
    }

    mutating func lower(_ row: YOLOModel.Row) -> ImportedTensor? {
        let module = row.module
        if Self.unsupportedModules.contains(module) {
            let note = Self.textModules.contains(module)
                ? "it compares image features with text embeddings, a second input a model YAML does not describe"
                : "yolov7's Swin-transformer CSP modules (window attention with shifted windows) are not lowered yet"
            report(.unsupportedConstruct, "module `\(module)` cannot be represented", at: row.moduleLocation,
                   label: "not supported", notes: [note])
            return nil
        }
        if let reason = Self.unexpandedModules[module] {
            report(.unsupportedConstruct, "module `\(module)` is not expanded by gpath", at: row.moduleLocation, label: "not expanded", notes: [reason])
            return nil
        }
        guard Self.modules.contains(module) || Self.modules.contains("nn." + module) else {
            report(.unknownOp, "unknown module `\(module)`", at: row.moduleLocation, label: "not a module gpath expands",
                   notes: ["gpath expands \(Self.modules.sorted().joined(separator: ", "))"],
                   helps: Suggestion.help(for: module, among: Self.modules))
            return nil
        }
        guard let sources = sources(of: row) else { return nil }
        let bare = module.hasPrefix("nn.") ? String(module.dropFirst(3)) : module
        switch bare {
        case "Concat":
            guard sameSpatial(sources, row) else { return nil }
            return tensors.concat(String(row.index), sources.map { ImportedEdge($0) }, at: row.location)
        case "Shortcut":
            guard sources.count == 2, sources[0].channels == sources[1].channels, sameSpatial(sources, row) else {
                report(.channelMismatch, "`Shortcut` adds two rows of equal shape; got \(sources.map { "\($0.channels)x\($0.spatial)" }.joined(separator: " and "))", at: row.location)
                return nil
            }
            return tensors.add(String(row.index), sources.map { ImportedEdge($0, destinationOffset: 0) }, channels: sources[0].channels, at: row.location)
        case "Detect", "IDetect", "IAuxDetect":
            detect(row, sources, kind: bare)
            return nil
        case "Segment", "Pose", "OBB", "Segment26", "Pose26", "OBB26":
            taskHead(row, sources, kind: bare)
            return nil
        case "v10Detect":
            v10Detect(row, sources)
            return nil
        case "Classify":
            guard sameSpatial(sources, row) else {
                report(.channelMismatch, "`Classify` concatenates its inputs, which must share a spatial size", at: row.location)
                return nil
            }
            classify(row, sources)
            return nil
        case "CBFuse": return cbFuse(row, sources)
        case "RTDETRDecoder":
            rtdetrDecoder(row, sources)
            return nil
        default: break
        }
        guard sources.count == 1, let source = sources.first else {
            report(.wrongArity, "`\(module)` reads one row, `from` lists \(sources.count)", at: row.location)
            return nil
        }
        if bare == "ZeroPad2d" { return zeroPad(row, source) }
        let n = repeats(row.number)
        if Self.repeatInside.contains(bare) { return expand(bare, row, String(row.index), source, n: n) }
        var current = source
        for copy in 0..<n {
            if copy > 0, current.channels != source.channels, ["Conv", "DWConv", "Bottleneck", "RepConv", "SPP", "SPPF", "Focus", "GhostConv", "GhostBottleneck"].contains(bare) {
                report(.channelMismatch, "`\(module)` repeated \(n) times changes \(source.channels) channels to \(current.channels) after the first copy", at: row.location)
                return nil
            }
            guard let next = expand(bare, row, n == 1 ? String(row.index) : "\(row.index).\(copy)", current, n: 1) else { return nil }
            current = next
        }
        return current
    }

    func sameSpatial(_ sources: [ImportedTensor], _ row: YOLOModel.Row) -> Bool {
        guard let first = sources.first else { return true }
        return !sources.contains { $0.spatial != first.spatial }
    }

    /// One module instance named `name` reading `x`.
    private mutating func expand(_ bare: String, _ row: YOLOModel.Row, _ name: String, _ x: ImportedTensor, n: Int) -> ImportedTensor? {
        let at = row.location
        let c1 = x.channels
        let input = ImportedEdge(x)
        switch bare {
        case "MP":
            guard let k = int(row, 0, 2, "k") else { return nil }
            return tensors.passThrough(name, .maxPool(Pooling(kernel: AxisPair(k))), input, at: at)
        case "SP":
            guard let k = int(row, 0, 3, "k"), let s = int(row, 1, 1, "s") else { return nil }
            return tensors.passThrough(name, .maxPool(Pooling(kernel: AxisPair(k), stride: AxisPair(s), padding: AxisPair(k / 2))), input, at: at)
        case "Upsample":
            guard let scale = int(row, 1, 2, "scale_factor"), scale >= 1 else { return nil }
            return tensors.passThrough(name, .upsample(scale: scale), input, at: at)
        case "MaxPool2d", "AvgPool2d": return torchPool(name, row, x, average: bare == "AvgPool2d")
        case "BatchNorm2d": return tensors.passThrough(name, .normalization, input, at: at)
        case "Identity": return tensors.passThrough(name, .identity, input, at: at)
        case "ReOrg":
            guard x.spatial.height % 2 == 0, x.spatial.width % 2 == 0 else {
                report(.channelMismatch, "`ReOrg` needs an even spatial size, got \(x.spatial)", at: at)
                return nil
            }
            return tensors.spaceToDepth(name, x, stride: 2, at: at)
        case "CBLinear": return cbLinear(name, row, x)
        case "ResNetLayer": return resNetLayer(name, row, x)
        case "HGStem", "HGBlock":
            // parse_model passes (c1, cm, c2, …) as written: neither width is scaled.
            guard let cm = int(row, 0, nil, "cm"), let c2 = int(row, 1, nil, "c2") else { return nil }
            guard bare == "HGBlock" else { return hgStem(name, x, cm: cm, c2: c2, at: at) }
            guard let k = int(row, 2, 3, "k") else { return nil }
            return hgBlock(name, x, cm: cm, c2: c2, k: k, n: n, light: bool(row, 3, false), shortcut: bool(row, 4, false), at: at)
        default: break
        }
        if bare == "AIFI" { return aifi(name, row, x) }
        guard let rawC2 = int(row, 0, nil, "c2") else { return nil }
        let c2 = scaledWidth(rawC2)
        switch bare {
        case "Conv", "DWConv", "Focus":
            guard let k = kernel(row, 1), let s = int(row, 2, 1, "s"), let act = activation(actArgument(row), at: at) else { return nil }
            if bare == "DWConv" { return conv(name, [input], c2, k: k, s: s, g: gcd(c1, c2), act: act, at: at) }
            guard bare == "Focus" else {
                // yolov7's Conv is (c2, k, s, p, g, act): an activation in ultralytics' dilation
                // slot, with nothing after it, is that activation.
                let d = row.arguments.count == 6 && isActivationLike(row.arguments[5]) ? 1 : int(row, 5, 1, "d")
                guard let p = int(row, 3, -1, "p"), let g = int(row, 4, 1, "g"), let d else { return nil }
                return conv(name, [input], c2, k: k, s: s, p: p < 0 ? nil : p, g: g, d: d, act: act, at: at)
            }
            let sampled = tensors.spaceToDepth("\(name).reorg", x, stride: 2, at: at)
            return conv("\(name).conv", [ImportedEdge(sampled)], c2, k: k, s: s, act: act, at: at)
        case "Bottleneck":
            return bottleneck(name, input, c2, shortcut: bool(row, 1, true), g: int(row, 2, 1, "g") ?? 1, e: 0.5, kernels: (1, 3), at: at)
        case "C3": return c3(name, x, c2, n: n, shortcut: bool(row, 1, true), at: at)
        case "C3Ghost": return c3(name, x, c2, n: n, shortcut: true, ghost: true, at: at)
        case "C3k2": return c3k2(name, row, x, c2, n: n)
        case "C2PSA", "PSA":
            guard let e = ratio(row, 1, 0.5, "e") else { return nil }
            return c2psa(name, x, c2, n: bare == "PSA" ? 1 : n, e: e, single: bare == "PSA", at: at)
        case "C2fPSA":
            guard let e = ratio(row, 1, 0.5, "e") else { return nil }
            return c2f(name, x, c2, n: n, shortcut: true, e: e, inner: .psa, at: at)
        case "A2C2f": return a2c2f(name, row, x, c2, n: n)
        case "C3TR": return c3tr(name, x, c2, n: n, at: at)
        case "C2fCIB": return c2fCIB(name, row, x, c2, n: n)
        case "C2": return self.c2(name, x, c2, n: n, shortcut: bool(row, 1, true), at: at)
        case "RepC3":
            guard let e = ratio(row, 1, 1, "e") else { return nil }
            return repC3(name, x, c2, n: n, e: e, at: at)
        case "Stem": return stem(name, x, c2, at: at)
        case _ where Self.yolov7CSPModules.contains(bare):
            guard let (variant, block) = Self.cspModule(bare) else { return nil }
            return yolov7CSP(name, row, x, c2, n: n, variant: variant, block: block)
        case "SCDown":
            guard let k = int(row, 1, nil, "k"), let s = int(row, 2, nil, "s") else { return nil }
            return scDown(name, x, c2, k: k, s: s, at: at)
        case "GhostConv":
            guard let k = int(row, 1, 1, "k"), let s = int(row, 2, 1, "s"), let g = int(row, 3, 1, "g"),
                  let act = activation(actArgument(row), at: at) else { return nil }
            return ghostConv(name, input, c2, k: k, s: s, g: g, act: act, at: at)
        case "GhostBottleneck":
            guard let k = int(row, 1, 3, "k"), let s = int(row, 2, 1, "s") else { return nil }
            return ghostBottleneck(name, x, c2, k: k, s: s, at: at)
        case "C2f": return c2f(name, x, c2, n: n, shortcut: bool(row, 1, false), at: at)
        case "SPPF":
            // ultralytics SPPF(c1, c2, k=5, n=3, shortcut=False): n chained pools; the input is
            // added to the output when `shortcut` and c1 == c2 (YOLO26).
            guard let k = int(row, 1, 5, "k"), let pools = int(row, 2, 3, "n") else { return nil }
            guard pools >= 1 else {
                report(.invalidValue, "`SPPF` needs at least one pool (n), not \(pools)", at: row.location)
                return nil
            }
            let legacy = row.arguments.count <= 2
            guard let pooled = spp(name, x, c2, kernels: Array(repeating: k, count: pools), chained: true, activatedReduction: legacy, at: at) else { return nil }
            guard bool(row, 3, false), x.channels == c2 else { return pooled }
            return tensors.add("\(name).add", [ImportedEdge(pooled, destinationOffset: 0), ImportedEdge(x, destinationOffset: 0)], channels: c2, at: at)
        case "SPP":
            return spp(name, x, c2, kernels: kernelList(row, 1) ?? [5, 9, 13], chained: false, at: at)
        case "SPPCSPC": return sppcspc(name, x, c2, kernels: kernelList(row, 4) ?? [5, 9, 13], at: at)
        case "RepNCSPELAN4", "ELAN1":
            guard let c3 = int(row, 1, nil, "c3"), let c4 = int(row, 2, nil, "c4"), let blocks = int(row, 3, 1, "n") else { return nil }
            return gelan(name, x, c2: c2, c3: c3, c4: c4, n: blocks, elan: bare == "ELAN1", at: at)
        case "AConv": return aConv(name, x, c2, at: at)
        case "ADown": return aDown(name, x, c2, at: at)
        case "SPPELAN":
            guard let c3 = int(row, 1, nil, "c3"), let k = int(row, 2, 5, "k") else { return nil }
            return sppelan(name, x, c2, c3: c3, k: k, at: at)
        case "ConvTranspose2d", "ConvTranspose": return transposedConv(name, row, x, c2: c2, torch: bare == "ConvTranspose2d")
        case "RepConv":
            guard let k = int(row, 1, 3, "k"), let s = int(row, 2, 1, "s"), let act = activation(actArgument(row), at: at) else { return nil }
            return repConv(name, x, c2, k: k, s: s, act: act, at: at)
        case "DownC":
            guard let k = int(row, 2, 2, "k") else { return nil }
            return downC(name, x, c2, k: k, at: at)
        default:
            report(.unknownOp, "module `\(row.module)` is not expanded", at: row.moduleLocation)
            return nil
        }
    }

    /// A kernel size: an integer, or a list of equal ones (yolov7's `Conv, [512, [1, 1]]`);
    /// 1 when absent. Nil (reported) otherwise.
    private mutating func kernel(_ row: YOLOModel.Row, _ index: Int) -> Int? {
        guard case .list(let values)? = argument(row, index) else { return int(row, index, 1, "k") }
        let sizes = values.compactMap(\.int)
        guard sizes.count == values.count, let first = sizes.first, sizes.allSatisfy({ $0 == first }) else {
            report(.unsupportedConstruct, "`\(row.module)` with kernel `\(argument(row, index)?.description ?? "")`: gpath's YOLO importer takes square kernels", at: row.location)
            return nil
        }
        return first
    }

    private func kernelList(_ row: YOLOModel.Row, _ index: Int) -> [Int]? {
        guard case .list(let values)? = argument(row, index) else { return nil }
        let kernels = values.compactMap(\.int)
        return kernels.count == values.count && !kernels.isEmpty ? kernels : nil
    }

    /// The `act` argument wherever the module's signature puts it (yolov5, yolov7 and
    /// ultralytics differ): the first argument after `c2` that is a boolean or a constructor.
    private func actArgument(_ row: YOLOModel.Row) -> YOLOValue? {
        row.arguments.dropFirst().first(where: isActivationLike)
    }

    /// A boolean, a constructor call or a name other than `nc`/`anchors`: what an `act`
    /// argument looks like, as opposed to the integers of the other Conv arguments.
    private func isActivationLike(_ value: YOLOValue) -> Bool {
        switch value {
        case .bool, .call, .string: true
        case .name(let name): name != "nc" && name != "anchors"
        default: false
        }
    }

    private func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }
}
