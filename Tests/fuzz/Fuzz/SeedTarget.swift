import Clock
import Seed

/// Arbitrary bytes as a seed document: the streaming reader and the seed validation, both
/// passes, must answer with a value or a `SeedError` (file, JSON path, reason), never crash.
enum SeedTarget {
    static func check(_ input: [UInt8]) {
        do {
            _ = try SeedDocument.parse(input, source: "fuzz.json", now: "2026-01-01T00:00:00Z").allJobs()
        } catch {
            // Every refusal must say where: a JSON path that starts at the root.
            if !error.path.hasPrefix("$") { fatalError("seed error without a JSON path: \(error)") }
        }
    }
}
