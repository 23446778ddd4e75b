/// Building columns: gathering rows, constants, values, renaming, concatenation.
extension Column {
  /// A copy named `name`, sharing the buffers.
  public func renamed(_ name: String) -> Column {
    var copy = self
    copy.name = name
    return copy
  }

  /// A column of `count` copies of `value` (`missing` gives an all-missing float column).
  public static func constant(_ value: Value, count: Int, name: String = "") -> Column {
    switch value {
    case .missing:
      return Column(
        name: name, storage: .float([Double](repeating: .nan, count: count)),
        validity: ValidityMask(count: count, allValid: false))
    case .int(let i): return Column(name: name, ints: [Int64](repeating: i, count: count))
    case .float(let d):
      if d.isNaN { return constant(.missing, count: count, name: name) }
      return Column(name: name, floats: [Double](repeating: d, count: count))
    case .bool(let b): return Column(name: name, bools: [Bool](repeating: b, count: count))
    case .string(let s):
      return Column(name: name, storage: .string(codes: [Int32](repeating: 0, count: count), dictionary: [s]))
    case .timestamp(let t): return Column(name: name, timestamps: [Int64](repeating: t, count: count))
    }
  }

  /// A column from boxed values; the type is the widest of the non-missing values
  /// (int ⊂ float; any other mix becomes strings). Meant for small results such as `describe`.
  public init(name: String, values: [Value]) {
    var type: ColumnType?
    for v in values {
      guard let t = v.columnType else { continue }
      if let current = type, current != t {
        type = (current.isNumeric && t.isNumeric) ? .float : .string
      } else if type == nil {
        type = t
      }
    }
    let valid = values.map { !$0.isMissing && !($0.doubleValue?.isNaN ?? false) }
    let mask = ValidityMask(valid)
    switch type ?? .float {
    case .int:
      self.init(
        name: name, storage: .int(values.map { if case .int(let i) = $0 { return i } else { return 0 } }),
        validity: mask)
    case .float:
      self.init(name: name, storage: .float(values.map { $0.doubleValue ?? .nan }), validity: mask)
    case .bool:
      self.init(
        name: name, storage: .bool(values.map { if case .bool(let b) = $0 { return b } else { return false } }),
        validity: mask)
    case .timestamp:
      self.init(
        name: name, storage: .timestamp(values.map { if case .timestamp(let t) = $0 { return t } else { return 0 } }),
        validity: mask)
    case .string:
      self.init(name: name, strings: values.map { $0.isMissing ? nil : $0.displayText })
    }
  }

  /// The rows at `rows`, in that order; a negative index yields a missing value (a left join's unmatched row).
  ///
  /// - Complexity: O(`rows.count`).
  public func gathering(_ rows: [Int]) -> Column {
    gathering(rows, mayHaveNegative: true)
  }

