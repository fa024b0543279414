"""System checks run at start-up and by ``manage.py check`` (registered in
CoreConfig.ready): a FilterSet that filters, searches or orders on a private
field would leak it to the public or the API, so the site refuses to start
(an Error stops ``runserver``, ``migrate`` and ``check``), and no request
pays for the check."""

from django.core import checks


def loaded_subclasses(base) -> list[type]:
    """Every subclass of ``base`` defined so far, after loading the URL
    configuration (which imports every view, hence every FilterSet and
    serializer)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the views)
    found, waiting = [], list(base.__subclasses__())
    while waiting:
        cls = waiting.pop()
        found.append(cls)
        waiting.extend(cls.__subclasses__())
    return found


def check_filtersets(app_configs=None, *, classes=None, **kwargs) -> list[checks.Error]:
    from core.filtersets import VisibleFilterSet

    errors = []
    for cls in classes if classes is not None else loaded_subclasses(VisibleFilterSet):
        if cls._meta.model is None:
            continue  # an abstract base: its subclasses are checked
        for name, fields in cls.private_fields_reached().items():
            errors.append(
                checks.Error(
                    f"{cls.__module__}.{cls.__qualname__}.{name} reaches the private field(s) {', '.join(fields)}.",
                    hint="Remove the filter, or take the field out of its search fields or ordering.",
                    obj=cls,
                    id="coopdb.E001",
                )
            )
    return errors
