x = f"{a=}" f"{b = }" f"{c!r:>10}" F"{d!s}" rf"{e}\n" fR"x"
