import Foundation
import JupyterProtocol

/// Packs a ``RenderedChart`` into the MIME bundle a display sends.
///
/// `image/svg+xml` for trusted front ends, `application/vnd.vegalite.v5+json` for interactive
/// renderers, `text/plain` with the one-line description, and `text/html` holding an `<img>` whose
/// source is the SVG as a base64 data URI: JupyterLab does not render `image/svg+xml` in untrusted
/// notebooks (every headlessly executed notebook is untrusted), but its HTML sanitiser keeps `<img>` with
/// a data URI, so the chart shows everywhere. See docs/RENDERING.md.
public enum ChartBundle {
  public static func make(_ rendered: RenderedChart) -> MIMEBundle {
    MIMEBundle(data: [
      "image/svg+xml": .string(rendered.svg),
      "text/plain": .string(rendered.description),
      "application/vnd.vegalite.v5+json": rendered.vegaLite,
      "text/html": .string(imgTag(rendered)),
    ])
  }

  /// `<img src="data:image/svg+xml;base64,…" alt="description">`.
  public static func imgTag(_ rendered: RenderedChart) -> String {
    let base64 = Data(rendered.svg.utf8).base64EncodedString()
    return "<img src=\"data:image/svg+xml;base64,\(base64)\" alt=\"\(Escaping.html(rendered.description))\"/>"
  }
}
