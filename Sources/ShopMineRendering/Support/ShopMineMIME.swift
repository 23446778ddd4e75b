/// The vendor MIME types under which displays carry their machine-readable form.
///
/// Never plain `application/json`: JupyterLab's JSON viewer ranks ahead of `text/html`, so a bundle with
/// `application/json` shows as a collapsible JSON tree instead of the table. No front end renders these
/// vendor types by default, so the HTML wins everywhere while clients and tests still read the data.
/// The schemas are in docs/RENDERING.md ("Machine-readable forms"); a new major shape gets a new version.
public enum ShopMineMIME {
  /// `{"columns", "types", "rows", "total_rows"}`: every table display.
  public static let table = "application/vnd.shopmine.table.v1+json"
  /// `{"title", "sections"}`: summary documents (RFM, profiles, elasticity, traces, trees).
  public static let summary = "application/vnd.shopmine.summary.v1+json"
  /// `{"kind", …}`: a fitted model or a charted result; `summary` holds its document, `model` its file's numbers.
  public static let model = "application/vnd.shopmine.model.v1+json"
  /// `{"user", "model", "known_user", "items"}`: one user's recommendation list.
  public static let recommendations = "application/vnd.shopmine.recommendations.v1+json"
}
