import Clock
import FoundationEssentials
import HTTPServer
import RSAKeys
import Store

/// Finds the App behind a route's `Authorization: Bearer <JWT>`, refusing in GitHub's words
/// (apps.md): every refusal carries `Date` on the emulator clock, which clients such as
/// auth-app.js read to correct their skew and try again.
struct AppAuthenticator: Sendable {
    let store: Store

    func caller(for request: HTTPRequest, now: Date) throws(APIError) -> Caller {
        do throws(AppJWT.Refusal) {
            guard let header = request.headers["Authorization"], let token = Authenticator.token(fromAuthorization: header),
                  Self.isBearer(header)
            else { throw .undecodable }
            let app = try AppJWT.verify(token, now: now) { issuer in lookup(issuer) }
            return .app(app)
        } catch {
            throw Self.error(for: error, now: now)
        }
    }

    /// The app an issuer names, with its key; `nil` when there is none (or its key will not read).
    private func lookup(_ issuer: AppJWT.Issuer) -> (app: AppRecord, key: RSAPublicKey)? {
        let app = try? store.read { reader -> AppRecord? in
            switch issuer {
            case .id(let id): try reader.app(id: id)
            case .clientID(let clientID): try reader.app(clientID: clientID)
            }
        }
        guard let app = app ?? nil, let key = try? RSAPublicKey(pem: app.publicKey) else { return nil }
        return (app, key)
    }

    /// GitHub takes an App's JWT only as a bearer token.
    private static func isBearer(_ header: String) -> Bool {
        header.split(whereSeparator: { $0 == " " || $0 == "\t" }).first?.lowercased() == "bearer"
    }

    static func error(for refusal: AppJWT.Refusal, now: Date) -> APIError {
        let (status, message): (Int, String) = switch refusal {
        case .undecodable: (401, "A JSON web token could not be decoded")
        case .unknownIssuer: (404, "Integration not found")
        case .expired:
            (401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires")
        case .tooFarAhead: (401, "'Expiration time' claim ('exp') is too far in the future")
        case .badIssuedAt: (401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued")
        }
        return APIError(status: status, message: message, documentationURL: Docs.root,
                        headers: [("Date", Timestamp.formatHTTP(now))])
    }
}
