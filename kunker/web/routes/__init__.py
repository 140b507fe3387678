"""The pages, one module per kind of page; each view registers an HTML path and its twin."""
