ur'x' Ub'y' rB'z' f'{a}' fR'x' bf'x'
