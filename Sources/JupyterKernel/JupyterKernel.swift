// Module JupyterKernel: see docs/ARCHITECTURE.md.
