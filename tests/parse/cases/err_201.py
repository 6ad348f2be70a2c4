x = "\N{END OF MEDIUM}"
