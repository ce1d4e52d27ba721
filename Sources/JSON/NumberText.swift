/// Numbers as text without Foundation's `String(format:)`: zero-padded, hexadecimal, fixed-point.
public enum NumberText {
    /// `value` in decimal, left-padded with zeros to `width` digits.
    public static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `value` in hexadecimal, left-padded with zeros to `width` digits.
    public static func hex(_ value: UInt64, width: Int, uppercase: Bool = false) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
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
