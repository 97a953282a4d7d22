"""Spreadsheet imports of the workforce record (employees, organisations, staff positions).

Entry points live in ``workforce.services.imports``; this package holds the pipeline: upload
checks, readers, header matching, cell cleaners, and one module per kind of row."""
