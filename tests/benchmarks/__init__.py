"""The benchmarks' pure pieces: reading wrk's figures, writing its script, CPU from /proc."""
