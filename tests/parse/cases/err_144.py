x = "\\N{foo}"
