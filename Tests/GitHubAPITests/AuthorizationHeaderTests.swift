@testable import GitHubAPI
import Testing

/// `Authorization: Bearer T` and `token T`, schemes in any case, as HTTP and GitHub read them.
@Suite struct AuthorizationHeaderTests {
    @Test(arguments: [
        ("Bearer ghp_x", "ghp_x"), ("bEaReR ghp_x", "ghp_x"), ("token ghp_x", "ghp_x"), ("TOKEN ghp_x", "ghp_x"),
        ("  Bearer   ghp_x  ", "ghp_x"), ("\tToken\tghp_x", "ghp_x"), ("Bearer a.b.c", "a.b.c"),
    ])
    func aTokenComesWithEitherScheme(header: String, token: String) {
        #expect(Authenticator.token(fromAuthorization: header) == token)
    }

    @Test(arguments: ["Basic abc", "Bearer", "Bearer   ", "Bearerx ghp_x", "Tokens ghp_x", "Bearer\u{0}x ghp_x", "", "ghp_x"])
    func anythingElseCarriesNone(header: String) {
        #expect(Authenticator.token(fromAuthorization: header) == nil)
    }
}
