import Foundation
import ShopMineData

/// Saves and loads recommenders in ShopMine's model file (``ModelEnvelope``), `kind` being the
/// ``RecommenderKind``.
///
/// The `model` object holds the options, the interactions and the fitted parameters. Interactions hold
/// the user and item ids (tagged values) and the user-major matrix (offsets, item indices, values). Large
/// numeric arrays are base64 of little-endian IEEE-754 (float32 for ALS factors, float64 for SVD) so that
/// files stay compact and round-trip exactly. Popularity and kNN models store no parameters: they are
/// recomputed from the interactions on load (deterministically, so the loaded model is identical).
public enum ModelFile {
  /// The file's bytes for `model`, with the language's `metadata` (the training columns) when given.
  public static func encode<Metadata: Encodable>(_ model: any Recommender, language metadata: Metadata?)
    throws(TableError) -> Data
  {
    try ModelEnvelope.encode(kind: model.kind.rawValue, model: StoredRecommender(model), language: metadata)
  }

  /// Writes `model` to `path` atomically.
  public static func save(_ model: any Recommender, to path: String) throws(TableError) {
    try ModelEnvelope.write(try encode(model, language: String?.none), to: path)
  }

  /// The model in `bytes`; `source` names the file in messages.
  ///
  /// - Throws: ``TableError`` (`.parse`) when it is not a ShopMine model file, holds no recommender, is
  ///   corrupt, or was written by a newer format version.
  public static func decode(_ bytes: Data, source: String) throws(TableError) -> any Recommender {
    let header = try ModelEnvelope.header(bytes, source: source)
    guard let kind = RecommenderKind(rawValue: header.kind) else {
      throw TableError(code: .parse, message: "\(source) holds a \(header.kind) model, not a recommender")
    }
    let stored = try ModelEnvelope.model(StoredRecommender.self, from: bytes, header: header, source: source)
    return try stored.model(kind: kind, source: source)
  }

  /// Reads a model written by ``save(_:to:)``.
  public static func load(from path: String) throws(TableError) -> any Recommender {
    try decode(try ModelEnvelope.read(path), source: "'\(path)'")
  }
}

/// A tagged id value: {"i": 3}, {"f": 2.5}, {"s": "x"}, {"b": true}, {"t": 1700000000}.
struct TaggedValue: Codable {
  var value: Value
  init(_ value: Value) { self.value = value }
  enum Keys: String, CodingKey { case i, f, s, b, t }
  init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    if let v = try c.decodeIfPresent(Int64.self, forKey: .i) {
      value = .int(v)
    } else if let v = try c.decodeIfPresent(Double.self, forKey: .f) {
      value = .float(v)
    } else if let v = try c.decodeIfPresent(String.self, forKey: .s) {
      value = .string(v)
    } else if let v = try c.decodeIfPresent(Bool.self, forKey: .b) {
      value = .bool(v)
    } else if let v = try c.decodeIfPresent(Int64.self, forKey: .t) {
      value = .timestamp(v)
    } else {
      value = .missing
    }
  }
  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    switch value {
    case .int(let v): try c.encode(v, forKey: .i)
    case .float(let v): try c.encode(v, forKey: .f)
    case .string(let v): try c.encode(v, forKey: .s)
    case .bool(let v): try c.encode(v, forKey: .b)
    case .timestamp(let v): try c.encode(v, forKey: .t)
    case .missing: break
    }
  }
}

/// Little-endian base64 codecs for numeric arrays.
enum PackedArray {
  static func encode<T: FixedWidthInteger>(_ values: [T]) -> String {
    var data = Data(capacity: values.count * MemoryLayout<T>.size)
    for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    return data.base64EncodedString()
  }
  static func decode<T: FixedWidthInteger>(_ text: String, as: T.Type) -> [T]? {
    guard let data = Data(base64Encoded: text), data.count % MemoryLayout<T>.size == 0 else { return nil }
    return data.withUnsafeBytes { raw in
      (0..<(data.count / MemoryLayout<T>.size)).map {
        T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
      }
    }
  }
  static func encode(_ values: [Float]) -> String { encode(values.map(\.bitPattern)) }
  static func encode(_ values: [Double]) -> String { encode(values.map(\.bitPattern)) }
  static func floats(_ text: String) -> [Float]? { decode(text, as: UInt32.self)?.map(Float.init(bitPattern:)) }
  static func doubles(_ text: String) -> [Double]? { decode(text, as: UInt64.self)?.map(Double.init(bitPattern:)) }
}

/// A recommender's `model` object.
struct StoredRecommender: Codable {
  struct StoredInteractions: Codable {
    var users: [TaggedValue]
    var items: [TaggedValue]
    var hasValues: Bool
    /// Rows in training (Surprise) order: user index, item index (int32), value (float64).
    var rowUsers: String
    var rowItems: String
    var rowValues: String
  }
  struct Parameters: Codable {
    var userFactors: String?
    var itemFactors: String?
    var userBias: String?
    var itemBias: String?
    var globalMean: Double?
  }
  var als: ALSOptions?
  var svd: SVDOptions?
  var neighborhood: NeighborhoodOptions?
  /// How duplicate pairs were combined when the model was trained.
  var duplicates: String
  var interactions: StoredInteractions
  var parameters: Parameters

