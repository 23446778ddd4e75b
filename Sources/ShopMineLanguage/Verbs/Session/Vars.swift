import ShopMineData

extension VerbSpec {
  /// `vars`: the session's bindings as a table (name, kind, shape, memory), in binding order.
  static let vars = VerbSpec(
    "vars", summary: "list the session's names", subject: .none,
    schema: { _ in ["name", "kind", "shape", "memory"] },
    evaluate: { inv throws(Diagnostic) in
      let s = inv.session
      var names: [String?] = []
      var kinds: [String?] = []
      var shapes: [String?] = []
      var memory: [String?] = []
      for name in s.order {
        guard let v = s[name] else { continue }
        names.append(name)
        kinds.append(v.kind)
        shapes.append(v.shape)
        memory.append(v.memoryBytes > 0 ? VarsFormatting.bytes(v.memoryBytes) : "")
      }
      return .table(
        Table(
          uncheckedColumns: [
            Column(name: "name", strings: names), Column(name: "kind", strings: kinds),
            Column(name: "shape", strings: shapes), Column(name: "memory", strings: memory),
          ], rowCount: names.count))
    })

  /// `del a, b`: removes bindings.
  static let del = VerbSpec(
    "del", summary: "remove names from the session", subject: .none,
    positionals: [ParameterSpec("names", .columns, "the names to remove")],
    evaluate: { inv throws(Diagnostic) in
      for e in inv.expressions("names") {
        guard let name = e.nameValue else { continue }
        guard inv.session.remove(name) else {
          throw Diagnostic("unknown name '\(name)'", at: e.span, name: "NameError")
            .suggesting(name, from: inv.session.order)
        }
      }
      return .nothing
    })
}

enum VarsFormatting {
  /// `512 B`, `1.5 KB`, `12.0 MB`.
  static func bytes(_ n: Int) -> String {
    if n < 1024 { return "\(n) B" }
    let units = ["KB", "MB", "GB", "TB"]
    var v = Double(n) / 1024
    var i = 0
    while v >= 1024, i < units.count - 1 {
      v /= 1024
      i += 1
    }
    return "\((v * 10).rounded() / 10) \(units[i])"
  }
}
