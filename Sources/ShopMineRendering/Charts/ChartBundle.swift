import Foundation
import RichOutput

/// Packs a ``RenderedChart`` into the MIME bundle a display sends.
///
/// Both kinds carry `image/svg+xml` (for nbconvert, GitHub and front ends that render neither of the
/// others) and `text/plain` with the one-line description. Then:
///
/// - **Static** (the default) adds `text/html` holding an `<img>` whose source is the SVG as a base64
///   data URI. JupyterLab does not render `image/svg+xml` in untrusted notebooks (every headlessly
///   executed notebook is untrusted), but its HTML sanitiser keeps `<img>` with a data URI, so the chart
///   shows everywhere; `text/html` (rank 50) outranks SVG (80).
/// - **Interactive** (`set charts interactive`, `plot … interactive`) adds the Vega-Lite spec instead,
///   so JupyterLab (rank 57, ahead of SVG; its Vega renderer counts as safe, so untrusted notebooks draw
///   it too) and VS Code show the Vega-Lite view: zoom, pan, tooltips.
///
/// Each carries one of the two on purpose: VS Code sorts MIME types missing from its display order list
/// *ahead* of `text/html`, so a static bundle with a Vega-Lite spec would show the interactive view there,
/// and an interactive one with the `<img>` would show the picture in JupyterLab. See docs/RENDERING.md.
public enum ChartBundle {
  /// The MIME types of a static chart bundle and of an interactive one, sorted.
  public static let staticTypes = ["image/svg+xml", "text/html", "text/plain"]
  public static let interactiveTypes = ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]

  public static func make(_ rendered: RenderedChart, interactive: Bool = false) -> MIMEBundle {
    var data: [String: JSONValue] = [
      "image/svg+xml": .string(rendered.svg),
      "text/plain": .string(rendered.description),
    ]
    if interactive {
      data["application/vnd.vegalite.v5+json"] = rendered.vegaLite
    } else {
      data["text/html"] = .string(imgTag(rendered))
    }
    return MIMEBundle(data: data)
  }

  /// `<img src="data:image/svg+xml;base64,…" alt="description">`.
  public static func imgTag(_ rendered: RenderedChart) -> String {
    let base64 = Data(rendered.svg.utf8).base64EncodedString()
    return "<img src=\"data:image/svg+xml;base64,\(base64)\" alt=\"\(Escaping.html(rendered.description))\"/>"
  }
}
