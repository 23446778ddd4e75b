import ShopMineData

extension SyntheticShop {
  /// The users table: `user_id` 1…`count`, demographics, the five behaviour features, `churned` and the
  /// planted `segment`. Complete (no missing values).
  ///
  /// Row `i` depends only on the seed and its id, so smaller tables are prefixes of larger ones.
  public static func users(count: Int, seed: Int64, cancellation: Cancellation = .none) throws(TableError) -> Table {
    try validate("users", count: count)
    let key = UInt64(bitPattern: seed)
    var ids = [Int64](reservingCapacity: count)
    var age = [Int64](reservingCapacity: count)
    var gender = [Int32](reservingCapacity: count)
    var city = [Int32](reservingCapacity: count)
    var signup = [Int64](reservingCapacity: count)
    var browse = [Double](reservingCapacity: count)
    var freq = [Double](reservingCapacity: count)
    var spend = [Double](reservingCapacity: count)
    var reviewCount = [Int64](reservingCapacity: count)
    var rating = [Double](reservingCapacity: count)
    var churned = [Bool](reservingCapacity: count)
    var segment = [Int32](reservingCapacity: count)
    for i in 0..<count {
      if i & 0x3FFF == 0 { try cancellation.check() }
      let user = UserProfile(id: Int64(i + 1), seed: key)
      ids.append(Int64(i + 1))
      age.append(user.age)
      gender.append(user.genderCode)
      city.append(user.cityCode)
      signup.append(user.signupDate)
      browse.append(user.browseTime)
      freq.append(user.purchaseFreq)
      spend.append(user.spend)
      reviewCount.append(user.reviewCount)
      rating.append(user.rating)
      churned.append(user.churned)
      segment.append(Int32(user.segment))
    }
    return Table(
      uncheckedColumns: [
        Column(name: "user_id", ints: ids),
        Column(name: "age", ints: age),
        StringColumns.make(name: "gender", codes: gender, vocabulary: UserProfile.genders),
        StringColumns.make(name: "city", codes: city, vocabulary: Cities.names),
        Column(name: "signup_date", timestamps: signup),
        Column(name: "browse_time", floats: browse),
        Column(name: "purchase_freq", floats: freq),
        Column(name: "spend", floats: spend),
        Column(name: "review_count", ints: reviewCount),
        Column(name: "rating", floats: rating),
        Column(name: "churned", bools: churned),
        StringColumns.make(name: "segment", codes: segment, vocabulary: segments.map(\.name)),
      ], rowCount: count)
  }

  /// The products table: `product_id` 1…`count`, a readable `name`, `category`, `price`, `cost`, `stock`.
  ///
  /// Bundle products (``bundles``) keep their fixed names and categories for every seed. Prefix-stable.
  /// Written column by column, one profile at a time (a profile array held 5 million latent vectors at
  /// once for `generate products 5000000`), and stoppable.
  public static func products(count: Int, seed: Int64, cancellation: Cancellation = .none) throws(TableError) -> Table {
    try validate("products", count: count)
    let key = UInt64(bitPattern: seed)
    var ids = [Int64](reservingCapacity: count)
    var names = [String](reservingCapacity: count)
    var category = [Int32](reservingCapacity: count)
    var price = [Double](reservingCapacity: count)
    var cost = [Double](reservingCapacity: count)
    var stock = [Int64](reservingCapacity: count)
    for i in 0..<count {
      if i & 0xFFF == 0 { try cancellation.check() }
      let product = ProductProfile(id: Int64(i + 1), seed: key)
      ids.append(Int64(i + 1))
      names.append(product.name)
      category.append(Int32(product.category))
      price.append(product.price)
      cost.append(product.cost)
      stock.append(product.stock)
    }
    return Table(
      uncheckedColumns: [
        Column(name: "product_id", ints: ids),
        Column(name: "name", strings: names),
        StringColumns.make(name: "category", codes: category, vocabulary: categories.map(\.name)),
        Column(name: "price", floats: price),
        Column(name: "cost", floats: cost),
        Column(name: "stock", ints: stock),
      ], rowCount: count)
  }
}
