"\N{EM}"
