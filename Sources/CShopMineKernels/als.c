// ALS's conjugate-gradient row solve (implicit's `least_squares_cg`), compiled twice: for baseline x86-64 and
// for AVX2 (see CShopMineKernels.h). Nearly all of an ALS fit is the dot products and axpys below over factor
// rows of `stride` floats (a multiple of 8, zero-padded past the real factors): one 256-bit operation per 8
// floats with AVX2 against two with SSE2.
#include "CShopMineKernels.h"

#include <math.h>
#include <string.h>

#include "vectors.h"

// A multiply then an add, never a fused multiply-add, so both twins give the same bits.
#pragma clang fp contract(off)

// Σ a[k]·b[k] over the stride, two accumulators (even and odd blocks of 8), lanes summed in order.
static inline __attribute__((always_inline)) float dot(const float *a, const float *b, int64_t stride) {
  v8f acc0 = {0}, acc1 = {0};
  int64_t k = 0;
  for (; k + 16 <= stride; k += 16) {
    acc0 += SM_LOAD(v8f, a + k) * SM_LOAD(v8f, b + k);
    acc1 += SM_LOAD(v8f, a + k + 8) * SM_LOAD(v8f, b + k + 8);
  }
  if (k < stride) acc0 += SM_LOAD(v8f, a + k) * SM_LOAD(v8f, b + k);
  v8f acc = acc0 + acc1;
  float s = 0;
  for (int lane = 0; lane < 8; lane++) s += acc[lane];
  return s;
}

// y += a·x over the stride.
static inline __attribute__((always_inline)) void axpy(float a, const float *x, float *y, int64_t stride) {
  v8f va = {a, a, a, a, a, a, a, a};
  for (int64_t k = 0; k < stride; k += 8) SM_STORE(y + k, SM_LOAD(v8f, y + k) + va * SM_LOAD(v8f, x + k));
}

// out = M·v for the symmetric stride×stride M, as a sum of scaled rows (zero entries of v skipped).
static inline __attribute__((always_inline)) void symv(const float *m, const float *v, float *out,
                                                       int64_t factors, int64_t stride) {
  memset(out, 0, (size_t)stride * sizeof(float));
  for (int64_t j = 0; j < factors; j++)
    if (v[j] != 0) axpy(v[j], m + j * stride, out, stride);
}

static inline __attribute__((always_inline)) void cg_body(
    const float *y, const float *yty, const int64_t *offsets, const int32_t *indices, const float *confidence,
    int64_t factors, int64_t stride, int64_t cg_steps, int64_t from, int64_t to, float *out, float *scratch) {
  const int64_t s = stride;
  float *r = scratch, *p = scratch + s, *ap = scratch + 2 * s;
  for (int64_t u = from; u < to; u++) {
    float *x = out + u * s;
    int64_t lo = offsets[u], hi = offsets[u + 1];
    if (lo == hi) {
      memset(x, 0, (size_t)s * sizeof(float));
      continue;
    }
    // r = YᵀCᵤpᵤ − (YᵀCᵤY + λI)·x, without forming YᵀCᵤY.
    symv(yty, x, r, factors, s);
    for (int64_t k = 0; k < s; k++) r[k] = -r[k];
    for (int64_t k = lo; k < hi; k++) {
      float c = confidence[k];
      const float *yi = y + (int64_t)indices[k] * s;
      float yx = dot(yi, x, s);
      if (c > 0) {
        axpy(c - (c - 1) * yx, yi, r, s);
      } else {
        c = -c;
        axpy(-(c - 1) * yx, yi, r, s);
      }
    }
    memcpy(p, r, (size_t)s * sizeof(float));
    float rsold = dot(r, r, s);
    if (rsold < 1e-20f) continue;
    for (int64_t step = 0; step < cg_steps; step++) {
      symv(yty, p, ap, factors, s);
      for (int64_t k = lo; k < hi; k++) {
        float c = fabsf(confidence[k]);
        const float *yi = y + (int64_t)indices[k] * s;
        axpy((c - 1) * dot(yi, p, s), yi, ap, s);
      }
      float alpha = rsold / dot(p, ap, s);
      axpy(alpha, p, x, s);
      axpy(-alpha, ap, r, s);
      float rsnew = dot(r, r, s);
      if (rsnew < 1e-20f) break;
      float beta = rsnew / rsold;
      for (int64_t k = 0; k < s; k++) p[k] = r[k] + beta * p[k];
      rsold = rsnew;
    }
  }
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void cg_avx2(
    const float *y, const float *yty, const int64_t *offsets, const int32_t *indices, const float *confidence,
    int64_t factors, int64_t stride, int64_t cg_steps, int64_t from, int64_t to, float *out, float *scratch) {
  cg_body(y, yty, offsets, indices, confidence, factors, stride, cg_steps, from, to, out, scratch);
}
#endif

static void cg_baseline(
    const float *y, const float *yty, const int64_t *offsets, const int32_t *indices, const float *confidence,
    int64_t factors, int64_t stride, int64_t cg_steps, int64_t from, int64_t to, float *out, float *scratch) {
  cg_body(y, yty, offsets, indices, confidence, factors, stride, cg_steps, from, to, out, scratch);
}

void sm_als_cg_rows(const float *y, const float *yty, const int64_t *offsets, const int32_t *indices,
                    const float *confidence, int64_t factors, int64_t stride, int64_t cg_steps, int64_t from,
                    int64_t to, float *out, float *scratch) {
#if defined(__x86_64__)
  if (sm_kernels_use_avx2()) {
    cg_avx2(y, yty, offsets, indices, confidence, factors, stride, cg_steps, from, to, out, scratch);
    return;
  }
#endif
  cg_baseline(y, yty, offsets, indices, confidence, factors, stride, cg_steps, from, to, out, scratch);
}
