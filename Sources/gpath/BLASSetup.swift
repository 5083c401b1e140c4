import Foundation
import GPathRuntime

/// Makes OpenBLAS use the CPU's vector kernels. OpenBLAS picks its kernel when the library
/// loads, from `OPENBLAS_CORETYPE` or its own CPU detection, which misses recent CPUs; when
/// `BLAS.recommendedCoreType` names a better kernel, the process re-executes itself once with
/// `OPENBLAS_CORETYPE` set (an explicit user setting is always kept).
enum BLASSetup {
    /// Before `command` runs: `train` gets vector kernels (``ensureVectorKernels()``); any
    /// other command stops OpenBLAS's spinning worker threads, which it does not need.
    static func prepare(command: String?) {
        if command == "train" {
            ensureVectorKernels()
        } else {
            BLAS.stopThreadPoolUntilNeeded()
        }
    }

    static func ensureVectorKernels() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["GPATH_BLAS_REEXEC"] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return }
        let flags = Set(line.split(separator: " ").map(String.init))
        guard let core = BLAS.recommendedCoreType(cpuFlags: flags, detected: BLAS.coreName) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("GPATH_BLAS_REEXEC", "1", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // execv returns only on failure: carry on with the detected kernel.
    }
}
