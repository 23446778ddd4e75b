// Module ShopMineRules: see docs/ARCHITECTURE.md.
