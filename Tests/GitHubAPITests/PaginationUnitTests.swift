@testable import GitHubAPI
import HTTPServer
import Testing

@Suite struct PageTests {
    @Test(arguments: [
        ("", 30, 1), ("per_page=&page=", 30, 1), ("per_page=0&page=0", 30, 1), ("per_page=abc&page=xyz", 30, 1),
        ("per_page=101", 100, 1), ("per_page=100&page=2", 100, 2), ("per_page=5&page=3", 5, 3), ("per_page=-1&page=-2", 30, 1),
        ("per_page=99999999999999999999999", 30, 1), ("per_page", 30, 1),
    ])
    func readsLikeGitHub(query: String, size: Int, number: Int) {
        #expect(Page(query: QueryParameters(raw: query)) == Page(size: size, number: number))
    }

    @Test func lastPageArithmetic() {
        #expect(Page(size: 30).lastPage(total: 0) == 1)
        #expect(Page(size: 30).lastPage(total: 30) == 1)
        #expect(Page(size: 30).lastPage(total: 31) == 2)
        #expect(Page(size: 100, number: Int.max).offset == nil)
        #expect(Page(size: 100, number: 3).offset == 200)
    }
}

@Suite struct LinkHeaderTests {
    let base = "http://h/api/v3/repos/o/r/actions/runs/5/jobs"

    func link(_ query: String, total: Int) -> String? {
        let parameters = QueryParameters(raw: query)
        return LinkHeader.value(base: base, query: parameters, page: Page(query: parameters), total: total)
    }

    @Test func noHeaderForOnePage() {
        #expect(link("per_page=2", total: 2) == nil)
        #expect(link("", total: 0) == nil)
    }

    @Test func firstMiddleLastAndPastTheEnd() {
        #expect(link("per_page=2", total: 5) == "<\(base)?per_page=2&page=2>; rel=\"next\", <\(base)?per_page=2&page=3>; rel=\"last\"")
        #expect(link("per_page=2&page=2", total: 5) == "<\(base)?per_page=2&page=1>; rel=\"prev\", <\(base)?per_page=2&page=3>; rel=\"next\", <\(base)?per_page=2&page=3>; rel=\"last\", <\(base)?per_page=2&page=1>; rel=\"first\"")
        #expect(link("per_page=2&page=3", total: 5) == "<\(base)?per_page=2&page=2>; rel=\"prev\", <\(base)?per_page=2&page=1>; rel=\"first\"")
        #expect(link("per_page=2&page=9", total: 5) == "<\(base)?per_page=2&page=8>; rel=\"prev\", <\(base)?per_page=2&page=1>; rel=\"first\"")
    }

    @Test func keepsOtherParametersRawAndInOrder() {
        #expect(link("page=2&filter=all&x=a%20b", total: 100)
            == "<\(base)?page=1&filter=all&x=a%20b>; rel=\"prev\", <\(base)?page=3&filter=all&x=a%20b>; rel=\"next\", <\(base)?page=4&filter=all&x=a%20b>; rel=\"last\", <\(base)?page=1&filter=all&x=a%20b>; rel=\"first\"")
    }
}

@Suite struct RoutingTests {
    @Test func segmentsAreDecodedAndEmptyOnesRefused() {
        #expect(RoutingMiddleware.segments("/repos/o/r%2Dx/") == ["repos", "o", "r-x"])
        #expect(RoutingMiddleware.segments("/repos//r") == nil)
        #expect(RoutingMiddleware.segments("repos") == nil)
        #expect(RoutingMiddleware.segments("/") == nil)
        #expect(RoutingMiddleware.segments("//") == nil)
        #expect(RoutingMiddleware.segments("/a/") == ["a"])
        #expect(RoutingMiddleware.segments("/a//") == nil)
        #expect(RoutingMiddleware.segments("/%2F/b") == ["/", "b"])
    }

    @Test func theAPIPrefixIsDroppedOnlyWhenWhole() {
        let after = { (path: String) in RoutingMiddleware.segments(path, afterPrefix: true) }
        #expect(after("/api/v3/repos/o/r/") == ["repos", "o", "r"])
        #expect(after("/repos/o") == ["repos", "o"])
        #expect(after("/api/v3x/y") == ["api", "v3x", "y"])
        #expect(after("/api/v3") == nil)
        #expect(after("/api/v3/") == nil)
        #expect(after("/api/v3//x") == nil)
        #expect(after("/api/v3/api/v3/meta") == ["api", "v3", "meta"])
    }

