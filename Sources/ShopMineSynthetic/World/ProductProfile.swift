import Foundation

/// Everything the generator knows about one product: catalogue columns and hidden appeal.
///
/// A pure function of (seed, product id): `generate products 500 seed 3` describes exactly the products
/// that `generate orders … seed 3` sells.
struct ProductProfile: Sendable {
  var category: Int
  var name: String
  var price: Double
  var cost: Double
  var stock: Int64
  /// Overall appeal (log-normal), shared by every taste.
  var popularity: Double
  /// The product's position in taste space; tastes prefer products whose vector points their way.
  var vector: [Double]
  /// Added to every rating the product receives.
  var ratingBias: Double
  var isBundled: Bool

  /// Dimensions of the taste space.
  static let dimensions = 4

  init(id: Int64, seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed, stream: .product, index: UInt64(bitPattern: id))
    let categories = SyntheticShop.categories
    let adjectiveDraw = rng.nextInt(below: 1 << 20)
    let nounDraw = rng.nextInt(below: 1 << 20)
    let categoryDraw = rng.nextDouble()
    if let fixed = SyntheticShop.bundleProduct(id: id), let index = SyntheticShop.categoryIndex(fixed.category) {
      category = index
      name = fixed.name
      isBundled = true
    } else {
      var cumulative = 0.0
      var chosen = categories.count - 1
      for (k, c) in categories.enumerated() {
        cumulative += c.share
        if categoryDraw < cumulative {
          chosen = k
          break
        }
      }
      category = chosen
      let c = categories[chosen]
      name = c.adjectives[adjectiveDraw % c.adjectives.count] + " " + c.nouns[nounDraw % c.nouns.count]
      isBundled = false
    }
    let reference = categories[category].referencePrice
    price = Swift.max(0.01, rounded(reference * exp(rng.nextNormal(mean: 0, sd: PriceModel.productPriceSD)), places: 2))
    cost = Swift.max(0.01, rounded(price * rng.nextDouble(in: 0.45, 0.70), places: 2))
    // Negative binomial stock (a Gamma-mixed Poisson): most products in stock, a few sold out.
    stock = Int64(rng.nextPoisson(rng.nextGamma(shape: 1.5) * 80))

    var latent = Xoshiro256StarStar(seed: seed, stream: .productLatent, index: UInt64(bitPattern: id))
    let appeal = latent.nextNormal()
    popularity = exp(0.7 * appeal)
    vector = (0..<ProductProfile.dimensions).map { _ in latent.nextNormal() }
    // Popular products are rated a little higher, as on real shops; the rest of the bias is the product's own.
    ratingBias = 0.25 * appeal + latent.nextNormal(mean: 0, sd: 0.2)
  }
}
