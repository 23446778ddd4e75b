import ShopMineData

extension VerbSpec {
  /// `load`'s `dates`, `tz` and `encoding` options into `options`, each refused with what would work.
  static func readTimeOptions(_ inv: VerbInvocation, into options: inout CSVReadOptions) throws(Diagnostic) {
    if let format = try inv.string("dates") {
      do throws(TableError) {
        options.dateFormat = try DateFormat(format)
      } catch {
        throw inv.error(at: "dates", error.message)
      }
    }
    if let name = try inv.string("tz") {
      guard let zone = ZoneRules(identifier: name) else {
        throw inv.error(
          at: "tz", "unknown time zone \(ValueFormatter.quoted(name))",
          notes: ["zones are IANA names such as \"Europe/Berlin\", \"Asia/Shanghai\", \"America/New_York\", \"UTC\""]
        ).suggesting(name, from: ZoneRules.knownIdentifiers)
      }
      options.timeZone = zone
    }
    if let name = try inv.string("encoding") {
      guard let encoding = TextEncoding(name: name) else {
        throw inv.error(
          at: "encoding", "unknown encoding \(ValueFormatter.quoted(name))",
          notes: ["encodings: " + TextEncoding.names.joined(separator: ", ")]
        ).suggesting(name, from: TextEncoding.names)
      }
      options.encoding = encoding
    }
  }
}
