import JupyterProtocol
import ShopMineData
import ShopMineSources

/// A table read only when a statement uses it: a remote table (a query in a database) or a Parquet file
/// (whose columns are read only as the statement needs them). Table verbs read it through
/// ``VerbInvocation/table()``; showing it reads only the rows shown.
protocol DeferredTable: LanguageObject {
  /// An empty table with the columns and types it has (completion, `schema`, checking arguments).
  var prototype: Table { get }
  /// Reads it into memory, at most `limit` rows; `step` names what needs it in a refusal.
  func read(limit: Int?, evaluator: Evaluator, for step: String, at span: SourceSpan) throws(Diagnostic) -> Table
  /// Its number of rows, computed where it is.
  func count(evaluator: Evaluator, at span: SourceSpan) throws(Diagnostic) -> Int64
}

extension RemoteTable: DeferredTable {
  func read(limit: Int?, evaluator: Evaluator, for step: String, at span: SourceSpan) throws(Diagnostic) -> Table {
    try evaluator.fetch(self, limit: limit, for: step, at: span)
  }

  func count(evaluator: Evaluator, at span: SourceSpan) throws(Diagnostic) -> Int64 {
    do {
      let counted = try database.fetch(
        query.counted(dialect: database.dialect).text(database.dialect), types: [.int],
        control: FetchControl(cancellation: evaluator.cancellation))
      return counted.columns[0][0].integerValue ?? 0
    } catch {
      throw Errors.diagnostic(error, at: span, call: nil)
    }
  }
}

/// `load "sales.parquet"`: the file's columns are known from its footer; a statement reads only the
/// columns its steps use (``Evaluator/requiredColumns(_:of:)``), and each only once it runs.
struct ParquetScan: DeferredTable {
  let path: String
  let prototype: Table

  init(path: String) throws(TableError) {
    self.path = path
    prototype = Table(
      uncheckedColumns: try ParquetReader.schema(path: path).map { c in
        Column.empty(c.name, c.type)
      }, rowCount: 0)
  }

  private init(path: String, prototype: Table) {
    self.path = path
    self.prototype = prototype
  }

  var kind: String { "parquet file" }
  var shape: String {
    "\(prototype.columnCount) column\(prototype.columnCount == 1 ? "" : "s") in \(path), read when used"
  }

  func bundle(_ options: DisplayOptions) -> MIMEBundle {
    .plain("<parquet file: \(shape)>")
  }

  /// The same file with only `names` (in the file's order) to read.
  func narrowed(to names: Set<String>) -> ParquetScan {
    let kept = prototype.columns.filter { names.contains($0.name) }
    return ParquetScan(path: path, prototype: Table(uncheckedColumns: kept, rowCount: 0))
  }

  func read(limit: Int?, evaluator: Evaluator, for step: String, at span: SourceSpan) throws(Diagnostic) -> Table {
    let cancellation = evaluator.cancellation
    do {
      let table = try ParquetReader.read(path: path, columns: prototype.columnNames, cancellation: cancellation)
      return limit.map { table.head($0) } ?? table
    } catch {
      throw Errors.diagnostic(error, at: span, call: nil)
    }
  }

  func count(evaluator: Evaluator, at span: SourceSpan) throws(Diagnostic) -> Int64 {
    Int64(
      try narrowed(to: Set(prototype.columnNames.prefix(1))).read(
        limit: nil, evaluator: evaluator, for: "count", at: span
      ).rowCount)
  }
}

extension Evaluator {
  /// The columns of `input` that the steps of a pipeline use, by a backward pass over the verbs' declared
  /// schemas: a step needs the columns it names and those of its output that later steps need and that it
  /// passes through. A step whose output columns are unknown needs them all.
  func requiredColumns(_ stages: [VerbCall], of input: [String]) -> Set<String> {
    var inputs: [[String]] = []
    var current = input
    let session = self.session
    for stage in stages {
      guard let spec = catalog.spec(stage.verb) else { return Set(input) }
      inputs.append(current)
      let query = SchemaQuery(
        input: current, call: stage, columnsOf: { SchemaInference.columnNames(session[$0]) })
      guard let next = spec.schema(query) else { return Set(input) }
      current = next
    }
    var needed = Set(current)
    for (stage, columns) in zip(stages, inputs).reversed() {
      let available = Set(columns)
      needed = needed.intersection(available).union(stage.names.intersection(available))
    }
    // At least one column, so that the rows are there to count.
    if needed.isEmpty, let first = input.first { needed.insert(first) }
    return needed
  }
}

extension VerbCall {
  /// Every name written in the call's arguments (columns, and bindings, which the caller filters out).
  var names: Set<String> {
    var out: Set<String> = []
    func visit(_ e: Expr) {
      switch e.kind {
      case .name(let n, _): out.insert(n)
      case .literal: break
      case .list(let items): items.forEach(visit)
      case .range(let a, let b), .binary(_, let a, let b), .inList(let a, let b, _):
        visit(a)
        visit(b)
      case .unary(_, let a), .isMissing(let a, _): visit(a)
      case .call(_, let args, _): args.forEach(visit)
      case .window(let w): w.expressions.forEach(visit)
      case .pipeline: break
      }
    }
    func visit(_ v: ArgumentValue) {
      switch v {
      case .expr(let e): visit(e)
      case .exprs(let list): list.forEach(visit)
      case .assignments(let list): list.forEach { visit($0.expr) }
      case .sortKeys(let keys): keys.forEach { visit($0.expr) }
      case .renames(let list): list.forEach { out.insert($0.old) }
      case .tagged(_, let inner): visit(inner)
      default: break
      }
    }
    arguments.values.forEach { visit($0.value) }
    return out
  }
}
