import Foundation
import JupyterProtocol
import ShopMineData

/// Completion at a cursor: verbs where a verb can start, option words of the verb at the cursor,
/// columns of the table flowing into it, bound names, and file paths inside `load "…"`.
struct Completer {
  let catalog: VerbCatalog
  let session: Session

  /// One candidate with its type for `_jupyter_types_experimental`.
  struct Candidate {
    var text: String
    var type: String
    var signature: String
  }

  func complete(_ code: String, cursor: Int) -> CompletionResult {
    let source = SourceText(code)
    let cursor = max(0, min(cursor, source.scalars.count))
    let context = CursorContext(source: source, cursor: cursor)
    let candidates = self.candidates(context)
      .filter { $0.text.hasPrefix(context.prefix) }
    // Stable order: each group as produced (already sorted), duplicates dropped keeping the first.
    var seen = Set<String>()
    var unique: [Candidate] = []
    for c in candidates where seen.insert(c.text).inserted { unique.append(c) }
    let start = context.wordStart
    let types: [JSONValue] = unique.map {
      .object([
        "start": .int(start), "end": .int(cursor), "text": .string($0.text), "type": .string($0.type),
        "signature": .string($0.signature),
      ])
    }
    return CompletionResult(
      matches: unique.map(\.text), cursorStart: start, cursorEnd: cursor,
      metadata: ["_jupyter_types_experimental": .array(types)])
  }

  private func candidates(_ ctx: CursorContext) -> [Candidate] {
    if ctx.stringStart != nil {
      return pathCandidates(ctx)
    }
    if let qualifier = ctx.qualifier, let connection = session[qualifier]?.object(DatabaseConnection.self) {
      return tableCandidates(connection)
    }
    let stage = ctx.stageTokens
    // Start of a statement or right after '|': a verb (or, at the start, a name).
    guard let first = stage.first else {
      var out = verbs()
      if !ctx.piped { out += names() }
      return out
    }
    guard let verbName = first.word, let spec = catalog.spec(verbName) else {
      // A value expression: names and functions.
      return names() + functions(windows: false)
    }
    let last = stage.count > 1 ? stage[stage.count - 1] : first
    let kind = argumentKind(spec: spec, stage: stage, piped: ctx.piped, last: last, isVerbOnly: stage.count == 1)
    let columns = flowingColumns(ctx, spec: spec)
    let used = Set(stage.dropFirst().compactMap(\.word))
    let options = spec.options.filter { !used.contains($0.name) }.map {
      Candidate(text: $0.name, type: "keyword", signature: "\($0.name) \($0.kind.placeholder)".trimmingSpaces)
    }
    switch kind {
    case .column, .columns, .renames:
      return columns
    case .row, .assignments, .sortKeys, .keys:
      // Window functions run only in `derive`; elsewhere they would be refused.
      return columns + functions(windows: spec.name == VerbSpec.derive.name) + names()
    case .value, .values:
      return names()
    case .word(let words), .wordOrValue(let words):
      return words.sorted().map { Candidate(text: $0, type: "keyword", signature: "") }
        + (kindIsWordOrValue(kind) ? names() : [])
    case .anyWord:
      return verbs()
    case .tagged(let words, _), .valueOrTagged(let words, _):
      return words.map { Candidate(text: $0, type: "keyword", signature: "") }
    case nil, .flag:
      // After a sort key comes its direction (`sort spend desc`).
      if case .sortKeys? = spec.positionals.first?.kind, let word = last.word, !Self.directions.contains(word),
        spec.option(word) == nil
      {
        return Self.directions.map { Candidate(text: $0, type: "keyword", signature: "") } + options
      }
      // After a finished argument only an option can follow; with none left, offer values.
      return options.isEmpty ? columns + names() : options
    }
  }

  private func kindIsWordOrValue(_ k: ArgumentKind?) -> Bool {
    if case .wordOrValue = k { return true }
    return false
  }

  /// The kind of argument being typed: after an option word, its kind; after an operator or comma, the
  /// kind of the argument it continues; right after the verb, its first positional (or subject).
  private func argumentKind(spec: VerbSpec, stage: [Token], piped: Bool, last: Token, isVerbOnly: Bool)
    -> ArgumentKind?
  {
    if isVerbOnly {
      if spec.subject == .required, !piped, spec.subjectIndex == 0 { return .value }
      return spec.positionals.first?.kind
    }
    if let w = last.word, let option = spec.option(w), option.kind != .flag { return option.kind }
    let continues = last.isSymbol(",") || last.isSymbol("=") || isOperator(last)
    guard continues else { return nil }
    // Find the option (or the verb) whose argument this continues.
    for t in stage.dropFirst().reversed() {
      if let w = t.word, let option = spec.option(w) { return option.kind }
    }
    if spec.subject == .required, !piped { return spec.positionals.first?.kind ?? .value }
    return spec.positionals.first?.kind
  }

