import ArgumentParser
import ShopMineLanguage

/// `shopmine reference` (hidden): prints the language reference, docs/LANGUAGE.md, generated from the
/// help files and the verbs' declared parameters: `shopmine reference > docs/LANGUAGE.md`.
struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "Print the language reference (docs/LANGUAGE.md) generated from the verbs and help files.",
    shouldDisplay: false)

  func run() throws {
    print(LanguageReference.markdown(), terminator: "")
  }
}
