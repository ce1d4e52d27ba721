// swift-tools-version:6.0
import PackageDescription

// Data flows one way: bytes → HTTPServer → GitHubAPI (rules, handlers) → Store → JSON → bytes.
// C stays inside the thin modules that wrap it: HTTPServer (libmicrohttpd), Store (SQLite),
// Archive (zlib), Hashing (Nettle), RSAKeys (GnuTLS), OutboundHTTP (libcurl), Locking (pthreads) and SystemIO (files); every other module
// is safe Swift (the fuzz target takes libFuzzer's pointer and copies it at once).
let package = Package(
    name: "actions-emulator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "actions-emulator", targets: ["actions-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CNettle",
            pkgConfig: "nettle",
            providers: [.apt(["nettle-dev"])]
        ),
        .systemLibrary(
            name: "CGnuTLS",
            pkgConfig: "gnutls",
            providers: [.apt(["libgnutls28-dev", "nettle-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-gnutls-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Locking"),
        .target(name: "Hashing", dependencies: ["CNettle"]),
        .target(name: "SystemIO"),
        .target(name: "RSAKeys", dependencies: ["CGnuTLS"]),
        .target(name: "Archive", dependencies: ["CZlib", "Clock"]),
        .target(name: "Dashboard", resources: [.embedInCode("Assets")]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "Locking"]),
        .target(name: "OutboundHTTP", dependencies: ["CCurl"]),
        .target(name: "Webhooks", dependencies: ["Store", "OutboundHTTP", "Hashing", "Clock", "Locking"]),
        .target(name: "Store", dependencies: ["CSQLite", "Locking", "Clock", "Hashing", "JSON"]),
        .target(name: "JSON"),
        .target(name: "Clock", dependencies: ["Locking"]),
        .target(name: "Timeline"),
        .target(name: "Scheduling", dependencies: ["Store", "Timeline", "Clock", "Locking", "Hashing"]),
        .target(name: "Seed", dependencies: ["JSON", "Store", "Clock", "Scheduling", "Timeline", "SystemIO", "Locking", "RSAKeys"]),
        .target(
            name: "GitHubAPI",
            dependencies: ["HTTPServer", "Store", "JSON", "Clock", "Locking", "Archive", "Hashing", "Scheduling", "Timeline",
                           "RSAKeys"]
        ),
        .target(
            name: "Control",
            dependencies: ["HTTPServer", "Store", "JSON", "Clock", "Seed", "Scheduling", "GitHubAPI", "Dashboard", "SystemIO",
                           "Hashing", "Webhooks"],
            resources: [.embedInCode("OpenAPI/openapi.json")]
        ),
        .target(name: "ActionsEmulator", dependencies: ["HTTPServer", "Store", "Seed", "Scheduling", "GitHubAPI", "Control", "Clock",
                                                        "JSON", "Locking", "SystemIO", "Webhooks"]),
        .executableTarget(
            name: "actions-emulator",
            dependencies: [
                "ActionsEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (make fuzz); built normally, a replayer of the corpus (make test).
        .executableTarget(name: "fuzz", dependencies: ["ActionsEmulator", "HTTPServer", "Seed", "Clock"], path: "Tests/fuzz/Fuzz"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "RSAKeysTests", dependencies: ["RSAKeys"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline"]),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks", "Store"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "Store", "Locking"]),
        // What several test targets share (reading archives back with another implementation,
        // starting the executable); CSpawn holds the two GNU calls that needs.
        .target(name: "CSpawn", path: "Tests/CSpawn"),
        .target(name: "TestSupport", dependencies: ["CSpawn"], path: "Tests/Support"),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "TestSupport"]),
        .testTarget(name: "SeedTests", dependencies: ["Seed", "Store", "Clock", "Scheduling"]),
        .testTarget(name: "GitHubAPITests", dependencies: ["GitHubAPI", "HTTPServer", "RSAKeys"]),
        .testTarget(name: "ControlTests", dependencies: ["Control", "GitHubAPI", "HTTPServer", "Store", "Scheduling"]),
        .testTarget(name: "ActionsEmulatorTests", dependencies: ["ActionsEmulator", "GitHubAPI", "HTTPServer"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ActionsEmulator", "GitHubAPI", "HTTPServer", "JSON", "RSAKeys", "Scheduling", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
