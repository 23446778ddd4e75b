import Dispatch
import ShopMineData
import Synchronization

/// How neighbourhood models compare two items (or two users).
public enum SimilarityMeasure: String, Sendable, Codable, CaseIterable {
  /// Cosine. On explicit ratings over co-rated entries only (Surprise's `cosine`); on implicit data over
  /// the full vectors (|A ∩ B| / √(|A|·|B|) for 0/1 data).
  case cosine
  /// Pearson correlation over co-rated entries (Surprise's `pearson`).
  case pearson
  /// |A ∩ B| / |A ∪ B| (implicit data).
  case jaccard
}

/// Options of the item- and user-based neighbourhood models.
public struct NeighborhoodOptions: Sendable, Codable, Equatable {
  public var similarity: SimilarityMeasure = .cosine
  /// Neighbours kept per item (item-kNN) or user (user-kNN).
  public var neighbors: Int = 40
  /// Shrinkage λ: a similarity computed from n co-rated entries is multiplied by n / (n + λ).
  public var shrinkage: Double = 10
  /// Treat values as explicit ratings (co-rated cosine, rating prediction). nil: whenever a value column was given.
  public var explicitRatings: Bool? = nil
  public var threads: Int = 2

  public init(
    similarity: SimilarityMeasure = .cosine, neighbors: Int = 40, shrinkage: Double = 10, explicitRatings: Bool? = nil,
    threads: Int = 2
  ) {
    self.similarity = similarity
    self.neighbors = neighbors
    self.shrinkage = shrinkage
    self.explicitRatings = explicitRatings
    self.threads = threads
  }
}

/// Top-k neighbour lists of every row of a sparse matrix, in CSR form (best first).
struct NeighborLists: Sendable {
  var offsets: [Int]
  var neighbors: [Int32]
  var similarities: [Float]

  func list(_ row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

  func similarity(_ row: Int, _ other: Int) -> Float? {
    for k in list(row) where Int(neighbors[k]) == other { return similarities[k] }
    return nil
  }

  /// Similarities between rows of (`rowOffsets`, `rowIndices`, `rowValues`), whose columns are listed in
  /// (`colOffsets`, `colIndices`, `colValues`).
  ///
  /// Each row accumulates co-occurrence sums over its columns' rows into dense scratch arrays (one set per
  /// worker, reset through a touched list), so the cost is Σ over columns of their length squared.
  static func compute(
    rowOffsets: [Int], rowIndices: [Int32], rowValues: [Float], colOffsets: [Int], colIndices: [Int32],
    colValues: [Float], options: NeighborhoodOptions, explicit: Bool, cancellation: Cancellation
  ) throws(TableError) -> NeighborLists {
    let rows = rowOffsets.count - 1
    let k = max(1, options.neighbors)
    let norms = (0..<rows).map { r in
      var sum = 0.0
      for q in rowOffsets[r]..<rowOffsets[r + 1] { sum += Double(rowValues[q]) * Double(rowValues[q]) }
      return sum.squareRoot()
    }
    let workers = max(1, options.threads)
    let chunks = max(1, min(rows, workers * 8))
    var partial = [[(Int32, Float)]](repeating: [], count: rows)
    let results = Mutex<[[[(Int32, Float)]]]>(Array(repeating: [], count: chunks))
    ComputeThreads.perform(iterations: chunks) { chunk in
      let lo = rows * chunk / chunks, hi = rows * (chunk + 1) / chunks
      var n = [Int32](repeating: 0, count: rows)
      var xy = [Double](repeating: 0, count: rows)
      var xx = [Double](repeating: 0, count: rows)
      var yy = [Double](repeating: 0, count: rows)
      var sx = [Double](repeating: 0, count: rows)
      var sy = [Double](repeating: 0, count: rows)
      var touched: [Int] = []
      var out: [[(Int32, Float)]] = []
      var best: [(Int, Float)] = []
      var scores = [Float](repeating: -.infinity, count: rows)
      // The token is read before each row and every 64 Ki accumulations inside one: a row of a popular
      // item whose users have long histories is millions of them.
      var sincePoll = 0
      rows: for a in lo..<hi {
        if cancellation.isCancelled { break }
        for q in rowOffsets[a]..<rowOffsets[a + 1] {
          let c = Int(rowIndices[q])
          let va = Double(rowValues[q])
          sincePoll += colOffsets[c + 1] - colOffsets[c]
          if sincePoll >= 1 << 16 {
            sincePoll = 0
            if cancellation.isCancelled { break rows }
          }
          for t in colOffsets[c]..<colOffsets[c + 1] {
            let b = Int(colIndices[t])
            if b == a { continue }
            let vb = Double(colValues[t])
            if n[b] == 0 { touched.append(b) }
            n[b] += 1
            xy[b] += va * vb
            xx[b] += va * va
            yy[b] += vb * vb
            sx[b] += va
            sy[b] += vb
          }
        }
        for b in touched {
          let m = Double(n[b])
          var sim: Double
          switch options.similarity {
          case .cosine:
            let d = explicit ? (xx[b] * yy[b]).squareRoot() : norms[a] * norms[b]
            sim = d > 0 ? xy[b] / d : 0
          case .pearson:
            let num = m * xy[b] - sx[b] * sy[b]
            let den = ((m * xx[b] - sx[b] * sx[b]) * (m * yy[b] - sy[b] * sy[b])).squareRoot()
            sim = den > 0 ? num / den : 0
          case .jaccard:
            let sizeA = Double(rowOffsets[a + 1] - rowOffsets[a]), sizeB = Double(rowOffsets[b + 1] - rowOffsets[b])
            sim = m / (sizeA + sizeB - m)
          }
          sim *= m / (m + options.shrinkage)
          if sim > 0 { scores[b] = Float(sim) }
        }
        scores.withUnsafeBufferPointer { topK($0, k: k, excluded: nil, into: &best) }
        out.append(best.map { (Int32($0.0), $0.1) })
        for b in touched {
          n[b] = 0
          xy[b] = 0
          xx[b] = 0
          yy[b] = 0
          sx[b] = 0
          sy[b] = 0
          scores[b] = -.infinity
        }
        touched.removeAll(keepingCapacity: true)
      }
      let finished = out
      results.withLock { $0[chunk] = finished }
    }
    try cancellation.check()
    var r = 0
    let collected = results.withLock { $0 }
    for chunk in 0..<chunks {
      for list in collected[chunk] {
        partial[r] = list
        r += 1
      }
    }
    var offsets = [0]
    var neighbors: [Int32] = []
    var sims: [Float] = []
    for list in partial {
      for (j, s) in list {
        neighbors.append(j)
        sims.append(s)
      }
      offsets.append(neighbors.count)
    }
    return NeighborLists(offsets: offsets, neighbors: neighbors, similarities: sims)
  }
}

extension NeighborhoodOptions {
  /// The settings item-kNN and user-kNN show in their summaries.
  var settings: [(name: String, value: RecommenderSetting)] {
    [("neighbors", .int(neighbors)), ("shrinkage", .number(shrinkage, decimals: 6))]
  }
}
