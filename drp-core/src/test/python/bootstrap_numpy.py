# Side-by-side for BENCHMARKS.md: the same problem-level percentile bootstrap in numpy
# (B = 10,000 resamples; the five ratio statistics of RunSummary), vectorized in chunks of 500 resamples.
import numpy as np, time
rng = np.random.default_rng(42)
for P in (1319, 12000):
    cols = rng.random((P, 10))
    t0 = time.perf_counter()
    B, chunk = 10000, 500
    stats = []
    for start in range(0, B, chunk):
        idx = rng.integers(0, P, size=(chunk, P))
        sums = cols[idx].sum(axis=1)          # (chunk, 10)
        stats.append(np.stack([sums[:, 0] / sums[:, 1], sums[:, 2] / sums[:, 3], sums[:, 4] / sums[:, 5],
                               sums[:, 6] / sums[:, 7], sums[:, 8] / sums[:, 9]], axis=1))
    s = np.concatenate(stats)
    np.percentile(s, [2.5, 97.5], axis=0)
    print(f"numpy bootstrap {P} problems, B=10,000: {1000*(time.perf_counter()-t0):.0f} ms")
