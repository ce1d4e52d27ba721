import Foundation
import Seed
import Store

/// A seed document's text loaded into a fresh in-memory store at 2030-01-01, as the seed tests
/// load theirs; `source` is the name errors cite.
func loadedStore(_ text: String, source: String) throws -> Store {
    let store = try Store()
    let document = try SeedDocument.parse(Array(text.utf8), source: source, now: "2030-01-01T00:00:00Z")
    try SeedLoader.load([document], into: store, now: Date(timeIntervalSince1970: 1_893_456_000))
    return store
}
