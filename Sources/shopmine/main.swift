print("shopmine")
