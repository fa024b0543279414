from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Staff workflow across the registry: spreadsheet templates, the deadline
    radar, reminder e-mails, the period report and signed documents."""

    name = "workflow"
    verbose_name = _("Staff workflow")

    def ready(self):
        from core.admin import CHANGE_FORM_GATES
        from core.resources import IMPORT_ROW_GATES
        from workflow.admin import attach_document_inlines, attach_journal
        from workflow.bulk import attach_bulk_actions
        from workflow.review import import_row_gate, review_gate

        attach_document_inlines()
        attach_journal()
        attach_bulk_actions()
        if review_gate not in CHANGE_FORM_GATES:
            CHANGE_FORM_GATES.append(review_gate)
        if import_row_gate not in IMPORT_ROW_GATES:
            IMPORT_ROW_GATES.append(import_row_gate)
