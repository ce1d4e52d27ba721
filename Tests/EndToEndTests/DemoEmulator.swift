import ActionsEmulator
import Foundation

/// One emulator serving the demo seed on a free port, shared by the end-to-end tests
/// (they only read, so sharing is safe and keeps the suite fast).
enum DemoEmulator {
    static let shared: Emulator = try! start()

    /// A new emulator of its own on a free port with the demo seed, for tests that change state;
    /// `configure` adjusts the rest of its configuration.
    static func start(_ configure: (inout Emulator.Configuration) -> Void = { _ in }) throws -> Emulator {
        var configuration = Emulator.Configuration()
        configuration.port = 0
        configuration.seeds = [packageRoot + "/seed-data"]
        configure(&configuration)
        return try Emulator(configuration: configuration)
    }

    static var client: HTTPClient { HTTPClient(baseURL: shared.listeningURL) }

    /// The package root, found from this file's path.
    static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    static func fixture(_ name: String) throws -> Data {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
            ?? URL(fileURLWithPath: packageRoot + "/Tests/EndToEndTests/Fixtures/\(name)")
        return try Data(contentsOf: url)
    }
}
