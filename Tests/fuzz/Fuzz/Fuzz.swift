import FoundationEssentials

/// Two libFuzzer targets in one binary (`FUZZ_TARGET=requests` or `seeds`), built by
/// `make fuzz` with `-sanitize=fuzzer,address -DFUZZING`. Built normally it is a replayer:
/// `fuzz requests|seeds PATH...` runs every file under the paths (the corpus) through the same
/// checks, so `make test` keeps every corpus input passing.
enum Fuzz {
    static func check(_ target: String, _ input: [UInt8]) {
        switch target {
        case "requests": RequestTarget.check(input)
        case "seeds": SeedTarget.check(input)
        default: fatalError("unknown fuzz target \(target): requests or seeds")
        }
    }

    /// The package's seed-data folder, found from the executable's place under `.build*/`.
    static var seedData: String {
        var parts = CommandLine.arguments[0].split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.popLast(), !last.hasPrefix(".build") {}
        return (parts.isEmpty ? "." : parts.joined(separator: "/")) + "/seed-data"
    }
}

#if FUZZING
// Unsafe pointers outside the C wrappers (and Locking): libFuzzer's calling convention.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let target = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "requests"
    Fuzz.check(target, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main`: hand over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main struct Replay {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let target = arguments.first else { fatalError("usage: fuzz requests|seeds PATH...") }
        var count = 0
        for path in arguments.dropFirst() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted().map { path + "/" + $0 } ?? [path]
            for file in files {
                Fuzz.check(target, Array(try Data(contentsOf: URL(filePath: file))))
                count += 1
            }
        }
        print("\(target): \(count) inputs replayed, no findings")
    }
}
#endif
