#if GPATH_LIBFUZZER
import Foundation

/// libFuzzer's entry point for programs with their own `main` (`libclang_rt.fuzzer_no_main`):
/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Hands the process to libFuzzer, which calls back once per input.
enum LibFuzzerDriver {
    /// The target every callback runs; set once before libFuzzer starts, read only after.
    nonisolated(unsafe) static var target: FuzzTarget = .net

    static func run(_ target: FuzzTarget, arguments: [String]) -> Never {
        Self.target = target
        var argc = CInt(arguments.count)
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let status = cArguments.withUnsafeMutableBufferPointer { buffer -> CInt in
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
                let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
                LibFuzzerDriver.target.run(data)
                return 0
            }
        }
        exit(status)
    }
}
#endif
