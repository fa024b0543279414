"""The period report as it was before its queries were rewritten for 1M
agreements (selectors.py and content.py at d9699a5, only the import of the
selectors changed): test_report_equivalence.py builds the whole report with
this code and with the app's, and compares them. When the report's content
changes on purpose, change it here too, or delete this copy."""
