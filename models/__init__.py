"""Trained eventie pipelines shipped with the package (see models/README.md)."""
