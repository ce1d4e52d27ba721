#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A file read front to back in pieces, so a file of any size needs memory for one piece: how
/// seed files stream. The only code here that reads files through the C library.
public final class FileInput {
    private let descriptor: Int32
    /// The file's size when opened, and how much was read: pieces are sized to what is left.
    private let size: Int
    private var offset = 0
    /// Why reading stopped early, when it did (`nextPiece` then returns `nil`).
    public private(set) var failure: String?

    /// Opens `path` for reading; the reason (the C library's) when it cannot.
    public init(path: String) throws(FileInputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileInputError(reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        var status = stat()
        size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    }

    deinit { close(descriptor) }

    /// The next piece of at most `maximum` bytes; `nil` at the end of the file or on a failure.
    public func nextPiece(maximum: Int = 1 << 20) -> [UInt8]? {
        // Sized to what is left (a small seed file must not cost a megabyte cleared twice per
        // pass), and filled by read(2) without clearing it first.
        let capacity = min(maximum, max(size - offset, 4096))
        var failed: Int32 = 0
        let piece = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var got = read(descriptor, buffer.baseAddress, capacity)
            while got < 0 && errno == EINTR { got = read(descriptor, buffer.baseAddress, capacity) }
            if got < 0 { failed = errno }
            count = max(0, got)
        }
        offset += piece.count
        if failed != 0 { failure = String(cString: strerror(failed)) }
        return piece.isEmpty ? nil : piece
    }
}

/// Why a file could not be opened.
public struct FileInputError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// The process's heap, as the C library keeps it.
public enum Memory {
    /// Returns freed heap pages to the system: after a large seed is loaded, what parsing
    /// used stays free but resident unless given back.
    public static func releaseFreedPages() {
        #if canImport(Glibc)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
