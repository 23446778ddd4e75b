import ShopMineData

/// One input: a CSV file. The first byte picks the options (separator, header, sample size, threads) so
/// libFuzzer explores them too; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let control = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
  let options = CSVReadOptions(
    separator: separators[Int(control & 3)], header: control & 4 == 0,
    sampleRows: control & 8 == 0 ? 1000 : 2, threads: control & 16 == 0 ? 1 : 3)
  guard let table = try? CSVReader.parse(bytes: bytes, options: options) else { return 0 }
  // Every cell the reader produced must be readable.
  for column in table.columns {
    for row in 0..<min(table.rowCount, 64) { _ = column[row] }
  }
  return 0
}
