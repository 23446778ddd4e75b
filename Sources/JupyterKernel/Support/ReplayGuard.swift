/// Remembers recent message signatures so a captured message replayed verbatim is dropped.
///
/// A valid HMAC only proves the sender knew the key at some point; ipykernel keeps a digest history for the
/// same reason. Bounded: once ``capacity`` signatures are remembered, the oldest are forgotten first.
struct ReplayGuard: Sendable {
  let capacity: Int
  private var seen: Set<String> = []
  private var order: [String] = []
  private var head = 0

  init(capacity: Int = 1 << 16) {
    self.capacity = max(1, capacity)
  }

  /// Records `signature`; returns false when it was already seen (a replay). Empty signatures (unsigned
  /// connections) are never replays.
  mutating func admit(_ signature: String) -> Bool {
    guard !signature.isEmpty else { return true }
    guard seen.insert(signature).inserted else { return false }
    if order.count < capacity {
      order.append(signature)
    } else {
      // A ring buffer over `order`: overwrite the oldest slot.
      seen.remove(order[head])
      order[head] = signature
      head = (head + 1) % capacity
    }
    return true
  }
}
