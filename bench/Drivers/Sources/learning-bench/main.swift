// learning-bench TASK X.f64 ROWS COLS [Y.i32] [options…]
//
// Reads a row-major float64 matrix (and int32 labels) written by numpy's `tofile`, runs one ShopMineLearning
// fit, and prints one JSON line: the fit's wall time in seconds (data loading excluded, as on the sklearn
// side) and the numbers bench/learning_bench.py compares with scikit-learn.
import Dispatch
import Foundation
import ShopMineData
import ShopMineLearning

struct BenchError: Error, CustomStringConvertible {
  var description: String
}

func readArray<T>(_ path: String, count: Int, as: T.Type) throws -> [T] {
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  guard data.count == count * MemoryLayout<T>.stride else {
    throw BenchError(description: "\(path): \(data.count) bytes, expected \(count * MemoryLayout<T>.stride)")
  }
  return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}

func option(_ name: String, _ args: [String]) -> String? {
  guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

func timed<R>(_ body: () throws -> R) rethrows -> (R, Double) {
  let start = DispatchTime.now().uptimeNanoseconds
  let r = try body()
  return (r, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func emit(_ fields: [String: Any]) throws {
  let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
  print(String(decoding: data, as: UTF8.self))
}

func run() throws {
  let args = Array(CommandLine.arguments.dropFirst())
  guard args.count >= 4, let n = Int(args[2]), let d = Int(args[3]) else {
    throw BenchError(description: "usage: learning-bench kmeans|dbscan|tree|logistic X.f64 ROWS COLS [Y.i32] [--k 8 …]")
  }
  let x = try FeatureMatrix(rowCount: n, columnCount: d, values: readArray(args[1], count: n * d, as: Double.self))
  func labels() throws -> EncodedTarget {
    guard args.count >= 5 else { throw BenchError(description: "labels file required") }
    let y = try readArray(args[4], count: n, as: Int32.self)
    return try EncodedTarget(values: y.map { .int(Int64($0)) })
  }
  switch args[0] {
  case "kmeans":
    let k = Int(option("k", args) ?? "8") ?? 8
    let iterations = Int(option("iterations", args) ?? "50") ?? 50
    let tol = Double(option("tol", args) ?? "0") ?? 0
    let (fit, seconds) = try timed {
      try KMeans.fit(x, options: KMeansOptions(k: k, initialization: .first, maxIterations: iterations, tolerance: tol))
    }
    var hash: UInt64 = 1_469_598_103_934_665_603
    for l in fit.model.labels { hash = (hash ^ UInt64(bitPattern: Int64(l))) &* 1_099_511_628_211 }
    try emit(["seconds": seconds, "inertia": fit.model.inertia, "iterations": fit.model.iterations, "labels_fnv": String(hash)])
  case "dbscan":
    let eps = Double(option("eps", args) ?? "0.1") ?? 0.1
    let minPoints = Int(option("minpts", args) ?? "10") ?? 10
    let (model, seconds) = try timed { try DBSCAN.fit(x, options: DBSCANOptions(eps: eps, minPoints: minPoints)) }
    let out = option("labels-out", args)
    if let out {
      let bytes = model.labels.withUnsafeBufferPointer { Data(buffer: $0) }
      try bytes.write(to: URL(fileURLWithPath: out))
    }
    try emit(["seconds": seconds, "clusters": model.clusterCount, "noise": model.noiseCount])
  case "tree":
    let depth = Int(option("depth", args) ?? "10") ?? 10
    let data = try TrainingData(x: x, y: labels())
    let (model, seconds) = try timed {
      try DecisionTreeModel.fit(data, options: DecisionTreeOptions(maxDepth: depth))
    }
    let accuracy = ClassificationMetrics.accuracy(truth: data.y.codes, predicted: try model.predict(x))
    try emit(["seconds": seconds, "train_accuracy": accuracy, "nodes": model.nodes.count])
  case "logistic":
    let data = try TrainingData(x: x, y: labels())
    let (model, seconds) = try timed { try LogisticModel.fit(data) }
    try emit([
      "seconds": seconds, "coef": model.coefficients.flatMap { $0 }, "intercept": model.intercepts,
      "iterations": model.iterations, "converged": model.converged,
    ])
  default:
    throw BenchError(description: "unknown task \(args[0])")
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("learning-bench: \(error)\n".utf8))
  exit(1)
}
