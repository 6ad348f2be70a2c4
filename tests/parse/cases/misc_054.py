x = 1j + 1.5j + 1e16j + 0j + 1e-5j + 1e400j
