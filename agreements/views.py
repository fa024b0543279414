"""Public pages: agreements by kind, one agreement, FTAs, commitments."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.choices import AgreementKind
from agreements.filtersets import AgreementFilterSet, CommitmentFilterSet
from core.listing import Sort, list_context, render_list

AGREEMENT_FILTERS = {
    "q": _("Words"),
    "kind": _("Kind"),
    "status": _("Status"),
    "country": _("Partner country"),
    "signed_after": _("Signed from"),
    "signed_before": _("Signed until"),
}
AGREEMENT_SORTS = {
    "title": Sort("title", ("t:title",)),
    "kind": Sort("kind", ("kind",)),
    "status": Sort("status", ("status",)),
    "signed": Sort("signed", ("signed_on",)),
}

FTA_FILTERS = {"q": _("Words"), "status": _("Status"), "country": _("Partner country")}

COMMITMENT_FILTERS = {
    "q": _("Words"),
    "agreement_kind": _("Kind of agreement"),
    "status": _("Status"),
    "deadline_after": _("Deadline from"),
    "deadline_before": _("Deadline until"),
}
COMMITMENT_SORTS = {
    "deadline": Sort("deadline", ("deadline",)),
    "agreement": Sort("agreement", ("t:agreement__title",)),
    "title": Sort("title", ("t:title",)),
    "status": Sort("status", ("status",)),
}


def _agreements(*, audience, filters=None):
    # The list's read path, plus the names parties held when they signed (name_on)
    # and the history each row's status today is read from.
    return selectors.agreement_list(audience=audience, filters=filters).prefetch_related(
        selectors.party_names(), selectors.status_history(audience)
    )


def agreement_list(request):
    context = list_context(
        request,
        _agreements,
        filterset_class=AgreementFilterSet,
        filters=AGREEMENT_FILTERS,
        sorts=AGREEMENT_SORTS,
        default_sort="-signed",
    )
    counts = selectors.kind_counts()
    context["kind_tabs"] = [(value, label, counts.get(value, 0)) for value, label in AgreementKind.choices]
    context["kind_total"] = sum(counts.values())
    context["current_kind"] = request.GET.get("kind", "")
    return render(request, "agreements/agreement_list.html", context, status=context["status"])


def agreement_detail(request, slug):
    agreement = get_object_or_404(selectors.agreement_detail_queryset(), slug=slug)
    context = {"agreement": agreement, "stages": selectors.stage_timeline(agreement)}
    return render(request, "agreements/agreement_detail.html", context)


def fta_list(request):
    context = list_context(
        request,
        selectors.fta_list,
        filterset_class=AgreementFilterSet,
        filters=FTA_FILTERS,
        sorts=AGREEMENT_SORTS,
        default_sort="-signed",
    )
    context["ftas"] = [(fta, selectors.stage_timeline(fta)) for fta in context["page_obj"]]
    return render(request, "agreements/fta_list.html", context, status=context["status"])


def commitment_list(request):
    return render_list(
        request,
        "agreements/commitment_list.html",
        selectors.commitment_list,
        filterset_class=CommitmentFilterSet,
        filters=COMMITMENT_FILTERS,
        sorts=COMMITMENT_SORTS,
        default_sort="deadline",
    )
