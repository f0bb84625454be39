"""The pure name functions of `quotes.speakers.names`, each behind a bounded cache.

Resolving one article's speakers compares them with every entity sharing a name key, so the same few
thousand names, outlets and organisation names are folded and parsed again for every article; with the
cache each distinct text is parsed once per process. The functions are pure and return immutable
values (str, None, frozen `PersonName`), so a cached result is the result.
"""

from __future__ import annotations

from functools import lru_cache

from quotes.speakers import names

CACHED_TEXTS = 1 << 15  # distinct texts kept per function: a few MB at most

fold = lru_cache(maxsize=CACHED_TEXTS)(names.fold)
parse_person_name = lru_cache(maxsize=CACHED_TEXTS)(names.parse_person_name)
organisation_key = lru_cache(maxsize=CACHED_TEXTS)(names.organisation_key)
acronym = lru_cache(maxsize=CACHED_TEXTS)(names.acronym)
is_generic_organisation = lru_cache(maxsize=CACHED_TEXTS)(names.is_generic_organisation)
