from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Staff workflow across the registry: spreadsheet templates, the deadline
    radar, reminder e-mails, the period report and signed documents."""

    name = "workflow"
    verbose_name = _("Staff workflow")

    def ready(self):
        from workflow.admin import attach_document_inlines, attach_journal
        from workflow.bulk import attach_bulk_actions

        attach_document_inlines()
        attach_journal()
        attach_bulk_actions()
