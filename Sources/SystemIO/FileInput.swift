#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A file read front to back in pieces, so a file of any size needs memory for one piece: how
/// seed files stream. The only code here that reads files through the C library.
public final class FileInput {
    private let descriptor: Int32
    /// Why reading stopped early, when it did (`nextPiece` then returns `nil`).
    public private(set) var failure: String?

    /// Opens `path` for reading; the reason (the C library's) when it cannot.
    public init(path: String) throws(FileInputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileInputError(reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The next piece of at most `maximum` bytes; `nil` at the end of the file or on a failure.
    public func nextPiece(maximum: Int = 1 << 20) -> [UInt8]? {
        var piece = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = piece.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, maximum) }
            if count > 0 {
                piece.removeLast(maximum - count)
                return piece
            }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            failure = String(cString: strerror(errno))
            return nil
        }
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
