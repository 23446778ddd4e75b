import RichOutput
import ShopMineData

/// A model's summary display: a title and sections of key–value pairs, small tables, charts and text.
public struct SummaryDocument: Sendable, Hashable {
  /// One block inside a section.
  public enum Block: Sendable, Hashable {
    /// Aligned `key: value` lines (HTML: a two-column table).
    case keyValues([(String, Value)])
    case table(Table, title: String?)
    case chart(RenderedChart)
    case text(String)

    public static func == (a: Block, b: Block) -> Bool {
      switch (a, b) {
      case (.keyValues(let x), .keyValues(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
      case (.table(let x, let s), .table(let y, let t)): return x == y && s == t
      case (.chart(let x), .chart(let y)): return x == y
      case (.text(let x), .text(let y)): return x == y
      default: return false
      }
    }

    public func hash(into hasher: inout Hasher) {
      switch self {
      case .keyValues(let pairs):
        for (k, v) in pairs {
          hasher.combine(k)
          hasher.combine(v)
        }
      case .table(let t, let s):
        hasher.combine(t)
        hasher.combine(s)
      case .chart(let c): hasher.combine(c)
      case .text(let s): hasher.combine(s)
      }
    }
  }

  public struct Section: Sendable, Hashable {
    public var heading: String?
    public var blocks: [Block]
    public init(heading: String? = nil, blocks: [Block]) {
      self.heading = heading
      self.blocks = blocks
    }
  }

  public var title: String
  public var sections: [Section]

  public init(title: String, sections: [Section]) {
    self.title = title
    self.sections = sections
  }
}

/// Renders a ``SummaryDocument`` as `text/plain`, `text/html` and ``ShopMineMIME/summary``.
public enum SummaryRenderer {
  public static func bundle(_ document: SummaryDocument, options: TableOptions = .default) -> MIMEBundle {
    MIMEBundle(data: [
      "text/plain": .string(plainText(document, options: options)),
      "text/html": .string(html(document, options: options)),
      ShopMineMIME.summary: json(document, options: options),
    ])
  }

  public static func plainText(_ document: SummaryDocument, options: TableOptions = .default) -> String {
    var lines = [document.title, String(repeating: "=", count: max(3, DisplayWidth.of(document.title)))]
    for section in document.sections {
      lines.append("")
      if let heading = section.heading {
        lines.append(heading)
        lines.append(String(repeating: "-", count: max(3, DisplayWidth.of(heading))))
      }
      for block in section.blocks {
        switch block {
        case .keyValues(let pairs):
          let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
          for (key, value) in pairs {
            lines.append(
              DisplayWidth.pad(key + ":", to: width + 1, rightAlign: false) + " "
                + ValueRenderer.readable(value, precision: options.precision))
          }
        case .table(let table, let title):
          var o = options
          o.title = title
          lines.append(TableRenderer.plainText(table, options: o))
        case .chart(let chart):
          lines.append("[chart: \(chart.description)]")
        case .text(let text):
          lines.append(text)
        }
      }
    }
    return lines.joined(separator: "\n")
  }

  public static func html(_ document: SummaryDocument, options: TableOptions = .default) -> String {
    var out = "<div>\n<h3>\(Escaping.html(document.title))</h3>\n"
    for section in document.sections {
      if let heading = section.heading { out += "<h4>\(Escaping.html(heading))</h4>\n" }
      for block in section.blocks {
        switch block {
        case .keyValues(let pairs):
          out += "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tbody>\n"
          for (key, value) in pairs {
            let right = value.columnType?.isNumeric ?? false
            out +=
              "<tr><th align=\"left\">\(Escaping.html(key))</th><td align=\"\(right ? "right" : "left")\">"
              + Escaping.html(ValueRenderer.readable(value, precision: options.precision)) + "</td></tr>\n"
          }
          out += "</tbody>\n</table>\n"
        case .table(let table, let title):
          var o = options
          o.title = title
          out += TableRenderer.html(table, options: o) + "\n"
        case .chart(let chart):
          out += "<div>" + ChartBundle.imgTag(chart) + "</div>\n"
        case .text(let text):
          out += "<p>\(InlineMarkdown.html(text))</p>\n"
        }
      }
    }
    return out + "</div>"
  }

  /// `{"title", "sections": [{"heading", "blocks": [{"kind": "key_values"|"table"|"chart"|"text", …}]}]}`.
  public static func json(_ document: SummaryDocument, options: TableOptions = .default) -> JSONValue {
    .object([
      "title": .string(document.title),
      "sections": .array(
        document.sections.map { section in
          .object([
            "heading": section.heading.map(JSONValue.string) ?? .null,
            "blocks": .array(
              section.blocks.map { block -> JSONValue in
                switch block {
                case .keyValues(let pairs):
                  return .object([
                    "kind": "key_values",
                    "pairs": .array(pairs.map { .array([.string($0.0), TableRenderer.jsonCell($0.1)]) }),
                  ])
                case .table(let table, let title):
                  return .object([
                    "kind": "table", "title": title.map(JSONValue.string) ?? .null,
                    "table": TableRenderer.json(table, options: options),
                  ])
                case .chart(let chart):
                  return .object([
                    "kind": "chart", "description": .string(chart.description), "vega_lite": chart.vegaLite,
                  ])
                case .text(let text):
                  return .object(["kind": "text", "text": .string(text)])
                }
              }),
          ])
        }),
    ])
  }
}
