// Times ShopMine's FP-growth, ALS and batch recommendation on CSV workloads written by the bench scripts.
//
//   shopmine-models-bench fpgrowth <baskets.csv> <support> [repetitions]
//   shopmine-models-bench als <interactions.csv> <factors> <iterations> [repetitions] [regularization] [alpha]
//   shopmine-models-bench recommend <interactions.csv> <factors> <iterations> <k>
//
// CSVs: a header line, then integer rows `a,b[,c]`. Each timing line is `name seconds detail`.
import Dispatch
import ShopMineData
import ShopMineRecommenders
import ShopMineRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Reads an all-integer CSV (header skipped) into columns, without Foundation.
func readIntCSV(_ path: String) -> (names: [String], columns: [[Int64]]) {
  guard let file = fopen(path, "r") else {
    print("cannot open \(path)")
    exit(2)
  }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let n = fread(&buffer, 1, buffer.count, file)
    if n <= 0 { break }
    bytes.append(contentsOf: buffer[0..<n])
  }
  var i = 0
  var header: [UInt8] = []
  while i < bytes.count && bytes[i] != 10 {
    header.append(bytes[i])
    i += 1
  }
  i += 1
  let names = String(decoding: header, as: UTF8.self).split(separator: ",").map { String($0).trimmingCR() }
  var columns = [[Int64]](repeating: [], count: names.count)
  var col = 0
  var value: Int64 = 0
  var negative = false
  var any = false
  while i < bytes.count {
    let b = bytes[i]
    if b >= 48 && b <= 57 {
      value = value * 10 + Int64(b - 48)
      any = true
    } else if b == 45 {
      negative = true
    } else if b == 44 || b == 10 {
      if any && col < names.count { columns[col].append(negative ? -value : value) }
      col = b == 10 ? 0 : col + 1
      value = 0
      negative = false
      any = false
    }
    i += 1
  }
  if any && col < names.count { columns[col].append(negative ? -value : value) }
  return (names, columns)
}

extension String {
  func trimmingCR() -> String { hasSuffix("\r") ? String(dropLast()) : self }
}

func table(_ path: String) -> Table {
  let (names, columns) = readIntCSV(path)
  let n = columns.map(\.count).min() ?? 0
  return Table(
    uncheckedColumns: zip(names, columns).map { Column(name: $0, ints: Array($1.prefix(n))) }, rowCount: n)
}

let args = CommandLine.arguments
guard args.count >= 3 else {
  print("usage: shopmine-models-bench fpgrowth|als|recommend <csv> …")
  exit(2)
}
do {
  switch args[1] {
  case "fpgrowth":
    let t = table(args[2])
    let support = Double(args[3]) ?? 0.005
    let reps = args.count > 4 ? Int(args[4]) ?? 3 : 3
    for _ in 0..<reps {
      let start = now()
      let baskets = try Baskets(table: t, basket: t.columnNames[0], item: t.columnNames[1])
      let built = now()
      let sets = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: support))
      let end = now()
      print("fpgrowth \(end - start) itemsets=\(sets.count) baskets=\(built - start) mine=\(end - built)")
    }
  case "als", "recommend":
    let t = table(args[2])
    let factors = Int(args[3]) ?? 64
    let iterations = Int(args[4]) ?? 15
    let value: String? = t.columnCount > 2 ? t.columnNames[2] : nil
    let data = try Interactions(table: t, user: t.columnNames[0], item: t.columnNames[1], value: value)
    if args[1] == "als" {
      let reps = args.count > 5 ? Int(args[5]) ?? 1 : 1
      let reg = args.count > 6 ? Double(args[6]) ?? 0.01 : 0.01
      let alpha = args.count > 7 ? Double(args[7]) ?? 1 : 1
      for _ in 0..<reps {
        let start = now()
        let model = try ALS(
          data: data, options: ALSOptions(factors: factors, regularization: reg, alpha: alpha, iterations: iterations, seed: 1))
        print("als \(now() - start) users=\(data.userCount) items=\(data.itemCount) nnz=\(data.nonzeroCount) check=\(model.userFactors[0])")
      }
    } else {
      let k = Int(args[5]) ?? 10
      let model = try ALS(data: data, options: ALSOptions(factors: factors, iterations: iterations, seed: 1))
      var start = now()
      let plain = try Recommendations.table(model, k: k, explain: false)
      print("recommend \(now() - start) rows=\(plain.rowCount)")
      start = now()
      let explained = try Recommendations.table(model, k: k, explain: true)
      print("recommend_explained \(now() - start) rows=\(explained.rowCount)")
    }
  default:
    print("unknown command \(args[1])")
    exit(2)
  }
} catch {
  print("error: \(error)")
  exit(1)
}
