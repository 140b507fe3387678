"""Scrapy project: spiders for Indonesian news outlets and DPRD sites, and their pipelines."""
