import JSON
import Testing

@Suite struct JSONWriterTests {
    /// Members rendered once and spliced into many objects (webhook payloads) keep the commas right.
    @Test func splicesMembersBetweenOthers() throws {
        var shared = JSONWriter()
        shared.beginObject()
        shared.key("repository"); shared.string("octo-repo")
        shared.key("sender"); shared.int(1)
        shared.endObject()
        let members = String(decoding: shared.bytes.dropFirst().dropLast(), as: UTF8.self)

        var writer = JSONWriter()
        writer.beginObject()
        writer.key("action"); writer.string("queued")
        writer.members(verbatim: members)
        writer.members(verbatim: "")
        writer.key("installation"); writer.null()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #"{"action":"queued","repository":"octo-repo","sender":1,"installation":null}"#)

        var first = JSONWriter()
        first.beginObject()
        first.members(verbatim: members)
        first.key("x"); first.bool(true)
        first.endObject()
        #expect(try JSONParser.parse(first.bytes)["x"] == .bool(true))
    }
}
