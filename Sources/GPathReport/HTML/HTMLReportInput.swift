import GPathAnalysis
import GPathDiagnostics

/// Everything ``HTMLReportWriter`` puts on the page, computed and rendered beforehand (the
/// writer only formats text: it neither analyses nor lays out).
public struct HTMLReportInput: Sendable {
    /// The timestamp diagram's section: the rendered picture, or why it is left out.
    public enum TimestampDiagram: Sendable {
        /// A Graphviz SVG document of ``TimestampDiagramWriter``'s DOT.
        case svg(String)
        /// One sentence saying why there is no diagram.
        case omitted(String)
    }

    /// `gpath check`'s findings for the file, with the text they point into.
    public struct Findings: Sendable {
        public let result: CheckResult
        /// The input's text (nil or empty for binary inputs: then no source lines are shown).
        public let source: SourceFile?

        public init(result: CheckResult, source: SourceFile?) {
            self.result = result
            self.source = source
        }
    }

    public let report: AnalysisReport
    /// The graph picture's DOT, with the options actually used.
    public let picture: DOTPicture
    /// The Graphviz SVG document of ``picture``.
    public let pictureSVG: String
    public let timestampDiagram: TimestampDiagram
    /// Each layer's shortest and longest path (from ``GradientPathChainPass``).
    public let chains: GradientPathChains
    public let findings: Findings?
    /// Sentences about what the report leaves out (analysis level lowered, picture folded).
    public let notes: [String]
    /// What was done to fit the picture on a page (`gpath render`'s stderr note), if anything.
    public let pictureNote: String?

    public init(
        report: AnalysisReport, picture: DOTPicture, pictureSVG: String, timestampDiagram: TimestampDiagram,
        chains: GradientPathChains, findings: Findings?, notes: [String] = [], pictureNote: String? = nil
    ) {
        self.pictureNote = pictureNote
        self.report = report
        self.picture = picture
        self.pictureSVG = pictureSVG
        self.timestampDiagram = timestampDiagram
        self.chains = chains
        self.findings = findings
        self.notes = notes
    }
}
