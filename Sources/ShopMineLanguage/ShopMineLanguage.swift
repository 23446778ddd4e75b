// Module ShopMineLanguage: see docs/ARCHITECTURE.md.
