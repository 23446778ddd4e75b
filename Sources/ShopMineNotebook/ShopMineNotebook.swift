// Module ShopMineNotebook: see docs/ARCHITECTURE.md.
