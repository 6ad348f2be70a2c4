// objects/slots.h — between type.c and slots.c only: the table that links each special
// method name to the type slot behind it.
#ifndef KAA_OBJECTS_SLOTS_H
#define KAA_OBJECTS_SLOTS_H

#include "objects/objects.h"

// Adds one wrapper descriptor per slot a built-in type fills (int.__add__, list.__len__...).
void kaa_slots_add_wrappers(KaaType *type);
// Adds the wrapper of the slot behind special method `name` even when the slot is inherited:
// CPython gives some built-in types their own __init__ or __str__ that is the base's function.
void kaa_slots_add_own_wrapper(KaaType *type, const char *name);
// Points a class's slots at its special methods: the inherited C function when the method is
// a built-in base's wrapper, a function calling the Python method otherwise.
void kaa_slots_update_all(KaaType *type);
// After `type.name = value`: updates the slots that name feeds (no-op for other names).
void kaa_slots_update_name(KaaType *type, KaaValue name);
// The tp_new wrapper for a built-in type: __new__ in its dict.
KaaValue kaa_slots_new_wrapper(KaaType *type);

#endif
