/// Review sentences whose words carry the rating, in English and Chinese.
///
/// A review is an opener and a detail chosen for its rating (the detail comes from a neighbouring rating
/// 15 % of the time, so the text is informative but not a lookup table), sometimes followed by a neutral
/// remark. Chinese reviews use CJK sentiment words (好, 满意, 推荐 / 差, 失望, 退款).
enum ReviewText {
  /// `english[rating − 1]`: (openers, details).
  static let english: [(openers: [String], details: [String])] = [
    (
      ["Terrible product.", "Awful, completely useless.", "Worst purchase ever.", "Very poor quality."],
      ["It broke on arrival.", "I asked for a refund.", "Do not buy this.", "Total waste of money."]
    ),
    (
      ["Disappointed with it.", "Poor quality.", "Not worth the money.", "Rather cheap and flimsy."],
      ["Delivery was slow.", "It stopped working after a week.", "Would not buy again.", "Smaller than described."]
    ),
    (
      ["It is okay.", "Average quality.", "Nothing special.", "Acceptable for the price."],
      ["It does the job.", "Neither good nor bad.", "Delivery was on time.", "Looks as described."]
    ),
    (
      ["Good product overall.", "Pretty nice quality.", "Happy with this purchase.", "Works well."],
      ["Delivery was quick.", "Worth the price.", "Minor flaws but still good.", "I would recommend it."]
    ),
    (
      ["Absolutely love it!", "Excellent quality.", "Perfect, exactly as described.", "Fantastic value!"],
      ["Super fast delivery.", "Would definitely buy again.", "Highly recommend to everyone.", "Works wonderfully."]
    ),
  ]

  /// `chinese[rating − 1]`: (openers, details).
  static let chinese: [(openers: [String], details: [String])] = [
    (["非常差", "质量太差", "完全是垃圾", "最差的一次购物"], ["完全不能用", "已经申请退款", "千万别买", "浪费钱"]),
    (["有点失望", "质量不好", "不值这个价", "做工粗糙"], ["发货太慢", "用了一周就坏了", "不会再买", "和描述不符"]),
    (["一般般", "还行吧", "中规中矩", "没什么特别"], ["能用", "不好不坏", "物流正常", "和图片差不多"]),
    (["挺好的", "质量不错", "比较满意", "好用"], ["物流很快", "性价比高", "小瑕疵但还好", "推荐购买"]),
    (["非常满意", "质量很好", "超级喜欢", "太棒了"], ["物流超快", "还会回购", "强烈推荐", "非常好用"]),
  ]

  static let englishRemarks = ["Bought it as a gift.", "Used it for two weeks.", "Second order from this shop."]
  static let chineseRemarks = ["送给朋友的", "用了两周", "第二次购买"]

  /// The share of reviews written in Chinese.
  static let chineseShare = 0.15

  /// A compact key for one text, so equal texts share one dictionary entry without building a `String`
  /// per row: language, rating, opener, detail rating, detail, remark (0 = none).
  static func key(
    chinese: Bool, rating: Int, opener: Int, detailRating: Int, detail: Int, remark: Int
  ) -> Int {
    ((((((chinese ? 1 : 0) * 5 + rating - 1) * 4 + opener) * 5 + detailRating - 1) * 4 + detail) * 4) + remark
  }

  /// Draws the parts of one review text for `rating` and returns its key.
  static func draw(rating: Int, _ rng: inout Xoshiro256StarStar) -> Int {
    let isChinese = rng.chance(chineseShare)
    let opener = rng.nextInt(below: 4)
    var detailRating = rating
    if rng.chance(0.15) {
      detailRating = rating == 1 ? 2 : (rating == 5 ? 4 : rating + (rng.chance(0.5) ? 1 : -1))
    }
    let detail = rng.nextInt(below: 4)
    let remark = rng.chance(0.3) ? 1 + rng.nextInt(below: 3) : 0
    return key(
      chinese: isChinese, rating: rating, opener: opener, detailRating: detailRating, detail: detail, remark: remark)
  }

  /// The text for a key made by ``key(chinese:rating:opener:detailRating:detail:remark:)``.
  static func text(forKey key: Int) -> String {
    var k = key
    let remark = k % 4
    k /= 4
    let detail = k % 4
    k /= 4
    let detailRating = k % 5 + 1
    k /= 5
    let opener = k % 4
    k /= 4
    let rating = k % 5 + 1
    k /= 5
    if k == 1 {
      var text = chinese[rating - 1].openers[opener] + "，" + chinese[detailRating - 1].details[detail] + "。"
      if remark > 0 { text += chineseRemarks[remark - 1] + "。" }
      return text
    }
    var text = english[rating - 1].openers[opener] + " " + english[detailRating - 1].details[detail]
    if remark > 0 { text += " " + englishRemarks[remark - 1] }
    return text
  }
}
