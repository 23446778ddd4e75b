import Foundation
import ShopMineData
import ShopMineSynthetic

/// How much memory one statement may ask for before it is refused.
///
/// The OS kills a process that runs out of memory without a word, taking every binding of the session with
/// it; a statement that announces a huge allocation up front (`generate orders 10000000000`, a many-to-many
/// `join`, `load` of a file bigger than memory) is refused instead, with a clear error, and the session
/// survives. The checks are not an allocator limit: `generate` and `load` are estimated before any work
/// starts, a `join` is checked on the output rows it has counted before it allocates them, and a statement
/// whose size cannot be known in advance still runs.
public struct MemoryBudget: Sendable, Hashable, CustomStringConvertible {
  /// Bytes one statement's result may take.
  public var bytes: Int

  public init(bytes: Int) {
    self.bytes = max(0, bytes)
  }

  /// The environment variable read by ``fromEnvironment(_:)``.
  public static let environmentVariable = "SHOPMINE_MEMORY_BUDGET"

  /// The budget of this process: `$SHOPMINE_MEMORY_BUDGET` when it is set and valid, else ``standard``.
  /// (`shopmine kernel` rejects an invalid value with an error before it starts.)
  public static let processDefault: MemoryBudget = (try? fromEnvironment()) ?? .standard

  /// Half of the memory this process can have: physical memory, or the cgroup limit when it is lower (a
  /// container sees the host's physical memory but is killed at its own limit).
  public static var standard: MemoryBudget {
    var available = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    if let limit = cgroupLimit(), limit > 0 { available = min(available, limit) }
    return MemoryBudget(bytes: available / 2)
  }

  /// `$SHOPMINE_MEMORY_BUDGET` parsed by ``parse(_:)``, or ``standard`` when it is unset.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(MemoryBudgetError) -> MemoryBudget
  {
    guard let text = environment[environmentVariable], !text.isEmpty else { return .standard }
    do {
      return try parse(text)
    } catch {
      throw MemoryBudgetError("\(environmentVariable): \(error.message)")
    }
  }

  /// Reads `4G`, `512M`, `300K`, `1000000` (bytes) or `25%` (of ``standard``'s available memory, i.e. twice
  /// ``standard``).
  public static func parse(_ text: String) throws(MemoryBudgetError) -> MemoryBudget {
    let trimmed = text.trimmingSpaces
    if trimmed.hasSuffix("%") {
      guard let percent = Double(trimmed.dropLast()), percent > 0, percent <= 100 else {
        throw MemoryBudgetError("'\(text)' is not a percentage between 0 and 100")
      }
      let available = Double(standard.bytes) * 2
      return MemoryBudget(bytes: Int(available * percent / 100))
    }
    let units: [(String, Double)] = [("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10), ("B", 1)]
    var number = Substring(trimmed.uppercased())
    var scale = 1.0
    for (suffix, factor) in units where number.hasSuffix(suffix) {
      number = number.dropLast()
      if number.hasSuffix("I") { number = number.dropLast() }  // 4GiB
      scale = factor
      break
    }
    guard let value = Double(number), value.isFinite, value > 0, value * scale < 9e18 else {
      throw MemoryBudgetError("'\(text)' is not a size such as 4G, 512M or 25%")
    }
    return MemoryBudget(bytes: Int(value * scale))
  }

  /// `7.8 GB`.
  public var description: String { Self.format(bytes) }

  static func format(_ bytes: Int) -> String {
    let b = Double(bytes)
    if b >= 1e12 { return "\((b / 1e11).rounded() / 10) TB" }
    if b >= 1e9 { return "\((b / 1e8).rounded() / 10) GB" }
    if b >= 1e6 { return "\((b / 1e5).rounded() / 10) MB" }
    return "\(bytes) bytes"
  }

  /// cgroup v2 `memory.max` or v1 `memory.limit_in_bytes`; `nil` when unlimited or unknown.
  private static func cgroupLimit() -> Int? {
    for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      if let value = Int(text.trimmingSpaces) { return value }
    }
    return nil
  }
}

/// A memory budget that could not be read.
public struct MemoryBudgetError: Error, Sendable, Hashable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

// MARK: Estimates

extension Evaluator {
  /// Refuses `call` when its result would clearly exceed the memory budget, by the estimate its verb
  /// declares (``VerbSpec/memoryEstimate``).
  ///
  /// Estimates look only at arguments that are cheap to evaluate twice (literals, names; see
  /// ``cheapExpression(_:_:)``), so the check never runs a sub-pipeline the verb itself runs again. `join`
  /// is checked by the join itself, once it has counted its output rows (``joinRowBytes(_:_:)``).
  func admitMemory(_ call: VerbCall, spec: VerbSpec) throws(Diagnostic) {
    guard let estimate = try spec.memoryEstimate?(call, self), estimate.bytes > Double(memoryBudget.bytes) else {
      return
    }
    throw memoryRefusal(estimate.what, bytes: estimate.bytes, at: call.span)
  }

  /// The error for a statement whose result would need `bytes`, more than the budget.
  func memoryRefusal(_ what: String, bytes: Double, at span: SourceSpan, when: String = "before it started")
    -> Diagnostic
  {
    Diagnostic(
      "\(what) needs about \(MemoryBudget.format(Int(min(bytes, 9e18)))), more than the memory "
        + "budget of \(memoryBudget)",
      at: span, name: "MemoryError",
      notes: ["the statement was refused \(when); every binding is as it was"],
      suggestions: [
        "work on a smaller part first (head, sample, where)",
        "raise the budget with \(MemoryBudget.environmentVariable) (e.g. 75%) or shopmine kernel --memory-budget",
      ])
  }

  /// The bytes a row of `left | join right` takes: a row of each side. A join whose counted output rows
  /// times this exceed the budget is refused before its output is built (see the `join` verb).
  func joinRowBytes(_ left: Table, _ right: Table) -> Double {
    Double(Self.bytes(of: left)) / Double(max(1, left.rowCount))
      + Double(Self.bytes(of: right)) / Double(max(1, right.rowCount))
  }

  /// Argument `name` when it is cheap to evaluate twice (a literal, a name, arithmetic on those).
  func cheapExpression(_ call: VerbCall, _ name: String) -> Expr? {
    guard case .expr(let e)? = call.arguments[name]?.value, Self.isCheap(e) else { return nil }
    return e
  }

  private static func isCheap(_ e: Expr) -> Bool {
    switch e.kind {
    case .literal, .name: return true
    case .unary(_, let a): return isCheap(a)
    case .binary(_, let a, let b): return isCheap(a) && isCheap(b)
    default: return false
    }
  }

  /// The bytes a table's buffers take: 8 per number or timestamp, 1 per bool, 4 per string code plus each
  /// dictionary string.
  static func bytes(of table: Table) -> Int {
    var total = 0
    for column in table.columns {
      switch column.storage {
      case .int(let a), .timestamp(let a): total += a.count * 8
      case .float(let a): total += a.count * 8
      case .bool(let a): total += a.count
      case .string(let codes, let dictionary):
        total += codes.count * 4
        for s in dictionary { total += 16 + s.utf8.count }
      }
    }
    return total
  }
}
