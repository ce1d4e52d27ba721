/// Numbers as text without Foundation's `String(format:)`: zero-padded, hexadecimal, fixed-point.
public enum NumberText {
    /// `value` in decimal, left-padded with zeros to `width` digits.
    public static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `value` in hexadecimal, left-padded with zeros to `width` digits.
    public static func hex(_ value: UInt64, width: Int, uppercase: Bool = false) -> String {
        var bytes: [UInt8] = []
        appendHex(value, width: width, uppercase: uppercase, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` in hexadecimal, zero-padded to `width` (request ids are built per request).
    public static func appendHex(_ value: UInt64, width: Int, uppercase: Bool = false, to bytes: inout [UInt8]) {
        var digits = 1
        while digits < 16 && value >> (4 * UInt64(digits)) != 0 { digits += 1 }
        let letterBase: UInt8 = uppercase ? UInt8(ascii: "A") - 10 : UInt8(ascii: "a") - 10
        for position in stride(from: max(width, digits) - 1, through: 0, by: -1) {
            let nibble = position < 16 ? UInt8(truncatingIfNeeded: value >> (4 * UInt64(position))) & 0xF : 0
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : letterBase + nibble)
        }
    }

    /// `value` rounded to `digits` decimal places, e.g. `fixed(1.23456, digits: 3)` is `1.235`.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(padded(fraction, width: digits))"
    }
}
