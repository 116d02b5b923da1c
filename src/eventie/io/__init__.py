"""Outputs and front ends: the command line, tabular writers and distributed (Dask) helpers."""