  init(_ model: any Recommender) {
    let d = model.data
    interactions = StoredInteractions(
      users: d.userLabels.map(TaggedValue.init), items: d.itemLabels.map(TaggedValue.init), hasValues: d.hasValues,
      rowUsers: PackedArray.encode(d.rowUsers), rowItems: PackedArray.encode(d.rowItems),
      rowValues: PackedArray.encode(d.rowValues))
    duplicates = d.duplicates.rawValue
    parameters = Parameters()
    switch model {
    case let m as ALS:
      als = m.options
      parameters.userFactors = PackedArray.encode(m.userFactors)
      parameters.itemFactors = PackedArray.encode(m.itemFactors)
    case let m as SVD:
      svd = m.options
      parameters.userFactors = PackedArray.encode(m.userFactors)
      parameters.itemFactors = PackedArray.encode(m.itemFactors)
      parameters.userBias = PackedArray.encode(m.userBias)
      parameters.itemBias = PackedArray.encode(m.itemBias)
      parameters.globalMean = m.globalMean
    case let m as ItemKNN: neighborhood = m.options
    case let m as UserKNN: neighborhood = m.options
    default: break
    }
  }

  func model(kind: RecommenderKind, source: String) throws(TableError) -> any Recommender {
    func corrupt(_ what: String) -> TableError {
      TableError(code: .parse, message: "\(source) is corrupt: \(what)")
    }
    let s = interactions
    guard let ru = PackedArray.decode(s.rowUsers, as: Int32.self),
      let ri = PackedArray.decode(s.rowItems, as: Int32.self), let rv = PackedArray.doubles(s.rowValues),
      ru.count == ri.count, ru.count == rv.count
    else { throw corrupt("interaction arrays") }
    let users = s.users.map(\.value), items = s.items.map(\.value)
    guard ru.allSatisfy({ $0 >= 0 && Int($0) < users.count }), ri.allSatisfy({ $0 >= 0 && Int($0) < items.count })
    else { throw corrupt("interaction index out of range") }
    let data = try Interactions(
      users: ru.map { users[Int($0)] }, items: ri.map { items[Int($0)] }, values: s.hasValues ? rv : nil,
      duplicates: DuplicatePolicy(rawValue: duplicates) ?? .sum)
    guard data.userCount == users.count, data.itemCount == items.count else { throw corrupt("id lists") }
    // A file may have been edited: options outside the ranges the verbs accept are refused, so that no
    // size computed from them can overflow.
    func check(_ name: String, _ value: Int, _ range: ClosedRange<Int>) throws(TableError) {
      guard range.contains(value) else {
        throw corrupt("option '\(name)' is \(value), outside \(range.lowerBound)…\(range.upperBound)")
      }
    }
    if let o = als {
      try check("factors", o.factors, 1...4096)
      try check("cg", o.cgSteps, 1...1_000)
      try check("iterations", o.iterations, 0...1_000_000)
      try check("threads", o.threads, 1...1_024)
    }
    if let o = svd {
      try check("factors", o.factors, 1...4096)
      try check("epochs", o.epochs, 0...1_000_000)
    }
    if let o = neighborhood {
      try check("neighbors", o.neighbors, 1...100_000)
      try check("threads", o.threads, 1...1_024)
    }
    switch kind {
    case .popular:
      return Popularity(data: data)
    case .itemcf:
      return try ItemKNN(data: data, options: neighborhood ?? NeighborhoodOptions())
    case .usercf:
      return try UserKNN(data: data, options: neighborhood ?? NeighborhoodOptions())
    case .als:
      guard let options = als, let uf = parameters.userFactors.flatMap(PackedArray.floats),
        let itf = parameters.itemFactors.flatMap(PackedArray.floats)
      else { throw corrupt("ALS parameters") }
      let s = FactorKernels.stride(for: options.factors)
      guard uf.count == data.userCount * s, itf.count == data.itemCount * s else { throw corrupt("ALS factor shapes") }
      return ALS(data: data, options: options, userFactors: uf, itemFactors: itf)
    case .svd:
      guard let options = svd, let uf = parameters.userFactors.flatMap(PackedArray.doubles),
        let itf = parameters.itemFactors.flatMap(PackedArray.doubles),
        let ub = parameters.userBias.flatMap(PackedArray.doubles),
        let ib = parameters.itemBias.flatMap(PackedArray.doubles),
        let mean = parameters.globalMean
      else { throw corrupt("SVD parameters") }
      guard uf.count == data.userCount * options.factors, itf.count == data.itemCount * options.factors,
        ub.count == data.userCount, ib.count == data.itemCount
      else { throw corrupt("SVD parameter shapes") }
      return SVD(
        data: data, options: options, globalMean: mean, userBias: ub, itemBias: ib, userFactors: uf,
        itemFactors: itf)
    }
  }
}
