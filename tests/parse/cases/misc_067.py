x = 1 # type:ignore
y = 2 # type: ignored
z = 3 # type: ignore  
