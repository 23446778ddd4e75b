/// The `execute_reply` payloads a language returns in ``ExecutionOutcome/ok(result:payloads:)``.
///
/// The messaging spec calls payloads deprecated ("Payloads (DEPRECATED)"), but front ends still act on
/// these two: jupyter_console on both; JupyterLab and Notebook 7 add a `page` bundle to the cell's outputs
/// and ignore `ask_exit`.
public enum ExecutePayload {
  /// `page`: show `data` (a MIME bundle) in the pager. jupyter_console pages its `text/plain`, so that
  /// representation must read well as plain text; JupyterLab renders the richest type it knows.
  public static func page(_ data: [String: JSONValue], start: Int = 0) -> JSONValue {
    ["source": "page", "data": .object(data), "start": .int(start)]
  }

  /// `ask_exit`: ask the front end to end the session, as IPython's `exit` does. With `keepKernel` false
  /// jupyter_console also shuts the kernel down.
  public static func askExit(keepKernel: Bool = false) -> JSONValue {
    ["source": "ask_exit", "keepkernel": .bool(keepKernel)]
  }
}
