"""Spiders fetch and follow links only; parsing lives in ``crawler.extract``."""
