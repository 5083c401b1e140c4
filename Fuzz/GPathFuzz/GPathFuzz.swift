import Foundation

/// `gpath-fuzz TARGET [ARGS…]`.
///
/// Built by `scripts/fuzz.sh` with `-D GPATH_LIBFUZZER`, coverage instrumentation and
/// AddressSanitizer, the binary is a libFuzzer driver: ARGS are libFuzzer's (corpus
/// directories, `-max_total_time=N`, `-dict=…`). In a normal build it replays: each ARG is a
/// file run once through TARGET, so a crash found by the fuzzer reproduces under the debugger
/// or in a plain `swift build` without the fuzzer runtime.
@main
enum GPathFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: gpath-fuzz \(names) [files… | libFuzzer arguments…]\n".utf8))
            exit(2)
        }
        #if GPATH_LIBFUZZER
        LibFuzzerDriver.run(target, arguments: [arguments[0]] + arguments.dropFirst(2))
        #else
        for path in arguments.dropFirst(2) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("gpath-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            target.run(data)
            print("ok \(path)")
        }
        #endif
    }
}
