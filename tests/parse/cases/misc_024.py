x = b"\x00\xff\\\n"
