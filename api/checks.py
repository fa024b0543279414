"""System check run at start-up and by ``manage.py check`` (registered in
ApiConfig.ready): an API serializer that lists a private field would publish
it, so the site refuses to start rather than checking on every request."""

from django.core import checks

from core.checks import loaded_subclasses


def check_serializers(app_configs=None, *, classes=None, **kwargs) -> list[checks.Error]:
    from api.serializers import RecordSerializer

    errors = []
    for cls in classes if classes is not None else loaded_subclasses(RecordSerializer):
        if getattr(getattr(cls, "Meta", None), "model", None) is None:
            continue  # an abstract base: its subclasses are checked
        published = cls.private_fields_published()
        if published:
            errors.append(
                checks.Error(
                    f"{cls.__module__}.{cls.__qualname__} would publish the private field(s) {', '.join(published)}.",
                    hint="Take them out of Meta.fields (private_fields are shown in the staff admin only).",
                    obj=cls,
                    id="coopdb.E002",
                )
            )
    return errors
