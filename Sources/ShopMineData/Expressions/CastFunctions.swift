/// The casts of the function table (``ScalarFunctions/signatures``): `int`, `float`, `string`, `bool`, and
/// their `try_` forms (with `try_date`), which give missing where the plain cast stops with an error naming
/// the value and its row.
///
/// Text is read as Python reads it, white space at either end ignored: `int("3")` is 3 and `int("3.0")` an
/// error (Python's `int("3.0")` and pandas' `astype(int)` refuse it too; `int(float("3.0"))` reads it);
/// `float` takes what Python's `float` takes (`"1e3"`, `"-2.5"`, `"inf"`; `"nan"` is missing), not hexadecimal.
/// A float becomes an int by dropping its fraction toward zero, as `astype(int)` does. `bool` reads
/// `true`/`false`, `yes`/`no` and `1`/`0` in any case, and a number as `x != 0`. Each distinct text is
/// read once.
enum CastFunctions {
  static let signatures: [FunctionSignature] = [
    FunctionSignature(
      "int", 1...1, "int(x)",
      "x as a whole number: text such as \"42\" (not \"4.2\" or \"3.0\"), a float without its fraction (toward zero), a bool as 0 or 1; an error names a value that is none"
    ),
    FunctionSignature(
      "float", 1...1, "float(x)",
      "x as a float: text such as \"2.5\", \"1e3\" or \"inf\" (\"nan\" is missing), a number, a bool"),
    FunctionSignature("string", 1...1, "string(x)", "x as text, as `print` shows it (the same as `str`)"),
    FunctionSignature(
      "bool", 1...1, "bool(x)", "x as true or false: text true/false, yes/no or 1/0 in any case; a number: x != 0"),
    FunctionSignature("try_int", 1...1, "try_int(x)", "as `int(x)`, but missing where x is no whole number"),
    FunctionSignature("try_float", 1...1, "try_float(x)", "as `float(x)`, but missing where x is no number"),
    FunctionSignature("try_bool", 1...1, "try_bool(x)", "as `bool(x)`, but missing where x is no truth value"),
    FunctionSignature(
      "try_date", 1...2, "try_date(text) / try_date(text, format)",
      "as `date`, but missing where the text is no date (in the format)"),
  ]

  static let names = Set(signatures.map(\.name))

  static func call(_ a: FunctionArguments) throws(ExpressionError) -> Column {
    let lenient = a.name.hasPrefix("try_")
    let target = lenient ? String(a.name.dropFirst(4)) : a.name
    let c = a[0]
    switch target {
    case "string": return text(c, name: a.name)
    case "date": return try dates(a)
    default: break
    }
    let n = a.rowCount
    var valid = [Bool](repeating: false, count: n)
    let present = c.effectiveValidity()
    for i in 0..<n { valid[i] = present?.isValid(i) ?? true }

    func refuse(_ shown: String, row: Int, as what: String) -> ExpressionError {
      let place = a.evaluator.table.columnCount == 0 ? "" : " (row \(row + 1))"
      return ExpressionError(
        .invalidArgument(
          "'\(a.name)' cannot read \(shown)\(place) as \(what); try_\(a.name)(…) gives missing there instead"),
        span: a.span)
    }

    switch (target, c.storage) {
    case ("int", .int), ("float", .float), ("bool", .bool):
      return c.renamed(a.name)
    case ("int", .bool(let b)):
      return Column(name: a.name, storage: .int(b.map { $0 ? 1 : 0 }), validity: c.validity)
    case ("int", .float(let d)):
      var out = [Int64](repeating: 0, count: n)
      for i in 0..<n where valid[i] {
        let t = d[i].rounded(.towardZero)
        if t >= -9.223_372_036_854_775_808e18 && t < 9.223_372_036_854_775_808e18 {
          out[i] = Int64(t)
        } else if lenient {
          valid[i] = false
        } else {
          throw refuse("\(d[i])", row: i, as: "a whole number (it is out of range)")
        }
      }
      return Column(name: a.name, storage: .int(out), validity: ValidityMask(valid))
    case ("float", .int), ("float", .bool):
      let (values, validity) = try a.numbers(0)
      return Column.floats(a.name, values, validity: validity)
    case ("bool", .int), ("bool", .float):
      let (values, validity) = try a.numbers(0)
      return Column(name: a.name, storage: .bool(values.map { $0 != 0 }), validity: validity)
    case (_, .string(let codes, let dictionary)):
      // Each distinct text read once.
      let parsed: [Value] = dictionary.map { s in
        switch target {
        case "int": return parseInt(s).map(Value.int) ?? .missing
        case "float": return parseFloat(s).map(Value.float) ?? .missing
        default: return parseBool(s).map(Value.bool) ?? .missing
        }
      }
      // `float("nan")` reads as a NaN float (missing, as everywhere), not as a failure.
      for i in 0..<n where valid[i] && parsed[Int(codes[i])].isMissing {
        guard lenient else {
          let what = target == "int" ? "a whole number" : target == "float" ? "a number" : "true or false"
          throw refuse(Value.stringLiteral(dictionary[Int(codes[i])]), row: i, as: what)
        }
        valid[i] = false
      }
      let mask = ValidityMask(valid)
      switch target {
      case "int":
        return Column(
          name: a.name, storage: .int(codes.map { parsed[Int($0)].integerValue ?? 0 }), validity: mask)
      case "float":
        return Column.floats(a.name, codes.map { parsed[Int($0)].doubleValue ?? .nan }, validity: mask)
      default:
        return Column(name: a.name, storage: .bool(codes.map { parsed[Int($0)] == .bool(true) }), validity: mask)
      }
    default:
      if c.isAllMissing {
        let none = ValidityMask(count: n, allValid: false)
        switch target {
        case "int": return Column(name: a.name, storage: .int([Int64](repeating: 0, count: n)), validity: none)
        case "float": return Column.floats(a.name, [Double](repeating: .nan, count: n), validity: none)
        default: return Column(name: a.name, storage: .bool([Bool](repeating: false, count: n)), validity: none)
        }
      }
      throw a.wrongType(0, needs: target == "bool" ? "text or a number" : "text, a number or a bool")
    }
  }

