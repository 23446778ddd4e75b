/// The text functions of the function table (``ScalarFunctions/signatures``): each works on a column's
/// distinct strings once and maps the rows' codes, so a million rows of a hundred cities cost a hundred
/// calls. Positions count Unicode scalars from 1 (as `len` counts, and as SQL's `substring` does); patterns
/// are regular expressions in Swift's syntax (Perl/Python-like: `\d`, `[^@]+`, `(…)`, `^…$`), searched
/// anywhere in the text as Python's `re.search` and pandas' `str.contains` do.
enum StringFunctions {
  static let signatures: [FunctionSignature] = [
    FunctionSignature("trim", 1...1, "trim(s)", "the string without white space at either end"),
    FunctionSignature(
      "substring", 2...3, "substring(s, start, length)",
      "`length` characters (default: the rest) from position `start` (1 is the first)"),
    FunctionSignature("left", 2...2, "left(s, n)", "the first n characters"),
    FunctionSignature("right", 2...2, "right(s, n)", "the last n characters"),
    FunctionSignature("replace", 3...3, "replace(s, old, new)", "every `old` in s replaced by `new` (plain text)"),
    FunctionSignature(
      "split_part", 3...3, "split_part(s, separator, n)",
      "the n-th part (from 1) of s split at `separator`; missing when there are fewer parts"),
    FunctionSignature("starts_with", 2...2, "starts_with(s, prefix)", "whether s starts with `prefix`"),
    FunctionSignature("ends_with", 2...2, "ends_with(s, suffix)", "whether s ends with `suffix`"),
    FunctionSignature(
      "matches", 2...2, "matches(s, pattern)",
      "whether the regular expression `pattern` matches somewhere in s (in a string a backslash is `\\\\`: \"^A\\\\d+$\")"
    ),
    FunctionSignature(
      "extract", 2...2, "extract(s, pattern)",
      "the first match of `pattern` in s (its first group when it has one); missing when none"),
    FunctionSignature(
      "replace_regex", 3...3, "replace_regex(s, pattern, new)",
      "every match of `pattern` replaced by `new` (`\\1` or `$1` inserts a group)"),
    FunctionSignature(
      "concat", 1...16, "concat(a, b, …)", "the texts joined, missing ones left out (`+` on strings gives missing)"),
  ]

  static let names = Set(signatures.map(\.name))