  /// ``gathering(_:)`` where the caller knows whether `rows` holds negative indices (saves a scan).
  ///
  /// With a `cancellation` token the copy stops within about 64 Ki rows of an interrupt — a join's output
  /// column of millions of rows otherwise takes a tenth of a second — and the caller must then throw (call
  /// `cancellation.check()`) and discard the returned column, whose remaining rows were never written.
  func gathering(_ rows: [Int], mayHaveNegative: Bool, cancellation: Cancellation? = nil) -> Column {
    let n = rows.count
    let hasNegative = mayHaveNegative && rows.contains(where: { $0 < 0 })
    var mask: ValidityMask? = nil
    // Build an output mask only when something can be missing.
    if validity != nil || hasNegative {
      var m = ValidityMask(count: n, allValid: false)
      let src = validity
      for (i, r) in rows.enumerated() where r >= 0 && (src?.isValid(r) ?? true) {
        m.set(i, valid: true)
      }
      mask = m
    }
    // The copy loop is the cost of every row-selecting verb: raw buffers, no per-element bounds checks
    // (indices come from the verbs themselves, always < count). Large gathers split over the cores:
    // the time goes into page faults and cache misses on the output, which both cores can take.
    func pick<T: BitwiseCopyable>(_ a: [T], _ filler: T) -> [T] {
      a.withUnsafeBufferPointer { src in
        rows.withUnsafeBufferPointer { idx in
          [T](unsafeUninitializedCapacity: n) { out, initialized in
            guard let base = out.baseAddress, let s = src.baseAddress, let ix = idx.baseAddress else {
              initialized = 0
              return
            }
            let shared = UncheckedPointers(source: s, indices: ix, output: base)
            ParallelLoop.chunks(count: n) { range in
              let (s, ix, base) = (shared.source, shared.indices, shared.output)
              // Blocks of 64 Ki rows between looks at the token. T is a plain bit pattern, so rows left
              // unwritten after an interrupt hold arbitrary bits, never a dangling reference.
              var lower = range.lowerBound
              while lower < range.upperBound {
                if let cancellation, cancellation.isCancelled { return }
                let upper = min(range.upperBound, lower + (1 << 16))
                if hasNegative {
                  for i in lower..<upper { (base + i).initialize(to: ix[i] >= 0 ? s[ix[i]] : filler) }
                } else {
                  for i in lower..<upper { (base + i).initialize(to: s[ix[i]]) }
                }
                lower = upper
              }
            }
            initialized = n
          }
        }
      }
    }
    let storage: ColumnStorage
    switch self.storage {
    case .int(let a): storage = .int(pick(a, 0))
    case .float(let a): storage = .float(pick(a, .nan))
    case .bool(let a): storage = .bool(pick(a, false))
    case .timestamp(let a): storage = .timestamp(pick(a, 0))
    case .string(let codes, let dictionary): storage = .string(codes: pick(codes, 0), dictionary: dictionary)
    }
    return Column(name: name, storage: storage, validity: mask, meaning: meaning)
  }

  /// Rows `range` as a new column.
  public func slice(_ range: Range<Int>) -> Column {
    gathering(Array(range))
  }

  /// Whether `row` holds a usable value: valid and, for floats, not NaN.
  @inline(__always)
  public func hasValue(_ row: Int) -> Bool {
    guard isValid(row) else { return false }
    if case .float(let a) = storage { return !a[row].isNaN }
    return true
  }

  /// The validity of every row with float NaN folded in as missing (`nil` when nothing is missing).
  public func effectiveValidity() -> ValidityMask? {
    guard case .float(let a) = storage else { return validity }
    var mask = validity ?? ValidityMask(count: a.count)
    var changed = false
    for i in 0..<a.count where a[i].isNaN && mask.isValid(i) {
      mask.set(i, valid: false)
      changed = true
    }
    if !changed { return validity }
    return mask.missingCount == 0 ? nil : mask
  }

  /// Numeric values as doubles plus a validity mask with NaN folded in; `nil` for string columns.
  /// Bools count as 0/1 and timestamps as microseconds.
  public func numericDoubles() -> (values: [Double], validity: ValidityMask?)? {
    switch storage {
    case .int(let a): return (a.map { Double($0) }, validity)
    case .float(let a): return (a, effectiveValidity())
    case .bool(let a): return (a.map { $0 ? 1 : 0 }, validity)
    case .timestamp(let a): return (a.map { Double($0) }, validity)
    case .string: return nil
    }
  }

  /// A numeric or bool column as plain doubles, NaN where missing; `nil` for strings and timestamps.
  ///
  /// Reads the typed storage directly: ``doubles()`` boxes every row into a ``Value`` and an optional, which
  /// on millions of rows costs tens of milliseconds in one step that no interrupt can stop.
  public func doublesWithNaN() -> [Double]? {
    guard type != .timestamp, let (read, mask) = numericDoubles() else { return nil }
    var values = read
    if let mask {
      for row in 0..<values.count where !mask.isValid(row) { values[row] = .nan }
    }
    return values
  }
}

extension Value {
  /// The value as a user reads it in text: numbers plainly, timestamps as ISO-8601, `missing` for missing.
  public var displayText: String {
    switch self {
    case .missing: return "missing"
    case .int(let i): return String(i)
    case .float(let d):
      if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
      return String(d)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .timestamp(let t): return Timestamp.format(t)
    }
  }
}
