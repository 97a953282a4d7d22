from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from core.audit import audit_log

from .registry import registered_use
from .selectors import document_for_download
from .services import document_open
from .sniffing import INLINE_TYPES, mime_type


@login_required
@require_GET
def document_download(request: HttpRequest, pk) -> FileResponse:
    """Send a stored document to a user the owning app lets see it; anything else is a 404 (as if
    the document did not exist). ``?inline=1`` shows PDFs and images in the browser."""
    document = document_for_download(user=request.user, pk=pk)
    if document is None:
        raise Http404
    try:
        handle = document_open(document)
    except FileNotFoundError:
        raise Http404 from None
    inline = request.GET.get("inline") == "1" and document.file_type in INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, filename=document.original_name,
                            content_type=mime_type(document.file_type))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline and document.file_type != "pdf":
        # An image shown on its own page loads nothing else (browsers' PDF viewers need more).
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    if document_use_audits(document):
        audit_log("core.document.downloaded", actor=request.user, target=document, request=request,
                  data={"use": document.use, "inline": inline})
    return response


def document_use_audits(document) -> bool:
    definition = registered_use(document.use)
    return definition is None or definition.audit_downloads
