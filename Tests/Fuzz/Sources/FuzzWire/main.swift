import JupyterProtocol

/// Frames are separated by a NUL byte in the input (JSON frames never contain one), so the corpus is
/// readable and libFuzzer can add, drop and reorder frames.
func frames(_ bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
  bytes.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
}

/// Unsigned, so mutated messages get past the signature check into the JSON and field checks; a signed
/// codec is fed the same frames to exercise the signature path itself.
let unsigned = WireCodec(signer: MessageSigner(key: []), maximumFrameSize: 1 << 20)
let signed = WireCodec(signer: MessageSigner(key: Array("fuzz-key".utf8)), maximumFrameSize: 1 << 20)

/// One input: the frames of a message as a ROUTER socket hands them to the kernel. Decoding must either
/// succeed or throw a `WireError`; every request content the kernel reads is then parsed from it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let parts = frames(UnsafeBufferPointer(start: data, count: size))
  _ = try? signed.decode(parts)
  guard let message = try? unsigned.decode(parts) else { return 0 }
  let content = message.content
  _ = try? ExecuteRequestContent(content)
  _ = try? CompleteRequestContent(content)
  _ = try? InspectRequestContent(content)
  _ = try? IsCompleteRequestContent(content)
  _ = try? HistoryRequestContent(content)
  _ = try? CommInfoRequestContent(content)
  _ = try? CommOpenContent(content)
  _ = try? ShutdownRequestContent(content)
  _ = try? InputReplyContent(content)
  // What the kernel sends back re-encodes the parent header it received.
  _ = unsigned.encode(Message.child(of: message, msgType: "status", session: "fuzz", content: .object([:])))
  return 0
}
