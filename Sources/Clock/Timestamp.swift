import FoundationEssentials

/// RFC 3339 date-times as GitHub writes them (`2020-01-20T17:42:40Z`,
/// `2020-01-20T09:42:40.000-08:00`): parsed to check and compute, never re-formatted for output.
public enum Timestamp {
    /// The instant a date-time denotes, or `nil` when the text is not an RFC 3339 date-time.
    public static func parse(_ text: String) -> Date? {
        let b = text.utf8.span  // the string's own bytes, not a copy (a seed parses millions)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count, b[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, let d = digit(b[index]) {
                fraction += Double(d) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offsetSeconds = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let oh = digits(b, index + 1, 2), let om = digits(b, index + 4, 2), oh < 24, om < 60
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `2020-01-20T17:42:40Z`: how GitHub writes times it generates.
    public static func format(_ date: Date) -> String {
        let (day, secondOfDay) = split(date)
        let (y, m, d) = civilFromDays(day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(clock(secondOfDay))Z"
    }

    /// `Mon, 20 Jan 2020 17:42:40 GMT`: HTTP's `Date` (RFC 9110 IMF-fixdate).
    public static func formatHTTP(_ date: Date) -> String {
        let (day, secondOfDay) = split(date)
        let (y, m, d) = civilFromDays(day)
        // 1970-01-01 was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((day % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        return "\(weekday), \(pad(d, 2)) \(month) \(pad(y, 4)) \(clock(secondOfDay)) GMT"
    }

    /// `2020-01-20T17:42:40.0000000Z`: the runner's log-line stamp (seven fractional digits).
    public static func formatRunnerLog(_ date: Date) -> String {
        let (day, secondOfDay) = split(date)
        let (y, m, d) = civilFromDays(day)
        let ticks = Int(((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 10_000_000).rounded(.down))
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(clock(secondOfDay)).\(pad(ticks, 7))Z"
    }

    /// `HH:MM:SS` of a second of the day.
    private static func clock(_ secondOfDay: Int) -> String {
        "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A date's UTC calendar day and second of that day, for formats that spell dates out
    /// field by field (zip entries' MS-DOS dates).
    public static func civil(_ date: Date) -> (year: Int, month: Int, day: Int, secondOfDay: Int) {
        let (days, secondOfDay) = split(date)
        let (year, month, day) = civilFromDays(days)
        return (year, month, day, secondOfDay)
    }

    private static func split(_ date: Date) -> (day: Int, secondOfDay: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let day = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        return (day, total - day * 86_400)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func digits(_ b: Span<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<start + count {
            guard let d = digit(b[i]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
