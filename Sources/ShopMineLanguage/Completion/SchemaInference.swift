import ShopMineData

/// Column names flowing through a pipeline, found without touching data: bound tables give their
/// columns, and each verb's ``VerbSpec/schema`` maps input columns to output columns.
struct SchemaInference {
  let catalog: VerbCatalog
  let session: Session

  func columns(ofTokens tokens: [Token]) -> [String]? {
    guard !tokens.isEmpty else { return nil }
    var all = tokens
    all.append(Token(.end, SourceSpan(start: tokens.last?.span.end ?? 0, length: 0), spaceBefore: true))
    var parser = Parser(SourceText(""), tokens: all, verbs: catalog)
    guard let pipeline = try? parser.parsePipeline() else { return nil }
    return columns(of: pipeline)
  }

  func columns(of pipeline: Pipeline) -> [String]? {
    var current: [String]?
    switch pipeline.head {
    case .value(let e): current = columns(of: e)
    case .verb(let call): current = columns(of: call, input: nil)
    }
    for stage in pipeline.stages {
      current = columns(of: stage, input: current)
    }
    return current
  }

  func columns(of expr: Expr) -> [String]? {
    switch expr.kind {
    case .name(let n, _): return tableColumns(n)
    case .pipeline(let p): return columns(of: p)
    default: return nil
    }
  }

  func columns(of call: VerbCall, input: [String]?) -> [String]? {
    guard let spec = catalog.spec(call.verb) else { return nil }
    let subject = input ?? call.subject.flatMap { columns(of: $0) }
    let session = self.session
    return spec.schema(
      SchemaQuery(
        input: subject, call: call,
        columnsOf: { name in Self.columnNames(session[name]) }))
  }

  func tableColumns(_ name: String) -> [String]? { Self.columnNames(session[name]) }

  /// The columns of a bound table, in memory or in a database (a remote table's, without a query).
  static func columnNames(_ value: RuntimeValue?) -> [String]? {
    if case .table(let t) = value { return t.columnNames }
    return value?.object((any DeferredTable).self)?.prototype.columnNames
  }
}
