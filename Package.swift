// swift-tools-version: 6.0
// ShopMine — a native Swift Jupyter kernel and scripting host for e-commerce data mining.
// The layering (nothing reaches up) is described in docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
  name: "ShopMine",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "shopmine", targets: ["shopmine"]),
    // Libraries for the benchmark drivers in bench/, which depend on this package by path.
    .library(name: "ShopMineData", targets: ["ShopMineData"]),
    .library(name: "ShopMineSources", targets: ["ShopMineSources"]),
    .library(name: "ShopMineSynthetic", targets: ["ShopMineSynthetic"]),
    .library(name: "ShopMineLearning", targets: ["ShopMineLearning"]),
    .library(name: "ShopMineRules", targets: ["ShopMineRules"]),
    .library(name: "ShopMineRecommenders", targets: ["ShopMineRecommenders"]),
    .library(name: "ShopMineInsights", targets: ["ShopMineInsights"]),
    // For the libFuzzer targets in Tests/Fuzz, which depend on this package by path.
    .library(name: "RichOutput", targets: ["RichOutput"]),
    .library(name: "JupyterProtocol", targets: ["JupyterProtocol"]),
    .library(name: "ShopMineLanguage", targets: ["ShopMineLanguage"]),
    .library(name: "ShopMineNotebook", targets: ["ShopMineNotebook"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // C at the edge: libzmq through pkg-config, wrapped once by `ZeroMQ`. Debian's libzmq.pc pulls in
    // krb5-gssapi's `-isystem /usr/include/mit-krb5`, which SwiftPM drops with a "prohibited flag" warning;
    // nothing needs it (zmq.h includes no Kerberos header). pkg-config stays for Homebrew's include path.
    .systemLibrary(
      name: "CZeroMQ",
      pkgConfig: "libzmq",
      providers: [.apt(["libzmq3-dev"]), .brew(["zeromq"])]
    ),
    .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
    // Pure value types of the Jupyter messaging protocol and the kernel ↔ language seam.
    // JSON values and MIME bundles: what a rich output is, without the wire (so charts and tables do not
    // pull in swift-crypto).
    .target(name: "RichOutput"),
    .target(
      name: "JupyterProtocol",
      dependencies: ["RichOutput", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The language-agnostic kernel server: sockets, threads, ordering, history.
    .target(name: "JupyterKernel", dependencies: ["ZeroMQ", "JupyterProtocol"]),
    // zlib (Debian's zlib1g-dev) for gzip-compressed data files.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    // Snappy and zstd (Debian's libsnappy-dev, libzstd-dev) for Parquet pages and zstd-compressed files.
    .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"]), .brew(["snappy"])]),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
    // Columnar tables, CSV, JSON and Parquet, table verbs, statistics.
    .target(name: "ShopMineData", dependencies: ["CZlib", "CSnappy", "CZstd"]),
    // SQLite from the system (Debian's libsqlite3-dev), for `connect "sqlite:…"`.
    .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
    // Databases: connections, remote tables' SQL (one compiler, a dialect per database), reading and writing.
    // PostgreSQL through vapor/postgres-nio (SCRAM and md5 auth, TLS through NIOSSL, cancel requests).
    .target(
      name: "ShopMineSources",
      dependencies: ["ShopMineData", "CSQLite", .product(name: "PostgresNIO", package: "postgres-nio")]
    ),
    // Synthetic shop data with planted structure (users, products, orders, reviews, events).
    .target(name: "ShopMineSynthetic", dependencies: ["ShopMineData"]),
    // Models: pure compute on tables, each family in its own module.
    // Hot numeric loops in C (Lloyd's assignment, ALS's conjugate gradient), compiled for AVX2 and for
    // baseline x86-64 and chosen at run time.
    .target(name: "CShopMineKernels"),
    // Clustering, classification and their metrics.
    .target(name: "ShopMineLearning", dependencies: ["ShopMineData", "CShopMineKernels"]),
    // Frequent itemsets and association rules.
    .target(name: "ShopMineRules", dependencies: ["ShopMineData"]),
    // Recommenders and ranking metrics.
    .target(name: "ShopMineRecommenders", dependencies: ["ShopMineData", "CShopMineKernels"]),
    // Applications: RFM profiling, price elasticity and optimisation, anomaly detection (risk).
    .target(name: "ShopMineInsights", dependencies: ["ShopMineData"]),
    // MIME bundles: text/HTML/JSON tables, SVG charts, Vega-Lite specs, progress bars.
    .target(name: "ShopMineRendering", dependencies: ["ShopMineData", "RichOutput"]),
    // Lexer → parser → evaluator, diagnostics, completion, help; the Session.
    .target(
      name: "ShopMineLanguage",
      dependencies: [
        "ShopMineData", "ShopMineSynthetic", "ShopMineLearning", "ShopMineRules", "ShopMineRecommenders",
        "ShopMineInsights", "ShopMineRendering", "ShopMineSources", "JupyterProtocol",
      ],
      resources: [.copy("Help")]
    ),
    // nbformat model, headless runner, HTML report.
    .target(
      name: "ShopMineNotebook",
      dependencies: [
        "JupyterProtocol", "ShopMineData", .product(name: "Ink", package: "Ink"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    .executableTarget(
      name: "shopmine",
      dependencies: [
        "JupyterKernel", "ShopMineData", "ShopMineLanguage", "ShopMineNotebook",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
    .testTarget(
      name: "JupyterProtocolTests", dependencies: ["JupyterProtocol"], resources: [.copy("Fixtures")]),
    .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JupyterProtocol", "ZeroMQ"]),
    .testTarget(name: "ShopMineDataTests", dependencies: ["ShopMineData"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ShopMineSourcesTests", dependencies: ["ShopMineSources", "ShopMineSynthetic"]),
    .testTarget(
      name: "ShopMineSyntheticTests",
      dependencies: ["ShopMineSynthetic", .product(name: "Crypto", package: "swift-crypto")],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ShopMineLearningTests", dependencies: ["ShopMineLearning"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ShopMineRulesTests", dependencies: ["ShopMineRules"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ShopMineRecommendersTests", dependencies: ["ShopMineRecommenders"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ShopMineInsightsTests", dependencies: ["ShopMineInsights"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ShopMineRenderingTests", dependencies: ["ShopMineRendering", "RichOutput"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ShopMineLanguageTests", dependencies: ["ShopMineLanguage", "ShopMineLearning"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ShopMineNotebookTests", dependencies: ["ShopMineNotebook"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
