import ShopMineData

/// One class of a classification target: a bool, an integer or a string.
///
/// Classes order as scikit-learn's `np.unique` orders them (false < true, numbers ascending, strings by
/// Unicode scalars); "the smallest class wins a tie" refers to this order.
public enum ClassValue: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  case bool(Bool)
  case int(Int64)
  case string(String)

  /// The class as a table ``Value``.
  public var value: Value {
    switch self {
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .string(let s): return .string(s)
    }
  }

  public var description: String {
    switch self {
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .string(let s): return s
    }
  }

  public static func < (a: ClassValue, b: ClassValue) -> Bool {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return !x && y
    case (.int(let x), .int(let y)): return x < y
    case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    case (.bool, _): return true
    case (.int, .string): return true
    default: return false
    }
  }
}

/// A classification target encoded as class indices into a sorted list of classes.
public struct EncodedTarget: Sendable, Hashable {
  /// The distinct classes, sorted.
  public let classes: [ClassValue]
  /// Per row, the index of its class in ``classes``.
  public let codes: [Int32]

  public init(classes: [ClassValue], codes: [Int32]) {
    self.classes = classes
    self.codes = codes
  }

  /// Encodes a target column; missing values, and floats that are not whole numbers, are errors.
  public init(_ column: Column) throws(TableError) {
    if column.missingCount > 0 {
      throw TableError(
        code: .invalidArgument,
        message:
          "target column '\(column.name)' has \(column.missingCount) missing value\(column.missingCount == 1 ? "" : "s"); use `fill missing` or `where` first",
        column: column.name)
    }
    var raw: [ClassValue] = []
    raw.reserveCapacity(column.count)
    switch column.storage {
    case .bool(let a): raw = a.map { .bool($0) }
    case .int(let a): raw = a.map { .int($0) }
    case .string(let codes, let dictionary):
      for c in codes {
        let i = Int(c)
        guard i >= 0, i < dictionary.count else { throw .invalidArgument("corrupt string column '\(column.name)'") }
        raw.append(.string(dictionary[i]))
      }
    case .float(let a):
      for (r, x) in a.enumerated() {
        guard x.isFinite, x.rounded() == x, abs(x) < 9e15 else {
          throw TableError(
            code: .typeMismatch,
            message:
              "target column '\(column.name)' holds the non-integer value \(x) at row \(r + 1); a classification target must be categorical (bool, int or string)",
            column: column.name)
        }
        raw.append(.int(Int64(x)))
      }
    case .timestamp:
      throw TableError.typeMismatch(
        "target column '\(column.name)' is a timestamp; use a categorical column", column: column.name)
    }
    try self.init(values: raw, name: column.name)
  }

  /// Encodes raw class values.
  public init(values: [ClassValue], name: String = "target") throws(TableError) {
    let classes = Array(Set(values)).sorted()
    guard classes.count >= 2 else {
      throw TableError(
        code: .invalidArgument,
        message:
          "target '\(name)' has \(classes.count) class\(classes.count == 1 ? "" : "es"); a classifier needs at least 2",
        column: name)
    }
    var index: [ClassValue: Int32] = [:]
    for (i, c) in classes.enumerated() { index[c] = Int32(i) }
    self.classes = classes
    self.codes = values.map { index[$0] ?? 0 }
  }

  /// Codes of `values` under these classes; a value never seen in training is an error.
  public func encode(_ column: Column) throws(TableError) -> [Int32] {
    let other = try EncodedTarget(lenient: column)
    var index: [ClassValue: Int32] = [:]
    for (i, c) in classes.enumerated() { index[c] = Int32(i) }
    var out = [Int32](repeating: 0, count: other.codes.count)
    for (r, code) in other.codes.enumerated() {
      let v = other.classes[Int(code)]
      guard let mapped = index[v] else {
        throw TableError(
          code: .invalidArgument,
          message: "column '\(column.name)' holds class '\(v)' that the model never saw in training",
          column: column.name)
      }
      out[r] = mapped
    }
    return out
  }

  private init(lenient column: Column) throws(TableError) {
    do {
      try self.init(column)
    } catch  where error.code == .invalidArgument && column.missingCount == 0 {
      // A single-class evaluation set is fine; only training needs two classes.
      let v: ClassValue
      switch column[0] {
      case .bool(let b): v = .bool(b)
      case .int(let i): v = .int(i)
      case .float(let f): v = .int(Int64(f))
      case .string(let s): v = .string(s)
      default: throw error
      }
      self.init(classes: [v], codes: [Int32](repeating: 0, count: column.count))
    }
  }
}

extension Array where Element == ClassValue {
  /// A table column holding `codes` mapped through these classes (typed like the original target).
  public func column(named name: String, codes: [Int32]) -> Column {
    let values = codes.map { self[Int($0)] }
    switch first {
    case .bool?:
      return Column(name: name, bools: values.map { if case .bool(let b) = $0 { return b } else { return false } })
    case .int?: return Column(name: name, ints: values.map { if case .int(let i) = $0 { return i } else { return 0 } })
    default: return Column(name: name, strings: values.map { $0.description })
    }
  }
}
