import Clock
import CZlib
import FoundationEssentials

/// Writes a zip archive entry by entry into a buffer the caller drains as it goes, so an
/// archive of any size needs memory for one entry at a time (and the central directory's
/// few dozen bytes per entry). Entries are deflated with zlib; names are UTF-8.
public struct ZipWriter: Sendable {
    /// Bytes written and not yet taken.
    private var output: [UInt8] = []
    private var taken = 0
    /// Offset of the next entry in the whole archive.
    private var offset = 0
    private var directory: [UInt8] = []
    private var entries = 0
    public private(set) var isFinished = false

    /// Entries a zip without zip64 records can count.
    public static let maximumEntries = Int(UInt16.max)

    public init() {}

    /// How many bytes wait to be taken.
    public var pending: Int { output.count - taken }

    /// Appends one file. Returns `false` when the archive is full or finished.
    @discardableResult
    public mutating func add(name: String, contents: [UInt8], modified: Date) -> Bool {
        guard !isFinished, entries < Self.maximumEntries else { return false }
        let compressed = Self.deflate(contents)
        let crc = Self.crc32(contents)
        let nameBytes = Array(name.utf8)
        let (time, date) = Self.dosTime(modified)

        var header: [UInt8] = []
        header.reserveCapacity(30 + nameBytes.count)
        header.append(littleEndian: UInt32(0x0403_4b50))
        header.append(littleEndian: UInt16(20))          // version needed: deflate
        header.append(littleEndian: UInt16(0x0800))      // names are UTF-8
        header.append(littleEndian: UInt16(8))           // deflate
        header.append(littleEndian: time)
        header.append(littleEndian: date)
        header.append(littleEndian: crc)
        header.append(littleEndian: UInt32(compressed.count))
        header.append(littleEndian: UInt32(contents.count))
        header.append(littleEndian: UInt16(nameBytes.count))
        header.append(littleEndian: UInt16(0))           // no extra field
        header += nameBytes

        directory.append(littleEndian: UInt32(0x0201_4b50))
        directory.append(littleEndian: UInt16(0x0314))   // made by: Unix, 2.0
        directory.append(littleEndian: UInt16(20))
        directory.append(littleEndian: UInt16(0x0800))
        directory.append(littleEndian: UInt16(8))
        directory.append(littleEndian: time)
        directory.append(littleEndian: date)
        directory.append(littleEndian: crc)
        directory.append(littleEndian: UInt32(compressed.count))
        directory.append(littleEndian: UInt32(contents.count))
        directory.append(littleEndian: UInt16(nameBytes.count))
        directory.append(littleEndian: UInt16(0))        // extra
        directory.append(littleEndian: UInt16(0))        // comment
        directory.append(littleEndian: UInt16(0))        // disk
        directory.append(littleEndian: UInt16(0))        // internal attributes
        directory.append(littleEndian: UInt32(0o100644) << 16)  // a regular file, rw-r--r--
        directory.append(littleEndian: UInt32(offset))
        directory += nameBytes

        output += header
        output += compressed
        offset += header.count + compressed.count
        entries += 1
        return true
    }

    /// Appends the central directory and its end record; nothing can be added after.
    public mutating func finish() {
        guard !isFinished else { return }
        output += directory
        output.append(littleEndian: UInt32(0x0605_4b50))
        output.append(littleEndian: UInt16(0))           // this disk
        output.append(littleEndian: UInt16(0))           // the directory's disk
        output.append(littleEndian: UInt16(entries))
        output.append(littleEndian: UInt16(entries))
        output.append(littleEndian: UInt32(directory.count))
        output.append(littleEndian: UInt32(offset))
        output.append(littleEndian: UInt16(0))           // no comment
        directory = []
        isFinished = true
    }

    /// Takes up to `count` of the bytes written so far.
    public mutating func take(upTo count: Int) -> [UInt8] {
        let end = min(output.count, taken + count)
        let bytes = Array(output[taken..<end])
        taken = end
        // Drop what was taken once it is most of the buffer, so memory stays bounded.
        if taken > 64 * 1024 && taken * 2 > output.count {
            output.removeFirst(taken)
            taken = 0
        }
        return bytes
    }

    private static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: czlib_deflate_bound(bytes.count))
        let written = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                czlib_deflate_raw(input.baseAddress, input.count, output.baseAddress, output.count, 6)
            }
        }
        precondition(written >= 0, "zlib could not deflate into a buffer of its own bound")
        out.removeLast(out.count - written)
        return out
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(truncatingIfNeeded: bytes.withUnsafeBytes { czlib_crc32(0, $0.baseAddress, $0.count) })
    }

    /// MS-DOS time and date fields (two-second resolution, years 1980 to 2107), UTC.
    static func dosTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        let (civilYear, month, day, secondOfDay) = Timestamp.civil(date)
        let year = min(max(civilYear, 1980), 2107)
        let time = UInt16(secondOfDay / 3600) << 11 | UInt16(secondOfDay / 60 % 60) << 5 | UInt16(secondOfDay % 60 / 2)
        return (time, UInt16(year - 1980) << 9 | UInt16(month) << 5 | UInt16(day))
    }
}

extension [UInt8] {
    mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
