import GPathDiagnostics

extension DarknetReader {
    /// The type of every layer section after `[net]`, in file order, as darknet's load table
    /// names it (`conv`, `max`, `route`, `shortcut`, `upsample`, `yolo`…; aliases resolved,
    /// `[upsample]` with a negative stride is `downsample`). Index i describes layer i, whose
    /// IR nodes are `"i"` and `"i.<part>"`. Sections gpath does not know keep their own name.
    /// Only parses: call it on a file ``read(_:)`` accepted.
    public static func sectionTypes(_ file: SourceFile) -> [String] {
        var parser = DarknetParser(file: file)
        var sections = parser.parse()
        if let first = sections.first, DarknetKind.names[first.name] == .net { sections.removeFirst() }
        return sections.map { section in
            guard let kind = DarknetKind.names[section.name] else { return section.name }
            if kind == .upsample, let stride = section.entries.first(where: { $0.key == "stride" }), (Int(stride.value) ?? 2) < 0 {
                return "downsample"
            }
            return kind.logName
        }
    }
}

extension DarknetKind {
    /// The name darknet's load table prints for this section (`local_avg` and `avg` kept apart).
    var logName: String {
        switch self {
        case .convolutional: "conv"
        case .maxpool: "max"
        case .localAveragePool: "local_avg"
        case .avgpool: "avg"
        default: rawValue
        }
    }
}
