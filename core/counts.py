"""Cached counts for the public list pages.

A list page shows how many rows match (and, for agreements, how many of each
kind); an exact ``COUNT(*)`` over a large registry costs more than the page
itself. The counts are exact but cached: the key is the count query's SQL
and parameters without its ordering (every sort of a list shares one
entry) plus a *data version*, a token replaced whenever a registry record
is saved or deleted (:func:`connect_data_version`), so a change shows
at once in this process, and in every process when the cache is shared
(``CACHE_URL``). Writes that send no signal (``QuerySet.update()``, COPY)
show once the entry expires (:data:`COUNT_TIMEOUT`); the data generator
replaces the version itself.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property

VERSION_KEY = "coopdb:data-version"
COUNT_TIMEOUT = 300  # seconds: the bound on staleness after a write without a signal


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = bump_data_version()
    return version


def bump_data_version(**_signal) -> str:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


def cached(name: str, queryset, compute):
    """``compute()`` for ``queryset``, cached under its SQL (without its
    ordering) and the data version."""
    try:
        sql, params = _unordered(queryset).query.sql_with_params()
    except EmptyResultSet:  # e.g. none() after an invalid filter: no query to cache
        return compute()
    digest = hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()
    key = f"coopdb:{name}:{data_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNT_TIMEOUT)
    return value


def _unordered(queryset):
    """The query without ORDER BY (nor the translated sort expressions in
    it): no sort or direction changes a count, so they all share one entry.
    A sliced query keeps its order, which decides the rows it holds."""
    return queryset if queryset.query.is_sliced else queryset.order_by()


def cached_count(queryset) -> int:
    return cached("count", queryset, queryset.count)


class CachedCountPaginator(Paginator):
    """Django's paginator with :func:`cached_count`: the count also decides
    whether ``?page=N`` is out of range, so a cached one keeps that right."""

    @cached_property
    def count(self):
        return cached_count(self.object_list)


def _bump_for_records(sender, **kwargs):
    from core.selectors import is_registry_model

    if is_registry_model(sender):
        bump_data_version()


def connect_data_version():
    post_save.connect(_bump_for_records, dispatch_uid="coopdb-data-version-save")
    post_delete.connect(_bump_for_records, dispatch_uid="coopdb-data-version-delete")
