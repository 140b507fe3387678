"""Crawl and extraction as jobs on a PostgreSQL-backed queue (procrastinate), for several
worker processes on one or many machines.

The edge owns sessions, so jobs live here and call the functions ``kunker update`` calls:
``crawl_source`` runs the same crawl for one source and queues the extraction of what it
stored, ``extract_batch`` and ``reprocess_batch`` run the same extraction loop over a batch
of stored articles. SQLite stays the embedded default with no queue.

- ``queue``: the procrastinate app over the configured PostgreSQL database.
- ``tasks``: the jobs; ``runtime``: what a worker process opens once for all its jobs.
- ``enqueue``: deferring jobs without queueing the same work twice.
- ``worker``: worker processes, ``--until-empty``, stalled-job recovery.
- ``schema``: the queue's tables, installed and upgraded by ``kunker db upgrade``.
- ``attempts``: one row per job attempt (worker, outcome, error); ``status``: the counts.
"""
