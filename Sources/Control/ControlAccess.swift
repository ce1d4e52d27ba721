import GitHubAPI
import HTTPServer
import Hashing

/// Who may use the control API (and the dashboard on it). Nobody gets an open control API on
/// a network address without asking for it: listening beyond loopback without an admin token
/// makes one up and prints it once.
public enum ControlAccess: Sendable, Equatable {
    /// Loopback clients only, no token.
    case loopback
    /// Every client presents `Authorization: Bearer <token>`; `generated` when the emulator
    /// made the token up at start (it is then printed once).
    case token(String, generated: Bool)
    /// Every client, no token: asked for with `--control-access open`.
    case open

    /// How the control API is protected, as `--control-access` names it.
    public enum Mode: String, Sendable, CaseIterable {
        /// `token` when an admin token is set or the emulator listens beyond loopback,
        /// `loopback` otherwise.
        case auto, loopback, token, open
    }

    /// Decides the access for a mode, the admin token (if any) and the listening address.
    public static func resolve(_ mode: Mode, adminToken: String?, host: String) -> ControlAccess {
        switch mode {
        case .open: return .open
        case .loopback where adminToken == nil: return .loopback
        case .auto where adminToken == nil && isLoopbackHost(host): return .loopback
        default: return .token(adminToken ?? generateToken(), generated: adminToken == nil)
        }
    }

    /// The start-up line that says how the control API is protected.
    public var summary: String {
        switch self {
        case .loopback: "control API: loopback only"
        case .token(_, generated: false): "control API: admin token required"
        case .token(let token, generated: true):
            "control API: admin token required; generated for this start: \(token) "
                + "(set ACTIONS_EMULATOR_ADMIN_TOKEN or --admin-token to choose one)"
        case .open: "control API: open to every client (--control-access open)"
        }
    }

    /// What a control route gives away, which decides who may ask for it.
    enum Exposure {
        /// `GET /health`: container health checks and orchestrators' probes ask without a
        /// token, and it tells nothing but counts and uptime. Anyone.
        case probe
        /// The dashboard's page and files: no data (the page asks for the token before it
        /// reads any). Anyone the control API would answer, token or not.
        case page
        /// Everything else.
        case control
    }

    /// Throws the refusal for a request this access does not let through.
    func authorize(_ request: HTTPRequest, exposure: Exposure) throws(APIError) {
        if exposure == .probe { return }
        let loopback = Self.isLoopbackAddress(request.remoteAddress)
        switch self {
        case .open:
            return
        case .loopback:
            guard loopback else {
                throw APIError(status: 403, message: "The control API answers loopback clients only. To use it from "
                                   + "elsewhere, set an admin token (--admin-token or ACTIONS_EMULATOR_ADMIN_TOKEN) and send "
                                   + "it as Authorization: Bearer <token>, or open it on purpose with --control-access open "
                                   + "(ACTIONS_EMULATOR_CONTROL_ACCESS=open)",
                               documentationURL: ControlError.documentation)
            }
        case .token(let token, _):
            if exposure == .page { return }
            let presented = request.headers["Authorization"].flatMap(Authenticator.token(fromAuthorization:)) ?? ""
            guard Self.constantTimeEqual(presented, token) else {
                throw APIError(status: 401, message: "The control API needs Authorization: Bearer <admin token>: the "
                                   + "token set by --admin-token or ACTIONS_EMULATOR_ADMIN_TOKEN, or the one printed at "
                                   + "start-up when none was set",
                               documentationURL: ControlError.documentation)
            }
        }
    }

    /// Compares digests byte by byte without stopping early, so timing reveals nothing.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        ConstantTime.equal(SHA256.hash(a), SHA256.hash(b))
    }

    static func isLoopbackAddress(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    /// Whether listening on `host` keeps the server on this machine.
    static func isLoopbackHost(_ host: String) -> Bool {
        host == "localhost" || host == "[::1]" || isLoopbackAddress(host)
    }

    /// 32 random hex digits, prefixed so it reads as what it is.
    static func generateToken() -> String {
        "emulator_" + Hex.encode(RandomBytes.make(16))
    }
}
