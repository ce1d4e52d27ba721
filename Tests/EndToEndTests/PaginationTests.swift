import Foundation
import Testing

/// Pagination edges from behaviour.md over the 120-job matrix run.
@Suite struct PaginationTests {
    let client = DemoEmulator.client
    static let run = "/api/v3/repos/octo-org/octo-repo/actions/runs/30433700/jobs"

    func page(_ query: String, path: String = run) async throws -> (count: Int, total: Int, first: Int?, link: String?) {
        let response = try await client.get(path + query)
        #expect(response.status == 200)
        let body = try #require(response.json as? [String: Any])
        let jobs = try #require(body["jobs"] as? [[String: Any]])
        return (jobs.count, try #require(body["total_count"] as? Int), jobs.first?["id"] as? Int, response.header("Link"))
    }

    @Test(arguments: [
        ("", 30), ("?per_page=", 30), ("?per_page=0", 30), ("?per_page=abc", 30), ("?per_page=-5", 30),
        ("?per_page=101", 100), ("?per_page=1000", 100), ("?per_page=100", 100), ("?per_page=7", 7),
    ])
    func perPage(query: String, expected: Int) async throws {
        let result = try await page(query)
        #expect(result.count == expected)
        #expect(result.total == 120)
        #expect(result.first == 400100001)
    }

    @Test(arguments: ["?page=", "?page=0", "?page=abc", "?page=-1"])
    func badPageMeansFirst(query: String) async throws {
        #expect(try await page(query).first == 400100001)
    }

    @Test func pastTheEndIsEmptyWithTheTrueTotal() async throws {
        let result = try await page("?per_page=100&page=3")
        #expect(result.count == 0)
        #expect(result.total == 120)
    }

    @Test func hugePageNumberIsEmptyNotAnError() async throws {
        let result = try await page("?per_page=100&page=999999999999999999")
        #expect(result.count == 0 && result.total == 120)
    }

    @Test func lastPageIsPartial() async throws {
        let result = try await page("?per_page=50&page=3")
        #expect(result.count == 20)
        #expect(result.first == 400100101)
    }

    @Test func linkRelsInGitHubOrder() async throws {
        let base = DemoEmulator.shared.listeningURL + Self.run
        let first = try await page("?per_page=2")
        #expect(first.link == "<\(base)?per_page=2&page=2>; rel=\"next\", <\(base)?per_page=2&page=60>; rel=\"last\"")
        let middle = try await page("?per_page=2&page=3")
        #expect(middle.link == "<\(base)?per_page=2&page=2>; rel=\"prev\", <\(base)?per_page=2&page=4>; rel=\"next\", "
            + "<\(base)?per_page=2&page=60>; rel=\"last\", <\(base)?per_page=2&page=1>; rel=\"first\"")
        let last = try await page("?per_page=2&page=60")
        #expect(last.link == "<\(base)?per_page=2&page=59>; rel=\"prev\", <\(base)?per_page=2&page=1>; rel=\"first\"")
    }

    @Test func linkWithoutPerPageOrPrefixKeepsWhatWasSent() async throws {
        let bare = "/repos/octo-org/octo-repo/actions/runs/30433700/jobs"
        let base = DemoEmulator.shared.listeningURL + bare
        let result = try await page("?filter=all", path: bare)
        #expect(result.link == "<\(base)?filter=all&page=2>; rel=\"next\", <\(base)?filter=all&page=4>; rel=\"last\"")
    }

    @Test func noLinkOnASinglePage() async throws {
        #expect(try await page("?per_page=100&page=1", path: "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/jobs").link == nil)
        #expect(try await page("?filter=all", path: "/api/v3/repos/octo-org/octo-repo/actions/runs/30433642/jobs").link == nil)
        // 120 is clamped to 100, so the matrix run still has two pages.
        #expect(try await page("?per_page=120").link != nil)
    }

    @Test func walkingNextLinksVisitsEveryJobOnce() async throws {
        var url: String? = DemoEmulator.shared.listeningURL + Self.run + "?per_page=25"
        var seen: [Int] = []
        while let next = url {
            let response = try await client.get(next)
            let body = try #require(response.json as? [String: Any])
            seen += (body["jobs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            url = response.header("Link").flatMap(Self.nextURL)
        }
        #expect(seen == Array(400100001...400100120))
    }

    static func nextURL(_ link: String) -> String? {
        for part in link.components(separatedBy: ", ") where part.hasSuffix("rel=\"next\"") {
            return String(part.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" })
        }
        return nil
    }
}
