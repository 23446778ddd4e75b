/// A planted product bundle: products bought together in one basket.
///
/// Each bundle is added, whole, to a fixed share of orders (``SyntheticShop/bundleOrderShare`` split
/// evenly), and its products are otherwise rare, so with 20,000 order lines and support 0.01 the bundles'
/// rules are the top rules by lift.
public struct ProductBundle: Sendable, Hashable {
  /// The product ids of the bundle, ascending.
  public let productIDs: [Int64]
  /// The fixed names of those products, in the same order.
  public let names: [String]
  /// The fixed categories of those products, in the same order.
  public let categories: [String]
}

extension SyntheticShop {
  /// The planted bundles. Their products have fixed names and categories for every seed.
  public static let bundles: [ProductBundle] = [
    ProductBundle(
      productIDs: [11, 12, 13], names: ["Pour-Over Coffee Kettle", "Ceramic Coffee Dripper", "Arabica Coffee Beans"],
      categories: ["home", "home", "food"]),
    ProductBundle(productIDs: [27, 28], names: ["Yoga Mat", "Yoga Block"], categories: ["sports", "sports"]),
    ProductBundle(
      productIDs: [42, 43], names: ["Wireless Earbuds", "Earbud Silicone Case"],
      categories: ["electronics", "electronics"]),
    ProductBundle(
      productIDs: [64, 65], names: ["Children's Picture Book Set", "Crayon Box 48 Colors"],
      categories: ["books", "toys"]),
    ProductBundle(
      productIDs: [88, 89, 90], names: ["Facial Cleanser", "Hydrating Toner", "Night Cream"],
      categories: ["beauty", "beauty", "beauty"]),
    ProductBundle(
      productIDs: [120, 121], names: ["Running Shoes", "Sports Socks 3-Pack"], categories: ["sports", "clothing"]),
  ]

  /// The share of orders that contain a bundle (each bundle gets an equal part of it).
  public static let bundleOrderShare = 0.18

  /// The fixed (name, category) of a bundle product, or `nil` for other ids.
  static func bundleProduct(id: Int64) -> (name: String, category: String)? {
    for bundle in bundles {
      if let k = bundle.productIDs.firstIndex(of: id) { return (bundle.names[k], bundle.categories[k]) }
    }
    return nil
  }
}
