"""The project's addresses plus one deprecated endpoint and one deprecated
parameter, for tests/api/test_deprecation.py only."""

import datetime

from django.urls import path

from agreements.api.views import AgreementViewSet
from api.deprecation import Deprecated
from coopdb.urls import urlpatterns as project_urlpatterns

SINCE = datetime.date(2027, 1, 1)
SUNSET = datetime.date(2028, 1, 1)


class OldAgreementViewSet(AgreementViewSet):
    about = "Agreements under their former address."
    deprecated = Deprecated(since=SINCE, sunset=SUNSET, use_instead="/api/v1/agreements/")


class AgreementWithOldParameterViewSet(AgreementViewSet):
    deprecated_parameters = {"parent_slug": Deprecated(since=SINCE, use_instead="parent")}


urlpatterns = [
    path("api/v1/old-agreements/", OldAgreementViewSet.as_view({"get": "list"}), name="old-agreements"),
    path("api/v1/new-agreements/", AgreementWithOldParameterViewSet.as_view({"get": "list"}), name="new-agreements"),
    *project_urlpatterns,
]
