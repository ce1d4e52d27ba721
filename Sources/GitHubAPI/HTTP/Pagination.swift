import HTTPServer

/// `per_page` and `page` read the way GitHub reads them: anything missing, empty, zero,
/// negative or non-numeric means the default; `per_page` above 100 is clamped to 100.
public struct Page: Sendable, Hashable {
    public static let defaultSize = 30
    public static let maximumSize = 100

    public var size: Int
    public var number: Int

    public init(size: Int = Page.defaultSize, number: Int = 1) {
        self.size = size
        self.number = number
    }

    public init(query: QueryParameters) {
        size = min(Self.positive(query["per_page"]) ?? Self.defaultSize, Self.maximumSize)
        number = Self.positive(query["page"]) ?? 1
    }

    /// Rows to skip; `nil` when the page lies beyond any count SQLite can hold.
    public var offset: Int? {
        let (product, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        return overflow ? nil : product
    }

    /// The number of the last page for `total` items (1 when there are none).
    public func lastPage(total: Int) -> Int { max(1, (total + size - 1) / size) }

    private static func positive(_ text: String?) -> Int? {
        guard let text, let value = Int(text.trimmingSpaces), value > 0 else { return nil }
        return value
    }
}

/// Builds GitHub's `Link` header: rels in the order `prev, next, last, first`, each only where
/// it applies, and none at all when everything fits on one page.
public enum LinkHeader {
    /// `base` is the absolute URL of the resource without query (scheme, host, prefix, path);
    /// `query` is what the client sent, kept except for `page`.
    public static func value(base: String, query: QueryParameters, page: Page, total: Int) -> String? {
        let last = page.lastPage(total: total)
        guard last > 1 else { return nil }
        var links: [String] = []
        func link(_ number: Int, _ rel: String) {
            links.append("<\(base)?\(queryString(query, page: number))>; rel=\"\(rel)\"")
        }
        if page.number > 1 { link(page.number - 1, "prev") }
        if page.number < last { link(page.number + 1, "next") }
        if page.number < last { link(last, "last") }
        if page.number > 1 { link(1, "first") }
        return links.joined(separator: ", ")
    }

    /// The client's parameters in their order with `page` replaced (or appended).
    static func queryString(_ query: QueryParameters, page: Int) -> String {
        var parts: [String] = []
        var replaced = false
        for item in query.items {
            if item.name == "page" {
                if !replaced { parts.append("page=\(page)") }
                replaced = true
            } else {
                parts.append(item.rawValue.map { "\(item.rawName)=\($0)" } ?? String(item.rawName))
            }
        }
        if !replaced { parts.append("page=\(page)") }
        return parts.joined(separator: "&")
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = self[...]
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
