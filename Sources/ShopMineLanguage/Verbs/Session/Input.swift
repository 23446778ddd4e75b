import JupyterProtocol
import ShopMineData

extension VerbSpec {
  /// `name = input "Your name? "`: asks the front end for a line of text.
  static let input = VerbSpec(
    "input", summary: "ask the user for a line of text", subject: .none,
    positionals: [ParameterSpec("prompt", .value, optional: true, "the prompt to show")],
    options: [ParameterSpec("password", .flag, "hide what is typed")],
    evaluate: { inv throws(Diagnostic) in
      let prompt = try inv.string("prompt") ?? ""
      guard inv.allowStdin else {
        throw inv.error(
          "this front end does not accept input",
          suggestions: ["run the cell in a notebook or console that allows stdin"])
      }
      do {
        let line = try inv.sink.readInput(prompt: prompt, password: inv.has("password"))
        return .scalar(.string(line))
      } catch let e as InputError {
        if e == .interrupted { throw Diagnostic("interrupted", at: inv.call.span, name: "KeyboardInterrupt") }
        throw inv.error(e.description)
      } catch {
        throw inv.error("input failed: \(error)")
      }
    })
}
