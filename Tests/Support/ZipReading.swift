import Foundation

/// Reads a zip archive with another implementation (Python's zipfile, which checks every
/// CRC), for tests of the archives the emulator writes.
public enum ZipReading {
    /// Every entry's name and text; fails the call when an entry's CRC is wrong.
    public static func entries(_ archive: Data) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString).zip")
        try archive.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = try ChildProcess(searching: "python3", ["-c", """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                bad = archive.testzip()
                assert bad is None, bad
                print(json.dumps({name: archive.read(name).decode() for name in archive.namelist()}))
            """, file.path], standardOutput: .pipe, standardError: .inherit)
        let output = process.standardOutput!.readDataToEndOfFile()
        let ended = process.waitUntilExit()
        guard ended == .exit(0) else { throw ZipReadingError(termination: ended) }
        return try JSONDecoder().decode([String: String].self, from: output)
    }
}

/// Python's zipfile refused the archive (how its process ended).
public struct ZipReadingError: Error {
    public var termination: ChildProcess.Termination
}
