"""Table readers: the known sets read into their columns (`standard`, `readers`, `units`), every
other table kept as printed (`generic`), and the figures each states (`facts`, `generic_facts`, `staffing`)."""
