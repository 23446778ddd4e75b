// Module ShopMineRecommenders: see docs/ARCHITECTURE.md.
