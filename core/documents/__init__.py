"""Documents: uploaded and generated files checked by their bytes, kept privately, served only
to whom the owning app allows. See docs/platform.md.

    from core.documents import register_document_use, document_store

    register_document_use("vacancies.cv", label=_("CV"), allowed_types={"pdf", "docx"},
                          max_bytes=10 * 1024 * 1024, retention_days=365, can_view=can_view_cv)
    document = document_store(use="vacancies.cv", file=request.FILES["cv"], uploaded_by=request.user,
                              owner=application, organization=vacancy.organization)
"""

from .registry import DocumentUse, document_use, register_document_use, registered_uses, unregister_document_use
from .selectors import document_download_url, document_for_download
from .services import (
    DocumentRejected,
    check_document,
    document_delete,
    document_open,
    document_store,
    documents_purge,
    sanitize_filename,
)
from .sniffing import TEXT_TYPES, mime_type, sniff_file, sniff_type

__all__ = [
    "TEXT_TYPES", "DocumentRejected", "DocumentUse", "check_document", "document_delete", "document_download_url",
    "document_for_download", "document_open", "document_store", "document_use", "documents_purge", "mime_type",
    "register_document_use", "registered_uses", "sanitize_filename", "sniff_file", "sniff_type",
    "unregister_document_use",
]
