import Hashing
import HTTPServer

/// GitHub's weak validators: `W/"<sha-256 of the body>"`, the same for the same body and
/// different when the body changes, so a poller that sends `If-None-Match` gets a bodiless 304
/// until something moved.
public enum EntityTag {
    /// The tag of a body.
    public static func of(_ body: [UInt8]) -> String {
        tag(digest: SHA256.hash(body))
    }

    /// The tag whose opaque part is `digest` (a body's SHA-256) in hex.
    static func tag(digest: [UInt8]) -> String {
        #"W/""# + Hex.encode(digest) + "\""
    }

    /// How many bytes of each part's digest `combining` takes: 128 bits, so two different
    /// parts collide with odds no poller will meet, for an eighth of the hashing of hex tags.
    static let combinedPrefix = 16

    /// The tag of a body made of parts whose own digests are known (a list page of cached
    /// jobs): `prefixes` holds each part's first `combinedPrefix` digest bytes, in order. It
    /// changes exactly when one of them, or `context`, does, and costs no pass over the bytes.
    static func combining(_ context: String, _ prefixes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(context)
        hasher.update(prefixes)
        return tag(digest: hasher.finalize())
    }

    /// Whether an `If-None-Match` value (`*`, or a comma-separated list of tags, weak or strong)
    /// names `tag`, compared weakly as RFC 9110 says for GET.
    public static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        let wanted = opaque(tag[...])
        for candidate in ifNoneMatch.split(separator: ",") {
            let trimmed = candidate.trimmingCharacters(" \t")
            if trimmed == "*" || opaque(trimmed) == wanted { return true }
        }
        return false
    }

    /// The quoted part of a tag, without the weak marker.
    private static func opaque(_ tag: Substring) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
    }
}

/// Gives every 200 its `ETag` (computing it only when the handler did not bring one from a
/// cache), `Cache-Control` and `Vary`, and turns it into a bodiless `304 Not Modified` when
/// `If-None-Match` names that tag.
struct ConditionalRequestMiddleware: Middleware {
    static let privateCaching = "private, max-age=60, s-maxage=60"
    static let publicCaching = "public, max-age=60, s-maxage=60"
    static let varyWithToken = "Accept, Authorization, Cookie, X-GitHub-OTP"
    static let varyAnonymous = "Accept, X-Requested-With"

    func handle(_ state: inout RequestState, next: (inout RequestState) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try next(&state)
        guard response.status == 200 else { return response }
        let tag: String
        if let given = response.headers["ETag"] {
            tag = given
        } else {
            tag = EntityTag.of(response.body)
            response.headers.add("ETag", tag)
        }
        let authorized = state.authorization != nil
        response.headers.add("Cache-Control", authorized ? Self.privateCaching : Self.publicCaching)
        response.headers.add("Vary", authorized ? Self.varyWithToken : Self.varyAnonymous)
        if let condition = state.request.headers["If-None-Match"], EntityTag.matches(condition, tag) {
            response.status = 304
            response.body = []
            response.headers.remove("Content-Type")
        }
        return response
    }
}

extension Substring {
    /// Without leading and trailing `characters`.
    func trimmingCharacters(_ characters: String) -> Substring {
        var text = self
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return text
    }
}
