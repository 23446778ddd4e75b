// Module ShopMineSynthetic: see docs/ARCHITECTURE.md.
