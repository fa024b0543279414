"""Words the admin shows that come from libraries, listed so ``makemessages``
puts them in core's catalog (ranked above the libraries' by LOCALE_PATHS).

django-simple-history and django-import-export ship no Vietnamese, and
Django's own Vietnamese says "Bản ghi nhớ" for "History", which in this
registry means a Memorandum of Understanding. Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_ADMIN = (
    gettext_noop("History"),
    # Django's Vietnamese leaves these untranslated.
    gettext_noop("Error:"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
)

SIMPLE_HISTORY = (
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("You may edit it again below"),
    gettext_noop("Change History"),
    gettext_noop("Revert"),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    ngettext_lazy("entry", "entries", 1),
)

IMPORT_EXPORT = (
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Export selected %(verbose_name_plural)s"),
    gettext_noop("Resource"),
    gettext_noop("Format"),
    gettext_noop("File to import"),
    gettext_noop("Submit"),
    gettext_noop("Confirm import"),
    gettext_noop("Preview"),
    gettext_noop("New"),
    gettext_noop("Update"),
    gettext_noop("Delete"),
    gettext_noop("Skipped"),
    gettext_noop("Errors"),
    gettext_noop("Line number"),
    gettext_noop("Row"),
    gettext_noop("Non field specific"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop("Select all"),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, click 'Confirm import'"
    ),
    gettext_noop("Please correct these errors in your data where possible, then reupload it using the form above."),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop("export failed due to IllegalCharacterError"),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", 1),
)
