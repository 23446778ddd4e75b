// Vector types and unaligned loads and stores shared by the kernels (private to this target).
#ifndef CSHOPMINE_VECTORS_H
#define CSHOPMINE_VECTORS_H

#include <string.h>

typedef double v8d __attribute__((vector_size(64)));
typedef float v8f __attribute__((vector_size(32)));

// Unaligned load or store of a whole vector (vmovupd/vmovups with AVX2, movupd/movups pairs with SSE2).
// Macros rather than functions because returning a 512-bit vector by value has no fixed ABI below AVX-512.
#define SM_LOAD(type, p)         \
  ({                             \
    type v_;                     \
    memcpy(&v_, (p), sizeof v_); \
    v_;                          \
  })
#define SM_STORE(p, v)           \
  do {                           \
    __typeof__(v) v_ = (v);      \
    memcpy((p), &v_, sizeof v_); \
  } while (0)

#endif