  private func isOperator(_ t: Token) -> Bool {
    if case .symbol(let s) = t.kind {
      return ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "(", "["].contains(s)
    }
    return t.isWord("and") || t.isWord("or") || t.isWord("not")
  }

  /// Columns of the table flowing into the current stage (piped, or written as the verb's subject).
  private func flowingColumns(_ ctx: CursorContext, spec: VerbSpec) -> [Candidate] {
    let inference = SchemaInference(catalog: catalog, session: session)
    var columns: [String]?
    if let upstream = ctx.upstreamTokens {
      columns = inference.columns(ofTokens: upstream)
    } else if spec.subject == .required {
      // `kmeans users k 3 on …`: the first bound table written after the verb.
      for t in ctx.stageTokens.dropFirst() {
        if let name = t.identifier, let c = inference.tableColumns(name) {
          columns = c
          break
        }
      }
    }
    return (columns ?? []).map {
      Candidate(text: Self.quoteIfNeeded($0), type: "column", signature: "column")
    }
  }

  /// Column names that are not plain identifiers complete in backquotes.
  static func quoteIfNeeded(_ name: String) -> String {
    let scalars = Array(name.unicodeScalars)
    guard let first = scalars.first, Lexer.isIdentifierStart(first),
      scalars.allSatisfy(Lexer.isIdentifierContinue), !Parser.reserved.contains(name)
    else { return "`\(name)`" }
    return name
  }

  /// The words that may follow a sort key.
  static let directions = ["asc", "desc"]

  /// Verbs are the language's keywords (JupyterLab's completer shows a keyword icon), not functions.
  private func verbs() -> [Candidate] {
    catalog.usageLines.map { Candidate(text: $0.name, type: "keyword", signature: $0.usage) }
  }

  private func names() -> [Candidate] {
    session.order.sorted().compactMap { name in
      guard let v = session[name] else { return nil }
      return Candidate(text: Self.quoteIfNeeded(name), type: "instance", signature: "\(v.kind) \(v.shape)")
    }
  }

  private func functions(windows: Bool) -> [Candidate] {
    FunctionCatalog.names.filter { windows || !FunctionCatalog.windowOnly.contains($0) }.map {
      Candidate(text: $0, type: "function", signature: FunctionCatalog.usage[$0] ?? "\($0)(…)")
    }
  }

  /// The tables and views of a connection, after `db.`: those whose names `db.NAME` can spell. A database
  /// that does not answer offers nothing rather than an error on a keystroke.
  private func tableCandidates(_ connection: DatabaseConnection) -> [Candidate] {
    guard let tables = try? connection.database.tables(), let names = tables.column(named: "name") else { return [] }
    let columns = tables.column(named: "columns")
    return (0..<tables.rowCount).compactMap { r in
      // `sales.orders` (a table of another schema) is typed as two names.
      guard case .string(let name) = names[r],
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.quoteIfNeeded(String($0)) == $0 }
        )
      else { return nil }
      let shape = columns.map { "table (\($0[r].displayText))" } ?? "table"
      return Candidate(text: name, type: "instance", signature: shape)
    }
  }

  /// The most paths offered at once: a front end shows a few dozen, and a folder of 100,000 files must not
  /// be stat-ed whole on a keystroke.
  static let pathCandidateLimit = 1_000

  /// Files and folders matching the text typed inside the quotes (relative to the working directory), in
  /// name order; hidden ones only when the typed name starts with a dot. Only the entries whose names match
  /// are looked at (to tell folders, which end in "/").
  private func pathCandidates(_ ctx: CursorContext) -> [Candidate] {
    let typed = ctx.prefix
    let slash = typed.lastIndex(of: "/")
    let dirPart = slash.map { String(typed[...$0]) } ?? ""
    let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let directory = dirPart.isEmpty ? "." : dirPart
    let fm = FileManager.default
    guard let entries = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
    let showHidden = namePart.hasPrefix(".")
    let matching = entries.filter { $0.hasPrefix(namePart) && (showHidden || !$0.hasPrefix(".")) }
    return matching.sorted().prefix(Self.pathCandidateLimit).map { entry in
      var isDir: ObjCBool = false
      _ = fm.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDir)
      return Candidate(text: dirPart + entry + (isDir.boolValue ? "/" : ""), type: "path", signature: "")
    }
  }
}
