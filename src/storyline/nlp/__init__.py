"""Shared language processing that several stages use: sentences, language
identification, named entities and their keys, temporal expressions,
quantities, quotations and claims.

These are tools, not stages: each is a set of pure functions over strings
and records (models are loaded lazily, once per process, by the modules that
need them), and stages import them; nothing here imports a stage.
"""
