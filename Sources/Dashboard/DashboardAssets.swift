/// The dashboard's files (plain HTML, CSS and JavaScript modules in `Assets/`), compiled into
/// the executable, so the binary and the Docker image serve them with nothing to install and
/// nothing to fetch from a CDN.
public enum DashboardAssets {
    /// One file and how to serve it.
    public struct Asset: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
    }

    /// The page itself, served at `/_emulator/`.
    public static let page = Asset(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8")

    /// What the page loads from `/_emulator/ui/{name}`.
    public static func asset(named name: String) -> Asset? { files[name] }

    private static let files: [String: Asset] = [
        "dashboard.css": Asset(bytes: PackageResources.dashboard_css, contentType: "text/css; charset=utf-8"),
        "favicon.svg": Asset(bytes: PackageResources.favicon_svg, contentType: "image/svg+xml"),
        "main.js": script(PackageResources.main_js),
        "api.js": script(PackageResources.api_js),
        "render.js": script(PackageResources.render_js),
        "runs.js": script(PackageResources.runs_js),
        "run.js": script(PackageResources.run_js),
        "log.js": script(PackageResources.log_js),
        "journal.js": script(PackageResources.journal_js),
        "deliveries.js": script(PackageResources.deliveries_js),
    ]

    private static func script(_ bytes: [UInt8]) -> Asset {
        Asset(bytes: bytes, contentType: "text/javascript; charset=utf-8")
    }

    /// Scripts and styles from the emulator itself only, and nothing inline: even markup that
    /// slipped into the page as HTML could not run.
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}
