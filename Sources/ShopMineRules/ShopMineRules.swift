// Module ShopMineRules: frequent itemsets (Apriori, FP-growth) and association rules equal to mlxtend 0.25's.
// Entry points: `Baskets(table:basket:item:)`, `FPGrowth.mine`, `Apriori.mine`, `AssociationRules(itemsets:…)`,
// and `.table()` on each result. See docs/MODELS.md.
