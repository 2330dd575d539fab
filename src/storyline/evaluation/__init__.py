"""Evaluations on public data, each with a baseline measured in the same run."""
