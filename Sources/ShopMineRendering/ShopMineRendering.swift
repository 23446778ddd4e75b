// Module ShopMineRendering: see docs/ARCHITECTURE.md.
