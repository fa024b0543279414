"""Staff pages in the admin's look (radar, report, templates) and the one
public view: a document download that checks who may see it."""

from collections import Counter

from django.contrib import admin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from core.choices import Audience
from organizations.us import own_organization
from workflow.forms import PeriodForm, RadarForm
from workflow.models import Document
from workflow.report import period_report
from workflow.report.content import COUNTING_RULES
from workflow.report.docx import DOCX_TYPE, build_report_docx, report_filename
from workflow.selectors import RadarKind, radar_items
from workflow.spreadsheets import IMPORTABLE, import_template, report_workbook, workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _admin_context(request, title: str) -> dict:
    context = admin.site.each_context(request)
    context["title"] = title
    return context


def radar(request):
    form = RadarForm(request.GET or None)
    days = form.horizon()
    today = timezone.localdate()
    items = radar_items(today=today, days=days)
    counts = Counter(item.kind for item in items)
    context = _admin_context(request, _("Deadline radar"))
    context.update(
        form=form,
        days=days,
        today=today,
        rows=[(item, item.when(today), item.days_left(today) < 0) for item in items],
        counts=[RadarKind.counted(kind, counts[kind]) for kind in RadarKind.LABELS if counts[kind]],
        templates=_template_links(),
    )
    return TemplateResponse(request, "workflow/radar.html", context)


def report(request):
    form = PeriodForm(request.GET or None, initial=PeriodForm.default_period())
    context = _admin_context(request, _("Period report"))
    context["form"] = form
    if form.is_valid():
        context["report"] = period_report(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
        context["query"] = request.GET.urlencode()
        context["organization"] = own_organization()
        context["generated_at"] = timezone.localtime()
        context["rules"] = COUNTING_RULES
    return TemplateResponse(request, "workflow/report.html", context)


def report_xlsx(request):
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return HttpResponse(_("Give the period as start=YYYY-MM-DD&end=YYYY-MM-DD."), status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    workbook = report_workbook(period_report(start=start, end=end))
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="coopdb-report-{start}-{end}.xlsx"'
    return response


def report_docx(request):
    """The report as a Word document, in the page's language."""
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return HttpResponse(_("Give the period as start=YYYY-MM-DD&end=YYYY-MM-DD."), status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    language = translation.get_language()
    response = HttpResponse(build_report_docx(start=start, end=end, language=language), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(start, end, language)}"'
    return response


def template_xlsx(request, model_name: str):
    resource_class = IMPORTABLE.get(model_name)
    if resource_class is None:
        raise Http404
    response = HttpResponse(workbook_bytes(import_template(resource_class)), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="coopdb-{model_name}-template.xlsx"'
    return response


def _template_links():
    return [(resource._meta.model._meta.verbose_name_plural, name) for name, resource in IMPORTABLE.items()]


def document_download(request, pk: int):
    """Staff get every document; anyone else only a public document of a
    public record. Everything else is a 404, exactly like a missing one."""
    # Staff as the admin counts them: active, staff and, when two-factor is
    # enforced, verified during this session's log-in.
    audience = Audience.STAFF if admin.site.has_permission(request) else Audience.PUBLIC
    document = get_object_or_404(Document.objects.visible_to(audience), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Never cached by a shared cache: the next visitor may not be staff.
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])
    return response
