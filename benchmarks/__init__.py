"""kunker's benchmarks: speed and memory beside a peer measured in the same run.

``python -m benchmarks`` (or ``kunker bench``) runs every section and rewrites
``benchmarks/RESULTS.md`` and its plots; ``--smoke`` runs each section on a few items (what
CI does: it checks that the report is produced, never how fast anything was).
"""
