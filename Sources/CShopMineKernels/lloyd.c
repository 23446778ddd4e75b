// Lloyd's assignment step, compiled twice: for baseline x86-64 and for AVX2 (see CShopMineKernels.h).
#include "CShopMineKernels.h"

#include <math.h>
#include "vectors.h"

// Same rounding as the Swift code this replaced and as scikit-learn's `_euclidean_dense_dense`: a multiply
// then an add, never a fused multiply-add.
#pragma clang fp contract(off)

// Keeps the nearest of the eight clusters of block `b` if it beats `*best_dist`; the first lane wins ties.
static inline __attribute__((always_inline)) void keep_nearest(
    const v8d *acc, int64_t b, int64_t *best, double *best_dist) {
  // Vector minimum first, then the lowest lane holding it, both without per-lane branches.
  double m = (*acc)[0];
  for (int lane = 1; lane < 8; lane++) m = (*acc)[lane] < m ? (*acc)[lane] : m;
  if (m < *best_dist) {
    *best_dist = m;
    int first = 7;
    for (int lane = 6; lane >= 0; lane--) first = (*acc)[lane] == m ? lane : first;
    *best = b * 8 + first;
  }
}

// Records point i's nearest cluster: inertia, label, and (when accumulating) its share of the new sums.
static inline __attribute__((always_inline)) void record(
    int64_t i, const double *xi, int64_t d, int64_t best, double best_dist, int32_t *labels, double *sums,
    double *counts, double *inertia, int64_t *changed) {
  *inertia += best_dist;
  if (labels[i] != (int32_t)best) {
    *changed += 1;
    labels[i] = (int32_t)best;
  }
  if (sums && counts) {
    double *target = sums + best * d;
    for (int64_t f = 0; f < d; f++) target[f] += xi[f];
    counts[best] += 1;
  }
}

static inline __attribute__((always_inline)) void assign_body(
    const double *x, int64_t from, int64_t to, int64_t d, const double *packed, int64_t blocks,
    int32_t *labels, double *sums, double *counts, double *inertia_out, int64_t *changed_out) {
  double inertia = 0;
  int64_t changed = 0;
  int64_t i = from;
  // Two points per step: their sums are independent chains, so the CPU overlaps them, and each centroid
  // vector is loaded once for both. Each lane still sums its squared differences in feature order, and
  // points are recorded in index order, so the bits are those of one point at a time.
  for (; i + 1 < to; i += 2) {
    const double *x0 = x + i * d;
    const double *x1 = x0 + d;
    int64_t best0 = 0, best1 = 0;
    double dist0 = INFINITY, dist1 = INFINITY;
    for (int64_t b = 0; b < blocks; b++) {
      const double *block = packed + b * d * 8;
      v8d acc0 = {0, 0, 0, 0, 0, 0, 0, 0};
      v8d acc1 = acc0;
      for (int64_t f = 0; f < d; f++) {
        v8d centre = SM_LOAD(v8d, block + f * 8);
        v8d diff0 = x0[f] - centre;
        v8d diff1 = x1[f] - centre;
        acc0 += diff0 * diff0;
        acc1 += diff1 * diff1;
      }
      keep_nearest(&acc0, b, &best0, &dist0);
      keep_nearest(&acc1, b, &best1, &dist1);
    }
    record(i, x0, d, best0, dist0, labels, sums, counts, &inertia, &changed);
    record(i + 1, x1, d, best1, dist1, labels, sums, counts, &inertia, &changed);
  }
  for (; i < to; i++) {
    const double *xi = x + i * d;
    int64_t best = 0;
    double dist = INFINITY;
    for (int64_t b = 0; b < blocks; b++) {
      const double *block = packed + b * d * 8;
      v8d acc = {0, 0, 0, 0, 0, 0, 0, 0};
      for (int64_t f = 0; f < d; f++) {
        v8d diff = xi[f] - SM_LOAD(v8d, block + f * 8);
        acc += diff * diff;
      }
      keep_nearest(&acc, b, &best, &dist);
    }
    record(i, xi, d, best, dist, labels, sums, counts, &inertia, &changed);
  }
  *inertia_out = inertia;
  *changed_out = changed;
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void assign_avx2(
    const double *x, int64_t from, int64_t to, int64_t d, const double *packed, int64_t blocks,
    int32_t *labels, double *sums, double *counts, double *inertia, int64_t *changed) {
  assign_body(x, from, to, d, packed, blocks, labels, sums, counts, inertia, changed);
}
#endif

static void assign_baseline(
    const double *x, int64_t from, int64_t to, int64_t d, const double *packed, int64_t blocks,
    int32_t *labels, double *sums, double *counts, double *inertia, int64_t *changed) {
  assign_body(x, from, to, d, packed, blocks, labels, sums, counts, inertia, changed);
}

// -1 until first use, then 1 (AVX2) or 0 (baseline). Relaxed atomics: chunks run on several threads, and
// each would store the same value.
static int selected = -1;

static int cpu_has_avx2(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
  return 0;
#endif
}

int sm_kernels_use_avx2(void) {
  int use = __atomic_load_n(&selected, __ATOMIC_RELAXED);
  if (use < 0) {
    use = cpu_has_avx2();
    __atomic_store_n(&selected, use, __ATOMIC_RELAXED);
  }
  return use;
}

int sm_kernels_select(int avx2) {
  int use = avx2 && cpu_has_avx2();
  __atomic_store_n(&selected, use, __ATOMIC_RELAXED);
  return use;
}

void sm_lloyd_assign(const double *x, int64_t from, int64_t to, int64_t d, const double *packed,
                     int64_t blocks, int32_t *labels, double *sums, double *counts, double *inertia,
                     int64_t *changed) {
#if defined(__x86_64__)
  if (sm_kernels_use_avx2()) {
    assign_avx2(x, from, to, d, packed, blocks, labels, sums, counts, inertia, changed);
    return;
  }
#endif
  assign_baseline(x, from, to, d, packed, blocks, labels, sums, counts, inertia, changed);
}
