// Numeric kernels that need instructions Swift cannot ask for per function.
//
// The package targets baseline x86-64 (SSE2), so a `SIMD8<Double>` in Swift is four 128-bit operations. Clang
// can compile one function for AVX2 (`__attribute__((target("avx2")))`) and pick it at run time, which Swift
// cannot; these few hot loops therefore live here, each with a baseline twin so any x86-64 or ARM machine
// runs them. Both twins execute the same additions and multiplications in the same order (no FMA
// contraction), so results are bit-identical whichever one runs.
#ifndef CSHOPMINE_KERNELS_H
#define CSHOPMINE_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the AVX2 variants run, 0 when the baseline ones do. Chosen on first use from the CPU.
int sm_kernels_use_avx2(void);

/// Chooses the AVX2 variants (when `avx2` is non-zero and the CPU has AVX2) or the baseline ones, for tests
/// that check both give the same bits; returns what is now in use.
int sm_kernels_select(int avx2);

/// One chunk of a Lloyd assignment pass.
///
/// `x` is row-major `n × d`; rows `from..<to` are assigned. `packed` holds the centroids eight clusters to a
/// block, feature-major inside a block: `packed[(b * d + f) * 8 + lane]` is coordinate `f` of cluster
/// `8b + lane` (padding lanes are +infinity). Each point's label is the nearest cluster, the first index
/// winning ties; distances are summed feature by feature. `labels[i]` is updated; when `sums` and `counts`
/// are non-null they receive each point's coordinates and a count of one for its cluster (`sums` is
/// `k × d`, row-major). Returns the chunk's inertia in `*inertia` and its changed labels in `*changed`.
void sm_lloyd_assign(const double *x, int64_t from, int64_t to, int64_t d, const double *packed,
                     int64_t blocks, int32_t *labels, double *sums, double *counts, double *inertia,
                     int64_t *changed);

/// Rows `from..<to` of one ALS half-sweep by conjugate gradient (implicit's `least_squares_cg`), warm-started
/// from `out`. `y` is the fixed side (`stride` floats per row, zero-padded past `factors`), `yty` is
/// YᵀY + λI (stride × stride), `offsets`/`indices`/`confidence` the rows' sparse interactions (a negative
/// confidence marks a negative preference). `scratch` holds 3 × stride floats.
void sm_als_cg_rows(const float *y, const float *yty, const int64_t *offsets, const int32_t *indices,
                    const float *confidence, int64_t factors, int64_t stride, int64_t cg_steps, int64_t from,
                    int64_t to, float *out, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
