f[a, b for a in c]
