// csvbench MODE FILE [FILE2]: runs one data-engine operation and prints
// (modes: load, groupby, join; parquet-read FILE [COLUMN,…], parquet-write CSV_FILE OUT — the write times
// only the Parquet encoding and writing, the CSV read excluded)
// `{"mode": …, "seconds": …, "rows": …, "peak_rss_kb": …}` (seconds cover the operation only, loading
// excluded for groupby/join, as the Python side measures it).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ShopMineData

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func cpuNow() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakRSSKB() -> Int {
  var usage = rusage()
  #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  return Int(usage.ru_maxrss)
}

let args = CommandLine.arguments
guard args.count >= 3 else {
  print("usage: csvbench load|groupby|join|parquet-read|parquet-write FILE [USERS_FILE|COLUMNS|OUT]")
  exit(2)
}
let mode = args[1]
do {
  var rows = 0
  let seconds: Double
  var cpu0 = cpuNow()
  switch mode {
  case "load":
    cpu0 = cpuNow()
    let t0 = now()
    let table = try CSVReader.read(path: args[2])
    seconds = now() - t0
    rows = table.rowCount
  case "groupby":
    let table = try CSVReader.read(path: args[2])
    cpu0 = cpuNow()
    let t0 = now()
    let g = try table.groupAggregate(
      by: ["user_id"], [("total", .call("sum", [.column("price")])), ("n", .call("count", []))])
    seconds = now() - t0
    rows = g.rowCount
  case "join":
    guard args.count >= 4 else { throw TableError.invalidArgument("join needs the users file") }
    let orders = try CSVReader.read(path: args[2])
    let users = try CSVReader.read(path: args[3])
    cpu0 = cpuNow()
    let t0 = now()
    let j = try orders.joined(with: users, on: ["user_id"])
    seconds = now() - t0
    rows = j.rowCount
  case "parquet-read":
    let columns = args.count >= 4 ? args[3].split(separator: ",").map(String.init) : nil
    cpu0 = cpuNow()
    let t0 = now()
    let table = try ParquetReader.read(path: args[2], columns: columns)
    seconds = now() - t0
    rows = table.rowCount
  case "parquet-write":
    guard args.count >= 4 else { throw TableError.invalidArgument("parquet-write needs the output path") }
    let table = try CSVReader.read(path: args[2])
    cpu0 = cpuNow()
    let t0 = now()
    try ParquetWriter.write(table, to: args[3])
    seconds = now() - t0
    rows = table.rowCount
  default:
    throw TableError.invalidArgument("unknown mode \(mode)")
  }
  print("{\"mode\": \"\(mode)\", \"seconds\": \(seconds), \"cpu_seconds\": \(cpuNow() - cpu0), \"rows\": \(rows), \"peak_rss_kb\": \(peakRSSKB())}")
} catch {
  print("error: \(error)")
  exit(1)
}
