import ShopMineData

/// A language object that stands for a table (an evaluation report, a model comparison): table verbs
/// such as `where`, `sort`, `head` and `save` see its ``table`` while its own display adds context (metric
/// definitions, a chart).
public protocol TableBackedObject: LanguageObject {
  /// The table the object stands for.
  var table: Table { get }
}
