// Module ShopMineInsights: see docs/ARCHITECTURE.md.
