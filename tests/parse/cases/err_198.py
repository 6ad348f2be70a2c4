b"a" "\N{foo}"
