import JupyterProtocol

extension VerbSpec {
  /// `exit` / `quit`: ends the program where it stands — nothing after it in the cell or script runs — and
  /// asks the front end to end the session, as IPython's `exit` does (see ``VerbInvocation/requestExit()``).
  static let exit = VerbSpec(
    "exit", aliases: ["quit"], summary: "end the console session, or the script, here", subject: .none,
    evaluate: { inv throws(Diagnostic) in
      inv.requestExit()
      return .nothing
    })
}
