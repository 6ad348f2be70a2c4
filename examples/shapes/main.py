"""kaa demo: imports a module of its own (geometry.py) and uses it."""
import geometry

shapes = [geometry.Rect(3, 4), geometry.Circle(2), geometry.Rect(1, 10)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s)
print("biggest:", geometry.biggest(shapes))
print("total area: %.3f" % sum(s.area() for s in shapes))
