"""kunker's benchmarks: speed and memory beside a peer measured in the same run.

``python -m benchmarks`` (or ``kunker bench``) runs every section and rewrites
``benchmarks/RESULTS.md`` and its plots; ``--smoke`` runs each section on a few items (what
CI does: it checks that the report is produced, never how fast anything was).

Scripts that stay apart, for questions the suite does not ask on every run:
``queue_bench.py`` (job-queue throughput with 1, 2 and 4 worker processes; needs PostgreSQL),
``long_text_bench.py`` (extraction on texts of up to 5M characters, which MAX_TEXT_CHARS
bounds) and ``storage_bench.py`` run alone (its own sizes and rounds; the suite imports it).
"""
