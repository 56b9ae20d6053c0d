"""The fixed choices of the shared options (``--ties``, ``--missing``, ``--on-duplicate``)."""

from enum import StrEnum


class Missing(StrEnum):
    """What a composite index does with a missing indicator value."""

    error = "error"
    renormalise = "renormalise"


class Duplicates(StrEnum):
    """What to do with several rows of a city in one edition."""

    error = "error"
    first = "first"
    last = "last"
    max = "max"
    min = "min"


class Ties(StrEnum):
    """How tied scores are ranked."""

    competition = "competition"
    modified = "modified"
    dense = "dense"
    ordinal = "ordinal"
    fractional = "fractional"
