// insights-bench: times ShopMineInsights on column files written by bench/insights_bench.py.
//
//   insights-bench rfm DIR [REPEAT]      user_id, order_id, ts (int64), price (float64), quantity (int64)
//   insights-bench iforest DIR [REPEAT]  a, b (float64), is_anomaly (uint8)
//
// Columns are raw little-endian arrays (`numpy.ndarray.tofile`), so loading is not part of the race and
// does not depend on the CSV reader. Prints one JSON object: best wall time of REPEAT runs and checksums
// the Python side compares against.
import Foundation
import ShopMineData
import ShopMineInsights

func load<T>(_ dir: String, _ name: String, as _: T.Type) -> [T] {
  guard let data = FileManager.default.contents(atPath: dir + "/" + name) else {
    FileHandle.standardError.write(Data("cannot read \(dir)/\(name)\n".utf8))
    exit(2)
  }
  return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 3 else {
  FileHandle.standardError.write(Data("usage: insights-bench rfm|iforest DIR [REPEAT]\n".utf8))
  exit(2)
}
let dir = args[2]
let repeats = args.count > 3 ? Int(args[3]) ?? 3 : 3

do {
  switch args[1] {
  case "rfm":
    let table = try Table(columns: [
      Column(name: "user_id", ints: load(dir, "user_id.i64", as: Int64.self)),
      Column(name: "order_id", ints: load(dir, "order_id.i64", as: Int64.self)),
      Column(name: "ts", timestamps: load(dir, "ts.i64", as: Int64.self)),
      Column(name: "price", floats: load(dir, "price.f64", as: Double.self)),
      Column(name: "quantity", ints: load(dir, "quantity.i64", as: Int64.self)),
    ])
    var best = Double.infinity
    var result: RFMResult?
    for _ in 0..<repeats {
      let t = try seconds {
        // The value column is part of the work, as `df.price * df.quantity` is on the pandas side.
        guard case .float(let p) = table.columns[3].storage, case .int(let q) = table.columns[4].storage else { return }
        var v = [Double](repeating: 0, count: p.count)
        for i in 0..<p.count { v[i] = p[i] * Double(q[i]) }
        result = try RFM.analyze(
          table, options: RFMOptions(customer: "user_id", time: "ts", order: "order_id", value: .values(v)))
      }
      best = min(best, t)
    }
    guard let r = result else { exit(1) }
    let counts = zip(
      (0..<r.summary.rowCount).map { r.summary.columns[0][$0] }, (0..<r.summary.rowCount).map { r.summary.columns[1][$0] }
    ).map { s, c -> String in
      guard case .string(let name) = s, case .int(let n) = c else { return "" }
      return "\"\(name)\": \(n)"
    }
    print("{\"seconds\": \(best), \"rows\": \(table.rowCount), \"customers\": \(r.customers.rowCount), \"segments\": {\(counts.joined(separator: ", "))}}")
  case "iforest":
    let a = load(dir, "a.f64", as: Double.self)
    let b = load(dir, "b.f64", as: Double.self)
    let truth = load(dir, "is_anomaly.u8", as: UInt8.self)
    let table = try Table(columns: [
      Column(name: "a", floats: a), Column(name: "b", floats: b), Column(name: "is_anomaly", bools: truth.map { $0 != 0 }),
    ])
    var best = Double.infinity
    var result: AnomalyResult?
    for _ in 0..<repeats {
      let t = try seconds {
        result = try AnomalyDetection.detect(
          table, columns: ["a", "b"], method: .isolationForest(IsolationForestOptions(seed: 0)))
      }
      best = min(best, t)
    }
    guard let r = result else { exit(1) }
    let e = try AnomalyEvaluation.evaluate(r.table, truth: "is_anomaly")
    print("{\"seconds\": \(best), \"rows\": \(table.rowCount), \"flagged\": \(r.flaggedCount), \"average_precision\": \(e.averagePrecision)}")
  default:
    FileHandle.standardError.write(Data("unknown benchmark '\(args[1])'\n".utf8))
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
