import JupyterProtocol
import ShopMineData

extension VerbSpec {
  /// `help` / `help where`: the language overview or a verb's help text, in the pager.
  static let help = VerbSpec(
    "help", summary: "show help for the language or a verb", subject: .none,
    positionals: [ParameterSpec("topic", .anyWord, optional: true, "a verb or topic")],
    evaluate: { inv throws(Diagnostic) in
      let topic = inv.word("topic")
      let text: String
      if let topic {
        guard let found = HelpLibrary.text(for: topic, catalog: inv.evaluator.catalog) else {
          throw Diagnostic(
            "no help for '\(topic)'", at: inv.argument("topic")?.span ?? inv.call.span,
            name: "NameError", notes: ["type 'help' for the list of verbs"]
          )
          .suggesting(topic, from: inv.evaluator.catalog.names + HelpLibrary.topics)
        }
        text = found
      } else {
        text = HelpLibrary.overview(catalog: inv.evaluator.catalog)
      }
      inv.addPayload(HelpLibrary.pagerPayload(text))
      return .nothing
    })
}
