/// A rule measure that can serve as the threshold metric, with mlxtend's names.
public enum RuleMetric: String, Sendable, CaseIterable {
  case antecedentSupport = "antecedent_support"
  case consequentSupport = "consequent_support"
  case support
  case confidence
  case lift
  case leverage
  case conviction
  case zhangsMetric = "zhangs_metric"
  case jaccard
  case certainty
  case kulczynski

  /// Parses a metric name as a user writes it (`lift`, `zhangs_metric`, `antecedent support`…).
  public init?(name: String) {
    let key = String(name.lowercased().map { $0 == " " ? "_" : $0 })
    if let m = RuleMetric(rawValue: key) {
      self = m
    } else if key == "zhang" || key == "zhangs" {
      self = .zhangsMetric
    } else {
      return nil
    }
  }
}

/// Every measure of one rule A → C, computed with mlxtend 0.25's formulas and operation order.
///
/// mlxtend (no missing values, `num_itemsets = n`) computes confidence as `sAC·n / (sA·n)`; the same
/// expression is used here so results agree to the last bit, not just to rounding.
public struct RuleMeasures: Sendable, Equatable {
  public var antecedentSupport: Double
  public var consequentSupport: Double
  public var support: Double
  public var confidence: Double
  public var lift: Double
  public var leverage: Double
  /// `(1 − sC) / (1 − confidence)`, and `+∞` when confidence is 1.
  public var conviction: Double
  public var zhangsMetric: Double
  public var jaccard: Double
  public var certainty: Double
  public var kulczynski: Double

  /// Computes the measures from the three supports and the basket count `n`.
  public init(sAC: Double, sA: Double, sC: Double, n: Double) {
    antecedentSupport = sA
    consequentSupport = sC
    support = sAC
    let confAC = (sAC * n) / (sA * n)
    confidence = confAC
    lift = confAC / sC
    leverage = sAC - sA * sC
    conviction = confAC < 1.0 ? (1.0 - sC) / (1.0 - confAC) : .infinity
    // np.maximum(sAC·(1 − sA), sA·(sC − sAC)); 0 when the denominator is 0.
    let zDenominator = max(sAC * (1 - sA), sA * (sC - sAC))
    zhangsMetric = zDenominator == 0 ? 0 : leverage / zDenominator
    jaccard = sAC / (sA + sC - sAC)
    let certaintyDenominator = 1 - sC
    certainty = certaintyDenominator == 0 ? 0 : (confAC - sC) / certaintyDenominator
    let confCA = (sAC * n) / (sC * n)
    kulczynski = (confAC + confCA) / 2
  }

  /// The value of `metric` for this rule.
  public func value(_ metric: RuleMetric) -> Double {
    switch metric {
    case .antecedentSupport: return antecedentSupport
    case .consequentSupport: return consequentSupport
    case .support: return support
    case .confidence: return confidence
    case .lift: return lift
    case .leverage: return leverage
    case .conviction: return conviction
    case .zhangsMetric: return zhangsMetric
    case .jaccard: return jaccard
    case .certainty: return certainty
    case .kulczynski: return kulczynski
    }
  }
}
