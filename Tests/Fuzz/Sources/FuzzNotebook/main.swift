import JupyterProtocol
import ShopMineNotebook

/// One input: the bytes of a `.ipynb` file, read as `NotebookFile.read` reads one; a notebook that parses
/// is written back in Jupyter's layout, must read again, and must then write the very same bytes (what the
/// writer escapes and splits into lines, the reader restores).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let json = try? JSONParser().parse(bytes), let notebook = try? Notebook(json: json) else { return 0 }
  let written = NotebookFile.serialize(notebook)
  guard let again = try? JSONParser().parse(written), let reread = try? Notebook(json: again) else {
    fatalError("a notebook written by NotebookFile.serialize does not read back")
  }
  guard NotebookFile.serialize(reread) == written else {
    fatalError("a notebook read back from its own bytes writes different bytes")
  }
  return 0
}
