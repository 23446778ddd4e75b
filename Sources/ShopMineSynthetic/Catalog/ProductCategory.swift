/// A product category with its planted constant price elasticity and price level.
///
/// Order-line quantities follow `ln Q = a + ε · ln(P / referencePrice) + noise`, so an OLS fit of `ln Q` on
/// `ln P` within the category recovers ``elasticity`` (see docs/DATA.md).
public struct ProductCategory: Sendable, Hashable {
  /// The category name as it appears in the `category` columns.
  public let name: String
  /// The planted constant price elasticity ε (quantity ∝ price^ε).
  public let elasticity: Double
  /// The typical (median) unit price in yuan.
  public let referencePrice: Double
  /// The share of the catalogue in this category (products are drawn with these weights).
  public let share: Double
  /// Product-name parts: a name is "<adjective> <noun>".
  let adjectives: [String]
  let nouns: [String]

  /// The intercept `a` of the demand curve: the median log-quantity at the reference price.
  ///
  /// 3.2 standard deviations of the log-quantity above zero, so that fewer than about 0.1 % of lines
  /// would want a quantity below one (clipping those to 1 is the only bias in the planted elasticity).
  public var logQuantityIntercept: Double {
    let sd =
      (elasticity * elasticity * PriceModel.logPriceVariance + PriceModel.quantityNoiseSD * PriceModel.quantityNoiseSD)
      .squareRoot()
    return 3.2 * sd
  }
}

/// Constants of the price and quantity model shared by products and order lines.
public enum PriceModel {
  /// Standard deviation of a product's log base price around its category's reference price.
  public static let productPriceSD = 0.15
  /// Standard deviation of the log discount of one order line against the product's base price.
  public static let lineDiscountSD = 0.12
  /// Standard deviation of the noise in `ln Q` beyond the price effect.
  public static let quantityNoiseSD = 0.2
  /// Variance of a line's log price within a category.
  public static var logPriceVariance: Double {
    productPriceSD * productPriceSD + lineDiscountSD * lineDiscountSD
  }
}

extension SyntheticShop {
  /// The product categories in their fixed order, with their planted elasticities.
  ///
  /// `food` is deliberately inelastic (ε > −1): it has no interior revenue optimum.
  public static let categories: [ProductCategory] = [
    ProductCategory(
      name: "books", elasticity: -1.8, referencePrice: 45, share: 0.16,
      adjectives: ["Illustrated", "Classic", "Pocket", "Hardcover", "Annotated", "Complete", "Modern", "Essential"],
      nouns: [
        "Cookbook", "Travel Guide", "Mystery Novel", "Poetry Collection", "History of China", "Python Handbook",
        "Sci-Fi Anthology", "Children's Atlas", "Business Strategy Book", "Calligraphy Primer",
      ]),
    ProductCategory(
      name: "electronics", elasticity: -2.5, referencePrice: 260, share: 0.14,
      adjectives: ["Wireless", "Portable", "Smart", "Compact", "Fast-Charging", "Noise-Cancelling", "Mini", "Pro"],
      nouns: [
        "Bluetooth Speaker", "Power Bank", "USB-C Hub", "Mechanical Keyboard", "Webcam", "Smart Plug",
        "Fitness Band", "Wireless Mouse", "Desk Charger", "E-Reader Cover",
      ]),
    ProductCategory(
      name: "clothing", elasticity: -1.5, referencePrice: 120, share: 0.16,
      adjectives: ["Cotton", "Linen", "Slim-Fit", "Oversized", "Wool", "Vintage", "Striped", "Hooded"],
      nouns: ["T-Shirt", "Shirt", "Jacket", "Sweater", "Jeans", "Dress", "Scarf", "Hoodie", "Skirt", "Cap"]),
    ProductCategory(
      name: "home", elasticity: -1.3, referencePrice: 90, share: 0.14,
      adjectives: ["Bamboo", "Ceramic", "Glass", "Oak", "Stainless", "Nordic", "Woven", "Minimalist"],
      nouns: [
        "Desk Lamp", "Storage Box", "Cutting Board", "Tea Set", "Wall Clock", "Plant Pot", "Cushion",
        "Bath Towel", "Photo Frame", "Water Bottle",
      ]),
    ProductCategory(
      name: "beauty", elasticity: -1.2, referencePrice: 80, share: 0.10,
      adjectives: ["Hydrating", "Gentle", "Herbal", "Brightening", "Organic", "Rose", "Green Tea", "Aloe"],
      nouns: [
        "Face Mask", "Serum", "Lip Balm", "Sunscreen", "Shampoo", "Hand Cream", "Body Lotion", "Eye Cream",
        "Cleansing Oil", "Perfume",
      ]),
    ProductCategory(
      name: "sports", elasticity: -2.0, referencePrice: 150, share: 0.10,
      adjectives: ["Lightweight", "Pro", "Foldable", "Adjustable", "Breathable", "Trail", "Training", "Outdoor"],
      nouns: [
        "Dumbbell Set", "Jump Rope", "Badminton Racket", "Basketball", "Cycling Gloves", "Hiking Backpack",
        "Resistance Bands", "Table Tennis Paddle", "Swim Goggles", "Camping Chair",
      ]),
    ProductCategory(
      name: "toys", elasticity: -1.6, referencePrice: 70, share: 0.08,
      adjectives: ["Wooden", "Magnetic", "Plush", "Remote-Control", "Educational", "Musical", "Giant", "Mini"],
      nouns: [
        "Building Blocks", "Puzzle", "Panda Plush", "Race Car", "Dinosaur Set", "Kite", "Board Game",
        "Robot Kit", "Doll House", "Train Set",
      ]),
    ProductCategory(
      name: "food", elasticity: -0.7, referencePrice: 25, share: 0.12,
      adjectives: ["Spicy", "Organic", "Roasted", "Premium", "Sichuan", "Dried", "Honey", "Jasmine"],
      nouns: [
        "Green Tea", "Instant Noodles", "Sunflower Seeds", "Mooncakes", "Chili Sauce", "Rice 5kg", "Walnuts",
        "Oolong Tea", "Dumplings", "Beef Jerky",
      ]),
  ]

  /// The planted elasticity of the category called `name`, or `nil` for an unknown category.
  public static func elasticity(of name: String) -> Double? {
    categories.first { $0.name == name }?.elasticity
  }

  /// Index of a category by name in ``categories``.
  static func categoryIndex(_ name: String) -> Int? {
    categories.firstIndex { $0.name == name }
  }
}
