import ActionsEmulator
import HTTPServer

/// Arbitrary bytes read as one request (`METHOD TARGET`, `Name: value` lines, a blank line,
/// the body) and answered by the whole emulator over the demo seed in memory: router, query
/// parsing, rules, handlers and control API. A crash is a finding, and so is a 5xx.
enum RequestTarget {
    static let emulator: Emulator = {
        var configuration = Emulator.Configuration()
        configuration.port = 0
        configuration.seeds = [Fuzz.seedData]
        configuration.logLevel = .error
        do {
            return try Emulator(configuration: configuration)
        } catch {
            fatalError("cannot start the emulator: \(error)")
        }
    }()

    static func check(_ input: [UInt8]) {
        guard let request = request(from: input) else { return }
        // Faults answer 5xx on purpose (and the 503 is start-up's); nothing else may.
        if request.path.hasPrefix("/_emulator/faults") { return }
        let response = emulator.respond(to: request)
        if response.status >= 500 {
            fatalError("\(response.status) for \(request.method) \(request.path)?\(request.rawQuery ?? "")")
        }
    }

    static func request(from input: [UInt8]) -> HTTPRequest? {
        let text = String(decoding: input, as: UTF8.self)
        let head: Substring
        let body: Substring
        if let blank = text.firstRange(of: "\n\n") {
            (head, body) = (text[..<blank.lowerBound], text[blank.upperBound...])
        } else {
            (head, body) = (text[...], "")
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 1)
        guard requestLine.count == 2, requestLine[1].hasPrefix("/") else { return nil }
        var headers = HTTPHeaders()
        for line in lines {
            let field = line.split(separator: ":", maxSplits: 1)
            if field.count == 2 { headers.add(String(field[0]), String(field[1].drop { $0 == " " })) }
        }
        return HTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                           body: Array(body.utf8), remoteAddress: "127.0.0.1")
    }
}
