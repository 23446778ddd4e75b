import Foundation
import ShopMineData

/// A TF-IDF vocabulary, as scikit-learn's `TfidfVectorizer` defaults: raw term counts × smoothed idf
/// (ln((1 + n) / (1 + df)) + 1), each document scaled to unit L2 norm.
public struct TFIDF: Sendable, Hashable, Codable {
  public var tokenizer: Tokenizer
  /// Terms, sorted by Unicode scalars; a term's position is its feature index.
  public var vocabulary: [String]
  /// Inverse document frequency per term.
  public var idf: [Double]

  /// A document as sparse (term index, weight) pairs, term indices ascending.
  public typealias SparseVector = [(term: Int32, weight: Double)]

  /// Learns the vocabulary from `documents`, keeping terms in at least `minDocuments` documents and at most
  /// the `maxTerms` most frequent (by document frequency, then alphabetically).
  ///
  /// Polls `cancellation` every ``pollEvery`` documents: tokenising is the slow part of a sentiment fit (the
  /// language fuzz target's 75,777 generated reviews ran past its 1 s limit when only the fit polled), so an
  /// interrupt must not wait for the last document.
  ///
  /// - Complexity: O(total tokens + V log V).
  public static func fit(
    _ documents: [String], tokenizer: Tokenizer = .init(), minDocuments: Int = 1, maxTerms: Int = 50_000,
    cancellation: Cancellation = .none
  ) throws(TableError) -> TFIDF {
    var df: [String: Int] = [:]
    for (i, doc) in documents.enumerated() {
      if i % pollEvery == 0 { try cancellation.check() }
      for term in Set(tokenizer.tokens(doc)) { df[term, default: 0] += 1 }
    }
    try cancellation.check()
    var terms = df.filter { $0.value >= minDocuments }.map { ($0.key, $0.value) }
    if terms.count > maxTerms {
      terms.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
      terms = Array(terms.prefix(maxTerms))
    }
    terms.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
    let n = Double(documents.count)
    return TFIDF(
      tokenizer: tokenizer, vocabulary: terms.map(\.0), idf: terms.map { log((1 + n) / (1 + Double($0.1))) + 1 })
  }

  /// Documents tokenised between two polls of the cancellation token (a sentiment fit, which tokenises
  /// each review twice and scores it once, took 3.5 s for 300,000 generated reviews natively: at most about
  /// 12 ms per 1,024).
  public static let pollEvery = 1_024

  /// Index of each term (built per call; hold on to it for many documents).
  public func termIndex() -> [String: Int32] {
    var index: [String: Int32] = [:]
    index.reserveCapacity(vocabulary.count)
    for (i, t) in vocabulary.enumerated() { index[t] = Int32(i) }
    return index
  }

  /// The TF-IDF vector of one document; terms outside the vocabulary are ignored.
  public func transform(_ document: String, index: [String: Int32]) -> SparseVector {
    var counts: [Int32: Double] = [:]
    for token in tokenizer.tokens(document) {
      if let t = index[token] { counts[t, default: 0] += 1 }
    }
    var vector = counts.map { (term: $0.key, weight: $0.value * idf[Int($0.key)]) }.sorted { $0.term < $1.term }
    let norm = vector.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
    if norm > 0 { for i in vector.indices { vector[i].weight /= norm } }
    return vector
  }
}
