x = rb"\x00" Rb'a' bR"b" BR'c'
