"""Staff pages, mounted under /admin/workflow/ before the admin's own URLs.
Each is wrapped by admin.site.admin_view: staff only, never cached."""

from django.contrib import admin
from django.urls import path

from workflow import calendar, views
from workflow.deleted import deleted_records_view

app_name = "workflow"

urlpatterns = [
    path("radar/", admin.site.admin_view(views.radar), name="radar"),
    path("deleted/", admin.site.admin_view(deleted_records_view), name="deleted"),
    path("report/", admin.site.admin_view(views.report), name="report"),
    path("report.xlsx", admin.site.admin_view(views.report_xlsx), name="report-xlsx"),
    path("report.docx", admin.site.admin_view(views.report_docx), name="report-docx"),
    path("templates/<slug:model_name>.xlsx", admin.site.admin_view(views.template_xlsx), name="import-template"),
    path("calendar/", admin.site.admin_view(calendar.calendar_month), name="calendar"),
    path("calendar/link/", admin.site.admin_view(calendar.calendar_link), name="calendar-link"),
    # Read by calendar apps, which cannot log in: the secret token is the key.
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]
