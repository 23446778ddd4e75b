// swift-tools-version: 6.0
// A tiny CLI that times ShopMineData's CSV load, group by and join for bench/csv_bench.py.
//
// The root package exposes no library product for ShopMineData yet, so this package compiles the module's
// sources through a symlink (Sources/ShopMineData → ../../../Sources/ShopMineData). Once the root
// Package.swift gains `.library(name: "ShopMineData", targets: ["ShopMineData"])`, replace the local
// target with `.package(path: "../..")` and `.product(name: "ShopMineData", package: "ShopMine")`.
import PackageDescription

let package = Package(
  name: "CSVBench",
  targets: [
    .target(name: "ShopMineData"),
    .executableTarget(name: "csvbench", dependencies: ["ShopMineData"]),
  ],
  swiftLanguageModes: [.v6]
)
