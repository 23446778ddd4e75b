/// Tables: reading and writing, generating, shaping and describing them, and the table charts.
enum DataPack: VerbPack {
  static let verbs: [VerbSpec] = [
    .load, .save, .generate, .show, .head, .tail, .describe, .schema, .select, .drop, .rename, .where, .derive,
    .sort, .group, .join, .union, .distinct, .fill, .calendar, .normalize, .outliers, .split, .sample, .bin, .pivot,
    .unpivot, .corr, .first, .last, .value,
  ]
  static let plotKinds: [PlotKind] = [.scatter, .hist, .bar, .line, .box, .heatmap]
}
