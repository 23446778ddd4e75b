import ShopMineData

/// Converts library errors to diagnostics at the language boundary, adding spans and suggestions.
enum Errors {
  /// `unknown column 'spnd'` with did-you-mean and the columns that exist.
  static func unknownColumn(_ name: String, at span: SourceSpan, in columns: [String]) -> Diagnostic {
    Diagnostic("unknown column '\(name)'", at: span, name: "ColumnError", notes: [columnsNote(columns)])
      .suggesting(name, from: columns)
  }

  /// `note: columns here: a, b, c, …` (the first eight, then the count of the rest).
  static func columnsNote(_ columns: [String]) -> String {
    if columns.isEmpty { return "the table has no columns" }
    let shown = columns.prefix(8).joined(separator: ", ")
    return "columns here: " + shown + (columns.count > 8 ? ", … (\(columns.count) in all)" : "")
  }

  static func diagnostic(_ error: TableError, at span: SourceSpan, call: VerbCall?) -> Diagnostic {
    let name: String
    switch error.code {
    case .unknownColumn, .duplicateColumn: name = "ColumnError"
    case .typeMismatch: name = "TypeError"
    case .io: name = "IOError"
    case .parse: name = "ParseError"
    case .interrupted: name = "KeyboardInterrupt"
    case .overMemoryBudget: name = "MemoryError"
    case .divisionByZero: name = "ZeroDivisionError"
    case .overflow: name = "OverflowError"
    case .database: name = "DatabaseError"
    default: name = "ValueError"
    }
    var d = Diagnostic(error.message, at: span, name: name)
    if error.code == .overMemoryBudget {
      d.notes.append("the statement stopped before taking the memory; every binding is as it was")
      d.suggestions.append(
        "raise the budget with \(MemoryBudget.environmentVariable) (e.g. 75%) or shopmine kernel --memory-budget")
    }
    if error.code == .unknownColumn, let column = error.column {
      // Point at the column's own spelling when it appears inside the call.
      if let call, let exact = findName(column, in: call) { d.span = exact }
      d = d.suggesting(column, from: error.candidates)
      d.notes.append(columnsNote(error.candidates))
    } else if !error.candidates.isEmpty, let column = error.column {
      d = d.suggesting(column, from: error.candidates)
    }
    if let line = error.line, error.code == .parse || error.code == .io {
      d.notes.append("at line \(line) of the file")
    }
    return d
  }

  /// The span of the first occurrence of `name` as a name inside a verb call's arguments.
  static func findName(_ name: String, in call: VerbCall) -> SourceSpan? {
    func search(_ e: Expr) -> SourceSpan? {
      switch e.kind {
      case .name(let n, _): return n == name ? e.span : nil
      case .literal: return nil
      case .list(let items): return items.lazy.compactMap(search).first
      case .range(let a, let b), .binary(_, let a, let b), .inList(let a, let b, _): return search(a) ?? search(b)
      case .unary(_, let a), .isMissing(let a, _): return search(a)
      case .call(_, let args, _): return args.lazy.compactMap(search).first
      case .window(let w): return w.expressions.lazy.compactMap(search).first
      case .pipeline: return nil
      }
    }
    func search(_ v: ArgumentValue) -> SourceSpan? {
      switch v {
      case .expr(let e): return search(e)
      case .exprs(let list): return list.lazy.compactMap(search).first
      case .assignments(let list): return list.lazy.compactMap { search($0.expr) }.first
      case .sortKeys(let keys): return keys.lazy.compactMap { search($0.expr) }.first
      case .renames(let list): return list.first { $0.old == name }?.oldSpan
      case .tagged(_, let inner): return search(inner)
      case .word, .flag: return nil
      }
    }
    // Arguments in source order, so the first written occurrence wins.
    for arg in call.arguments.values.sorted(by: { $0.span.start < $1.span.start }) {
      if let s = search(arg.value) { return s }
    }
    return nil
  }
}
