/// The verbs the language knows, by name and alias.
///
/// To add a verb: define `static let myVerb = VerbSpec(…)` in its own file under `Verbs/<Family>/` and
/// list it in that family's ``VerbPack``.
public struct VerbCatalog: Sendable {
  /// Every built-in verb, in the order `help` lists them: the packs' verbs, pack by pack.
  public static let all: [VerbSpec] = VerbPacks.all.flatMap { $0.verbs }

  public static let standard = VerbCatalog(all)

  private let byName: [String: VerbSpec]
  /// Verb names (no aliases) in catalog order.
  public let names: [String]
  /// Names and aliases, sorted, for completion.
  public let allNames: [String]
  /// Each of ``allNames`` with its verb's usage line, built once: completion offers them at the start of
  /// every statement, and composing some seventy usage lines per request showed in profiles.
  public let usageLines: [(name: String, usage: String)]

  public init(_ specs: [VerbSpec]) {
    var byName: [String: VerbSpec] = [:]
    for spec in specs {
      byName[spec.name] = spec
      for alias in spec.aliases { byName[alias] = spec }
    }
    self.byName = byName
    self.names = specs.map(\.name)
    self.allNames = byName.keys.sorted()
    self.usageLines = allNames.map { name in (name, byName[name]?.usage ?? name) }
  }

  /// The verb called `name` (or with that alias).
  public func spec(_ name: String) -> VerbSpec? { byName[name] }
  /// Whether `name` is a verb wherever it stands, and so cannot be a name (verbs that only follow `|`,
  /// such as `first`, leave the word free).
  public func claims(_ name: String) -> Bool { byName[name].map { $0.subject != .piped } ?? false }
  public var specs: [VerbSpec] { names.compactMap { byName[$0] } }
}