    @Test func idsAreDigitsOnly() {
        var router = Router<Int>()
        router.add("/jobs/:id", 1)
        let parameters = router.match(["jobs", "0042"])?.parameters
        #expect(parameters?.id("id") == 42)
        #expect(router.match(["jobs", "+42"])?.parameters.id("id") == nil)
        #expect(router.match(["jobs", "4 2"])?.parameters.id("id") == nil)
        #expect(router.match(["jobs", "1", "x"]) == nil)
    }

    @Test func apiVersionHeader() throws {
        let versions = GHESRelease.default.apiVersions
        #expect(try versions.validate(nil) == "2022-11-28")
        #expect(try versions.validate("2026-03-10") == "2026-03-10")
        #expect(throws: APIError.self) { try versions.validate("v3") }
        do {
            _ = try versions.validate("v3")
        } catch {
            #expect(error.status == 400)
            #expect(error.message == "The version you specified in the \"X-GitHub-API-Version\" request header, \"v3\", is not a supported version. The following versions are currently supported: \"2026-03-10\" (most recent), \"2022-11-28\".")
        }
    }

    @Test func releasesDecideTheAPIVersions() throws {
        #expect(try GHESRelease.parse("3.21.0").apiVersions.supported == ["2022-11-28", "2026-03-10"])
        #expect(try GHESRelease.parse("3.22").apiVersions.supported == ["2022-11-28", "2026-03-10"])
        #expect(try GHESRelease.parse("3.20.4").apiVersions.supported == ["2022-11-28"])
        #expect(try GHESRelease.parse("3.9").description == "3.9.0")
        #expect(throws: GHESRelease.ParseError.tooOld(GHESRelease(major: 3, minor: 8, patch: 2))) { try GHESRelease.parse("3.8.2") }
        for malformed in ["", "3", "v3.21", "3.21.0.1", "3..1", "3.x"] {
            #expect(throws: GHESRelease.ParseError.malformed(malformed)) { try GHESRelease.parse(malformed) }
        }
        let older = try GHESRelease.parse("3.20.0").apiVersions
        do {
            _ = try older.validate("2026-03-10")
            Issue.record("2026-03-10 was accepted by 3.20")
        } catch {
            #expect(error.message.hasSuffix("The following versions are currently supported: \"2022-11-28\" (most recent)."))
        }
    }

    @Test func entityTagsCompareWeakly() {
        let tag = EntityTag.of(Array("{}".utf8))
        #expect(tag.hasPrefix("W/\"") && tag.count == 2 + 1 + 64 + 1)
        #expect(EntityTag.matches(tag, tag))
        #expect(EntityTag.matches(String(tag.dropFirst(2)), tag))  // the strong form of the same tag
        #expect(EntityTag.matches("\"other\", \(tag)", tag))
        #expect(EntityTag.matches(" * ", tag))
        #expect(!EntityTag.matches("\"other\"", tag))
        #expect(!EntityTag.matches("", tag))
        #expect(EntityTag.of(Array("{}".utf8)) == tag && EntityTag.of(Array("[]".utf8)) != tag)
    }

    @Test func nodeIDAsGitHubEncodesIt() {
        #expect(JobJSON.nodeID(jobID: 399_444_496) == "MDEyOldvcmtmbG93IEpvYjM5OTQ0NDQ5Ng==")
    }
}

/// GitHub's date-range syntax for `created`.
@Suite struct DateRangeTests {
    static let day = 1_893_542_400.0  // 2030-01-02T00:00:00Z

    @Test(arguments: [
        ("2030-01-02", day, day + 86_400),
        (">=2030-01-02", day, Double.greatestFiniteMagnitude),
        (">2030-01-02", day + 86_400, Double.greatestFiniteMagnitude),
        ("<=2030-01-02", -Double.greatestFiniteMagnitude, day + 86_400),
        ("<2030-01-02", -Double.greatestFiniteMagnitude, day),
        ("2030-01-01..2030-01-02", day - 86_400, day + 86_400),
        ("2030-01-02..*", day, Double.greatestFiniteMagnitude),
        ("*..2030-01-02", -Double.greatestFiniteMagnitude, day + 86_400),
        (">=2030-01-02T06:00:00Z", day + 21_600, Double.greatestFiniteMagnitude),
        ("<2030-01-02T06:00:00+06:00", -Double.greatestFiniteMagnitude, day),
        ("2030-01-02T00:00:00..2030-01-02T00:00:09", day, day + 10),
    ] as [(String, Double, Double)])
    func parses(text: String, from: Double, before: Double) throws {
        let range = try #require(DateRange(text))
        #expect(range.from == from && range.before == before)
    }

    @Test(arguments: ["", "yesterday", "2030-13-01", ">=", "2030-01-01..", "..2030-01-01", "2030/01/01", "=2030-01-01"])
    func refuses(text: String) {
        #expect(DateRange(text) == nil)
    }
}
