import ShopMineLanguage

/// The engine is never run here, so one is shared by every input: completion and inspection see an empty
/// session, which is what they see before a notebook's first cell.
let engine = ShopMineEngine()

/// One input: a cell that is lexed and parsed (through `isComplete`), then completed and inspected at cursors
/// taken from its length, but never run. The language target (FuzzLanguage) runs each input too, which makes
/// it thousands of times slower; this one covers the lexer, parser, completer and inspector at the rate a
/// long run needs (issue 11 asks for 10 M executions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let code = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = engine.isComplete(code)
  let scalars = code.unicodeScalars.count
  for cursor in [scalars, scalars / 2, size % (scalars + 2), 0] {
    _ = engine.complete(code, cursor: cursor)
    _ = engine.inspect(code, cursor: cursor, detailLevel: cursor & 1)
  }
  return 0
}
