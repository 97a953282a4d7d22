"""A spreadsheet column: a django-import-export ``Field`` that also knows its header in every
language, the other words people put in that header, whether it is required, and how to explain
it in the template. Resources (``workforce.resources``) declare them once for export, the
template, the admin and the importer."""

from __future__ import annotations

from typing import Any

from import_export.fields import Field

from core.i18n import language_suffix

from .widgets import CellWidget, TextWidget

HEADER_LANGUAGES = ("uz", "uz_cyrl", "ru", "en")


class Column(Field):
    def __init__(
        self,
        attribute: str | None = None,
        *,
        headers: dict[str, str],
        synonyms: tuple[str, ...] = (),
        widget: CellWidget | None = None,
        required: bool = False,
        readonly: bool = False,
        help_text: Any = "",
        example: Any = None,
        dehydrate_method: str | None = None,
    ) -> None:
        missing = set(HEADER_LANGUAGES) - set(headers)
        if missing:
            raise ValueError(f"Column headers lack {sorted(missing)}")
        super().__init__(attribute=attribute, column_name=headers["uz"], widget=widget or TextWidget(),
                         readonly=readonly, dehydrate_method=dehydrate_method)
        self.headers = headers
        self.synonyms = synonyms
        self.required = required
        self.help_text = help_text
        self.example = example
        self.key = ""  # the resource's field name, set by SpreadsheetResource
        self.kind = ""  # the import it belongs to ("employees"...), set by SpreadsheetResource
        self.extra_synonyms: tuple[str, ...] = ()  # from workforce.importing.synonyms

    def header(self, language: str | None = None) -> str:
        return self.headers.get(language_suffix(language), self.headers["uz"])

    def all_headers(self) -> tuple[str, ...]:
        return (*self.headers.values(), *self.synonyms, *self.extra_synonyms, self.key)
