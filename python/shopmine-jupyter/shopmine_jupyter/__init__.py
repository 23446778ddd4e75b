"""ShopMine for the Python side of Jupyter: a Pygments lexer (nbconvert, Sphinx and other Pygments users
highlight ShopMine cells with it) and a papermill translator (`papermill … -p NAME VALUE` on ShopMine
notebooks). Both are found through entry points once the package is installed; see pyproject.toml."""

__version__ = "0.1.0"
