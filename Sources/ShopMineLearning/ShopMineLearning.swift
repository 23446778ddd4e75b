// Module ShopMineLearning: see docs/ARCHITECTURE.md.
