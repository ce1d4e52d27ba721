import CNettle

/// Comparisons whose duration does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; only their lengths may show in the timing.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                nettle_memeql_sec(left.baseAddress, right.baseAddress, left.count) != 0
            }
        }
    }
}

/// Unpredictable bytes for keys and tokens.
public enum RandomBytes {
    /// `count` bytes from the system's cryptographically secure generator (getrandom on Linux).
    public static func make(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }
}
