/// The type of a column, as `schema` shows it.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
  case int
  case float
  case bool
  case string
  case timestamp

  public var isNumeric: Bool { self == .int || self == .float }
}

/// The contiguous storage behind a column.
///
/// Strings are dictionary-encoded: each row stores an `Int32` code into `dictionary`, so grouping, joining
/// and comparing strings work on integers. Storage is copy-on-write through Swift arrays: binding a table to
/// a second name shares the buffers.
public enum ColumnStorage: Sendable, Hashable {
  case int([Int64])
  case float([Double])
  case bool([Bool])
  case string(codes: [Int32], dictionary: [String])
  /// Microseconds since 1970-01-01T00:00:00Z.
  case timestamp([Int64])

  public var type: ColumnType {
    switch self {
    case .int: return .int
    case .float: return .float
    case .bool: return .bool
    case .string: return .string
    case .timestamp: return .timestamp
    }
  }

  public var count: Int {
    switch self {
    case .int(let a): return a.count
    case .float(let a): return a.count
    case .bool(let a): return a.count
    case .string(let codes, _): return codes.count
    case .timestamp(let a): return a.count
    }
  }
}

/// What a column's numbers mean, when the verb that made them knows: how they are shown, never what they
/// are (the values and their machine-readable form stay as computed).
public enum ColumnMeaning: String, Sendable, Hashable {
  /// A fraction of a whole (a segment's share of customers): shown as a percentage, `0.125` → `12.5%`.
  case share
}

/// A named, typed column with an optional validity mask (`nil` means no value is missing).
///
/// The value stored at a missing row is unspecified (0, NaN, code 0…); always consult ``isValid(_:)``.
public struct Column: Sendable, Hashable {
  public var name: String
  public var storage: ColumnStorage
  public var validity: ValidityMask?
  /// Set by the verb that computed the column; kept by renaming and by every row selection (filter, sort,
  /// head, join), dropped by any computation on the values (`share * 100` is no longer a share).
  public var meaning: ColumnMeaning?

  public init(name: String, storage: ColumnStorage, validity: ValidityMask? = nil, meaning: ColumnMeaning? = nil) {
    self.name = name
    self.storage = storage
    self.meaning = meaning
    // A mask without missing rows carries no information; drop it so `validity == nil` means "complete".
    if let validity, validity.missingCount == 0 {
      self.validity = nil
    } else {
      self.validity = validity
    }
  }

  public var type: ColumnType { storage.type }
  public var count: Int { storage.count }
  public var missingCount: Int { validity?.missingCount ?? 0 }

  @inline(__always)
  public func isValid(_ row: Int) -> Bool { validity?.isValid(row) ?? true }

  /// The value at `row` as a ``Value`` (boxing; use the typed storage in hot loops).
  public subscript(row: Int) -> Value {
    guard isValid(row) else { return .missing }
    switch storage {
    case .int(let a): return .int(a[row])
    case .float(let a): return a[row].isNaN ? .missing : .float(a[row])
    case .bool(let a): return .bool(a[row])
    case .string(let codes, let dictionary): return .string(dictionary[Int(codes[row])])
    case .timestamp(let a): return .timestamp(a[row])
    }
  }

  /// Every value as a double (`nil` for missing or non-numeric); ints, floats, bools and timestamps convert.
  public func doubles() -> [Double?] {
    (0..<count).map { self[$0].doubleValue }
  }
}

extension Column {
  public init(name: String, ints: [Int64], validity: ValidityMask? = nil) {
    self.init(name: name, storage: .int(ints), validity: validity)
  }
  public init(name: String, floats: [Double], validity: ValidityMask? = nil, meaning: ColumnMeaning? = nil) {
    self.init(name: name, storage: .float(floats), validity: validity, meaning: meaning)
  }
  public init(name: String, bools: [Bool], validity: ValidityMask? = nil) {
    self.init(name: name, storage: .bool(bools), validity: validity)
  }
  public init(name: String, timestamps: [Int64], validity: ValidityMask? = nil) {
    self.init(name: name, storage: .timestamp(timestamps), validity: validity)
  }
  /// Dictionary-encodes `strings` (codes in order of first appearance; `nil` is missing).
  public init(name: String, strings: [String?]) {
    var dictionary: [String] = []
    var index: [String: Int32] = [:]
    var codes = [Int32](repeating: 0, count: strings.count)
    var valid = [Bool](repeating: true, count: strings.count)
    for (i, s) in strings.enumerated() {
      guard let s else {
        valid[i] = false
        continue
      }
      if let code = index[s] {
        codes[i] = code
      } else {
        let code = Int32(dictionary.count)
        index[s] = code
        dictionary.append(s)
        codes[i] = code
      }
    }
    self.init(name: name, storage: .string(codes: codes, dictionary: dictionary), validity: ValidityMask(valid))
  }
}