  /// `str(x)` / `string(x)`: any value as the text `print` shows (missing stays missing).
  static func text(_ c: Column, name: String) -> Column {
    if c.type == .string { return c.renamed(name) }
    return Column(name: name, strings: (0..<c.count).map { i in c[i].isMissing ? nil : c[i].displayText })
  }

  /// `try_date(text[, format])`: `date`, with missing for text that is no date.
  private static func dates(_ a: FunctionArguments) throws(ExpressionError) -> Column {
    let c = a[0]
    if a.name == "date" || c.type != .string || c.isAllMissing {
      return try ScalarFunctions.call("date", a.expressions, span: a.span, evaluator: a.evaluator)
    }
    guard case .string(let codes, let dictionary) = c.storage else { return c }
    var format: DateFormat?
    if a.count == 2 {
      let pattern = try a.written(1, "the format (\"%m/%d/%Y\")")
      do {
        format = try DateFormat(pattern)
      } catch {
        throw ExpressionError(error, span: a.expressions[1].span ?? a.span)
      }
    }
    let parsed: [Int64?] = dictionary.map { s in
      guard let format else { return Timestamp.parse(s).map(Timestamp.date) }
      let bytes = Array(s.utf8)
      let reading = bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { format.parse($0, count: b.count) } }
      return reading.map { $0.local - Int64($0.offset ?? 0) * Timestamp.microsPerSecond }
    }
    let present = c.effectiveValidity()
    let valid = (0..<a.rowCount).map { i in (present?.isValid(i) ?? true) && parsed[Int(codes[i])] != nil }
    return Column(
      name: a.name, storage: .timestamp(codes.map { parsed[Int($0)] ?? 0 }), validity: ValidityMask(valid))
  }

  /// Python's `int(text)` for ASCII: optional sign, digits, white space at either end.
  static func parseInt(_ s: String) -> Int64? {
    let t = s.trimmingWhitespace()
    guard !t.isEmpty else { return nil }
    return Int64(t.hasPrefix("+") ? String(t.dropFirst()) : t)
  }

  /// Python's `float(text)`: what Swift's reader takes, except hexadecimal; `nan` gives NaN.
  static func parseFloat(_ s: String) -> Double? {
    let t = s.trimmingWhitespace()
    guard !t.isEmpty, !t.contains(where: { $0 == "x" || $0 == "X" }) else { return nil }
    return Double(t)
  }

  static func parseBool(_ s: String) -> Bool? {
    switch s.trimmingWhitespace().lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default: return nil
    }
  }
}

extension String {
  /// The string without white space at either end.
  func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
