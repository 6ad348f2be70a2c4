# The gc module's interface.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(type(gc.collect()).__name__, type(gc.collect(0)).__name__, type(gc.collect(generation=1)).__name__)
print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(len(gc.get_count()), gc.get_debug(), gc.garbage, gc.callbacks)
print(gc.is_tracked(1), gc.is_tracked("a"), gc.is_tracked([]), gc.is_tracked({1: []}), gc.is_tracked(None))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)
gc.freeze()
print(type(gc.get_freeze_count()).__name__)
gc.unfreeze()
print(type(gc.get_stats()).__name__, len(gc.get_stats()), sorted(gc.get_stats()[0]))
for f in [lambda: gc.collect(3), lambda: gc.set_threshold(), lambda: gc.set_threshold(1.5),
          lambda: gc.is_tracked()]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
