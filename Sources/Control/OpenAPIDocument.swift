/// What the emulator serves, as an OpenAPI 3.0 document (`GET /_emulator/openapi.json`): the
/// operations under GitHub's paths and operation ids, reads and writes, with the job schema of
/// API version 2026-03-10 and the answers the emulator gives, errors included. The document is
/// data (`OpenAPI/openapi.json`, compiled in); schemathesis checks the emulator against it in
/// make test.
enum OpenAPIDocument {
    static let bytes: [UInt8] = PackageResources.openapi_json
}
