import Archive
import Foundation
import Testing
import TestSupport

/// Archives the writer makes are read back by another implementation (Python's zipfile,
/// which checks every CRC), whole and when taken in small pieces.
@Suite struct ZipWriterTests {
    static func readBack(_ archive: [UInt8]) throws -> [String: String] {
        try ZipReading.entries(Data(archive))
    }

    @Test func entriesComeBackAsWritten() throws {
        var zip = ZipWriter()
        let long = String(repeating: "2026-01-01T00:00:00.0000000Z a line of a log that repeats\n", count: 5000)
        let added = [
            zip.add(name: "0_build.txt", contents: Array(long.utf8), modified: Date(timeIntervalSince1970: 1_800_000_000)),
            zip.add(name: "build/1_Set up job.txt", contents: [], modified: Date()),
            zip.add(name: "bûild/2_Ünïcode.txt", contents: Array("héllo\n".utf8), modified: Date()),
        ]
        #expect(added == [true, true, true])
        zip.finish()
        let late = zip.add(name: "late.txt", contents: [], modified: Date())
        #expect(!late)
        var archive: [UInt8] = []
        while zip.pending > 0 { archive += zip.take(upTo: 1000) }
        #expect(archive.count < long.utf8.count / 10)  // it really deflated
        let entries = try Self.readBack(archive)
        #expect(entries == ["0_build.txt": long, "build/1_Set up job.txt": "", "bûild/2_Ünïcode.txt": "héllo\n"])
    }

    @Test func anEmptyArchiveIsValid() throws {
        var zip = ZipWriter()
        zip.finish()
        #expect(try Self.readBack(zip.take(upTo: 1 << 20)).isEmpty)
    }
}
