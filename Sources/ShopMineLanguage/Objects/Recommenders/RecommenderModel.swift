import JupyterProtocol
import ShopMineData
import ShopMineRecommenders
import ShopMineRendering

/// The columns a recommender was trained on, so `evaluate`, `predict` and `recommend` can read other
/// tables with the same names.
public struct TrainingColumns: Sendable, Hashable, Codable {
  public var user: String
  public var item: String
  /// The value column, if any.
  public var value: String?
  /// Whether ``value`` holds explicit ratings (`rating …`) rather than implicit weights (`weight …`).
  public var isRating: Bool

  public init(user: String, item: String, value: String? = nil, isRating: Bool = false) {
    self.user = user
    self.item = item
    self.value = value
    self.isRating = isRating
  }
}

/// A fitted recommender as a language value: `recommend`, `similar`, `predict`, `evaluate`, `compare` and
/// `save` work on it; its display is a short summary of the model and its training data.
public struct RecommenderModel: LanguageObject {
  public var model: any Recommender
  /// The model as a rating predictor (a capability of SVD and the kNN models), or `nil`.
  var ratingPredictor: (any RatingPredictor)? { model as? any RatingPredictor }
  public var columns: TrainingColumns

  public init(model: any Recommender, columns: TrainingColumns) {
    self.model = model
    self.columns = columns
  }

  public var kind: String { "\(model.kind.rawValue) recommender" }

  public var shape: String {
    "\(model.data.userCount) users × \(model.data.itemCount) items"
  }

  /// What the model is, in words (`implicit ALS`, `item-kNN (cosine)`).
  var title: String { model.title }

  /// The model's settings as (name, value) pairs, in a fixed order.
  var parameters: [(String, String)] {
    func n(_ d: Double, _ decimals: Int = 6) -> String { DecimalFormat.trimmed(d, maxDecimals: decimals) }
    return model.settings.map { setting in
      switch setting.value {
      case .int(let i): return (setting.name, "\(i)")
      case .number(let d, let decimals): return (setting.name, n(d, decimals))
      case .range(let lo, let hi): return (setting.name, "\(n(lo))…\(n(hi))")
      case .text(let t): return (setting.name, t)
      }
    }
  }

  /// Training data in words: columns and counts.
  var trainedOn: [(String, String)] {
    let data = model.data
    var rows: [(String, String)] = [
      ("users", DecimalFormat.groupThousands(String(data.userCount))),
      ("items", DecimalFormat.groupThousands(String(data.itemCount))),
      ("interactions", DecimalFormat.groupThousands(String(data.nonzeroCount))),
      (
        "columns",
        "user \(columns.user), item \(columns.item)"
          + (columns.value.map { ", \(columns.isRating ? "rating" : "weight") \($0)" } ?? "")
      ),
    ]
    if data.userCount > 0, data.itemCount > 0 {
      let density = Double(data.nonzeroCount) / (Double(data.userCount) * Double(data.itemCount))
      rows.append(("density", DecimalFormat.trimmed(density * 100, maxDecimals: 3) + "%"))
    }
    return rows
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let rows = parameters + trainedOn
    let width = rows.map(\.0.count).max() ?? 0
    var text = "\(kind): \(title)\n"
    for (name, value) in rows {
      text += "  " + name + String(repeating: " ", count: width - name.count) + "  " + value + "\n"
    }
    text.removeLast()
    var html = "<div class=\"shopmine-model\"><p><strong>\(Escaping.html(kind))</strong>: \(Escaping.html(title))</p>"
    html += "<table><tbody>"
    for (name, value) in rows {
      html +=
        "<tr><th style=\"text-align:left\">\(Escaping.html(name))</th><td style=\"text-align:left\">\(Escaping.html(value))</td></tr>"
    }
    html += "</tbody></table></div>"
    var json: [String: JSONValue] = ["kind": .string(model.kind.rawValue), "title": .string(title)]
    var params: [String: JSONValue] = [:]
    for (name, value) in rows { params[name] = .string(value) }
    json["parameters"] = .object(params)
    return MIMEBundle(data: [
      "text/plain": .string(text), "text/html": .string(html), ShopMineMIME.model: .object(json),
    ])
  }
}
