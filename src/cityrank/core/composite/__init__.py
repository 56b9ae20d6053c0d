"""Composite indices (OECD/JRC Handbook): the spec, scores from indicator columns, explanations,
and their robustness. numpy is imported only when ``robustness`` runs."""

from __future__ import annotations

from cityrank.core.composite.compute import Composite, IndicatorValueError, compute
from cityrank.core.composite.document import spec_from_document
from cityrank.core.composite.robustness import Robustness, robustness
from cityrank.core.composite.spec import (
    AGGREGATIONS,
    DIRECTIONS,
    MISSING,
    NORMALISATIONS,
    Indicator,
    Spec,
    format_weights,
    parse_weights,
    validate_spec,
)
from cityrank.core.composite.table import (
    CompositeTable,
    Explained,
    apply_composite,
    composite_of,
    indicator_values,
)

__all__ = [
    "AGGREGATIONS",
    "DIRECTIONS",
    "MISSING",
    "NORMALISATIONS",
    "Composite",
    "CompositeTable",
    "Explained",
    "Indicator",
    "IndicatorValueError",
    "Robustness",
    "Spec",
    "apply_composite",
    "composite_of",
    "compute",
    "format_weights",
    "indicator_values",
    "parse_weights",
    "robustness",
    "spec_from_document",
    "validate_spec",
]
