/// docs/LANGUAGE.md, generated from the help files and the verb specs (`shopmine reference`).
public enum LanguageReference {
  /// The introduction (`Help/reference.md`), then `# Verbs` and each verb's `help VERB` text in catalog
  /// order, one blank line apart.
  public static func markdown(catalog: VerbCatalog = .standard) -> String {
    var text = HelpLibrary.load("reference") ?? ""
    text += "# Verbs\n"
    for spec in catalog.specs {
      guard let help = HelpLibrary.text(for: spec.name, catalog: catalog) else { continue }
      text += "\n" + help
    }
    return text
  }
}
