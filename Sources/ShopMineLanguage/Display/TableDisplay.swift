import JupyterProtocol
import ShopMineData
import ShopMineRendering

/// The display of a table: the rendering module's bundle with the session's display settings.
enum TableDisplay {
  static func bundle(_ table: Table, _ options: DisplayOptions) -> MIMEBundle {
    TableRenderer.bundle(table, options: options.tableOptions())
  }
}