  /// Evaluates text function `name` over its evaluated arguments `cols`. With the other arguments
  /// written in the call (the usual case) each distinct string is computed once; with columns there, row
  /// by row. A missing argument gives a missing result.
  static func call(_ arguments: FunctionArguments) throws(ExpressionError) -> Column {
    let name = arguments.name
    let n = arguments.rowCount
    let cols = arguments.columns
    let args = arguments.expressions
    let span = arguments.span
    let ev = arguments.evaluator
    func fail(_ i: Int, _ message: String) -> ExpressionError {
      ExpressionError(.invalidArgument("'\(name)' \(message)"), span: args[i].span ?? span)
    }
    func text(_ i: Int) throws(ExpressionError) -> (codes: [Int32], dictionary: [String], validity: ValidityMask?) {
      try arguments.strings(i)
    }
    func string(_ v: Value, _ i: Int) throws(ExpressionError) -> String {
      guard case .string(let s) = v else { throw fail(i, "needs a string as its \(ordinal(i)) argument, not \(v)") }
      return s
    }
    func whole(_ v: Value, _ i: Int, atLeast minimum: Int) throws(ExpressionError) -> Int {
      guard let k = v.integerValue, k >= minimum, k <= Int64(Int32.max) else {
        throw fail(i, "needs a whole number of at least \(minimum) as its \(ordinal(i)) argument, not \(v)")
      }
      return Int(k)
    }
    var compiled: [String: Regex<AnyRegexOutput>] = [:]
    func regex(_ v: Value, _ i: Int) throws(ExpressionError) -> Regex<AnyRegexOutput> {
      let pattern = try string(v, i)
      if let r = compiled[pattern] { return r }
      do {
        let r = try Regex(pattern)
        compiled[pattern] = r
        return r
      } catch {
        throw fail(i, "needs a regular expression, and \"\(pattern)\" is not one (\(error))")
      }
    }

    if name == "concat" {
      var parts: [[String?]] = []
      for (i, c) in cols.enumerated() {
        guard c.type == .string || c.isAllMissing else {
          throw ExpressionError(
            .typeMismatch(
              "'concat' joins strings, but this is \(ev.describe(args[i], c)): make it text with str(…)",
              column: args[i].columnName), span: args[i].span ?? span)
        }
        let (codes, dictionary, validity) = try text(i)
        parts.append((0..<n).map { r in (validity?.isValid(r) ?? true) ? dictionary[Int(codes[r])] : nil })
      }
      return Column(name: name, strings: (0..<n).map { r in parts.map { $0[r] ?? "" }.joined() })
    }

    // The function of one string and the other arguments' values: a string, a bool, or missing.
    let f: (String, [Value]) throws(ExpressionError) -> Value
    let givesText: Bool
    switch name {
    case "trim":
      givesText = true
      f = { s, _ in .string(s.trimmingWhitespace()) }
    case "substring":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let start = try whole(a[0], 1, atLeast: 1)
        let length = a.count > 1 ? try whole(a[1], 2, atLeast: 0) : Int.max
        return .string(scalars(s, from: start - 1, count: length))
      }
    case "left", "right":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let k = try whole(a[0], 1, atLeast: 0)
        let offset = name == "left" ? 0 : max(0, s.unicodeScalars.count - k)
        return .string(scalars(s, from: offset, count: k))
      }
    case "replace":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let old = try string(a[0], 1)
        return .string(old.isEmpty ? s : s.replacing(old, with: try string(a[1], 2)))
      }
    case "split_part":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let separator = try string(a[0], 1)
        guard !separator.isEmpty else { throw fail(1, "needs a separator that is not empty") }
        let part = try whole(a[1], 2, atLeast: 1)
        let parts = s.split(separator: separator, omittingEmptySubsequences: false)
        return part <= parts.count ? .string(String(parts[part - 1])) : .missing
      }
    case "starts_with":
      givesText = false
      f = { s, a throws(ExpressionError) in
        .bool(s.unicodeScalars.starts(with: try string(a[0], 1).unicodeScalars))
      }
    case "ends_with":
      givesText = false
      f = { s, a throws(ExpressionError) in
        .bool(s.unicodeScalars.reversed().starts(with: try string(a[0], 1).unicodeScalars.reversed()))
      }
    case "matches":
      givesText = false
      f = { s, a throws(ExpressionError) in
        let r = try regex(a[0], 1)
        return .bool((try? r.firstMatch(in: s)) != nil)
      }
    case "extract":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let r = try regex(a[0], 1)
        guard let match = try? r.firstMatch(in: s) else { return .missing }
        if match.output.count > 1 { return match.output[1].substring.map { .string(String($0)) } ?? .missing }
        return .string(String(s[match.range]))
      }
    case "replace_regex":
      givesText = true
      f = { s, a throws(ExpressionError) in
        let r = try regex(a[0], 1)
        let template = try string(a[1], 2)
        return .string(s.replacing(r) { match in expand(template, match.output) })
      }
    default:
      throw ExpressionError(.invalidArgument("unknown function '\(name)'"), span: span)
    }

    let (codes, dictionary, validity) = try text(0)
    var results = [Value](repeating: .missing, count: n)
    if let written = literals(args.dropFirst()) {
      // Each distinct string once.
      var perString = [Value]()
      perString.reserveCapacity(dictionary.count)
      for s in dictionary { perString.append(written.contains(.missing) ? .missing : try f(s, written)) }
      for r in 0..<n where validity?.isValid(r) ?? true { results[r] = perString[Int(codes[r])] }
    } else {
      let others = cols.dropFirst()
      for r in 0..<n where validity?.isValid(r) ?? true {
        let a = others.map { $0[r] }
        if !a.contains(.missing) { results[r] = try f(dictionary[Int(codes[r])], a) }
      }
    }
    if givesText {
      return Column(name: name, strings: results.map { if case .string(let s) = $0 { return s } else { return nil } })
    }
    let bools = results.map { $0 == .bool(true) }
    let mask = ValidityMask(results.map { !$0.isMissing })
    return Column(name: name, storage: .bool(bools), validity: mask.missingCount == 0 ? nil : mask)
  }

  /// The values of arguments all written in the call (`nil` when one is a column or a computation).
  private static func literals(_ args: ArraySlice<RowExpression>) -> [Value]? {
    var out: [Value] = []
    for a in args {
      guard case .literal(let v, _) = a else { return nil }
      out.append(v)
    }
    return out
  }

  /// `count` Unicode scalars of `s` from scalar `offset` (fewer at the end).
  static func scalars(_ s: String, from offset: Int, count: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s.unicodeScalars.dropFirst(offset).prefix(count))
    return String(view)
  }

  /// `template` with `\1`…`\9` and `$1`…`$9` replaced by the match's groups (`\0`/`$0`: the whole match).
  static func expand(_ template: String, _ groups: AnyRegexOutput) -> String {
    var out = ""
    var chars = template.makeIterator()
    while let c = chars.next() {
      guard c == "\\" || c == "$" else {
        out.append(c)
        continue
      }
      guard let d = chars.next() else {
        out.append(c)
        break
      }
      if let k = d.wholeNumberValue, k < groups.count {
        out += groups[k].substring.map(String.init) ?? ""
      } else {
        out.append(c)
        out.append(d)
      }
    }
    return out
  }

  private static func ordinal(_ i: Int) -> String { ["first", "second", "third"][min(i, 2)] }
}
