/// Numbers that depend only on a text (FNV-1a): ids the seed does not give (users, workflows)
/// stay the same across starts and machines.
public enum StableNumber {
    /// A number in `from..<from+count` for `text`.
    public static func of(_ text: String, from: Int64, count: UInt64) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(hash % count) + from
    }
}
