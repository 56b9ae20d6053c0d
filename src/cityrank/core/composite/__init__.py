"""Composite indices (OECD/JRC Handbook): ``spec`` (indicators, weights, checks), ``document``
(a spec from a TOML document), ``compute`` (scores and contributions), ``table`` (a table whose
scores are a composite), ``robustness`` (the uncertainty analysis, with numpy).

Import from the modules: this package imports none of them, so using one costs only its own.
"""
