extension Array {
  /// An empty array with room for `count` elements.
  ///
  /// The generators append row by row into these rather than filling `count` zeros first: nothing is
  /// written twice, and an interrupted table frees only the rows it made (an array of strings releases
  /// every element when freed, written or not).
  init(reservingCapacity count: Int) {
    self.init()
    reserveCapacity(count)
  }
}
