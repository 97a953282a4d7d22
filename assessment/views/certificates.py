"""The certificate PDF (its holder, and HR officers of the taker's organisation) and its revocation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import View

from core.audit import audit_log
from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin

from ..pdf import certificate_pdf
from ..roles import CERTIFICATE_ROLES
from ..selectors import certificate_for_viewer, certificates_in_scope
from ..services import certificate_revoke


class CertificateDownloadView(LoginRequiredMixin, View):
    """The PDF, drawn from what was stored at issue. Anyone else's certificate is a 404."""

    def get(self, request, pk: int):
        found = certificate_for_viewer(user=request.user, certificate_id=pk)
        if found is None:
            raise Http404
        certificate, own = found
        if not own:  # HR reading someone's certificate: personal data
            audit_log("assessment.certificate.downloaded", actor=request.user, target=certificate, request=request)
        response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class CertificateRevokeView(RoleRequiredMixin, View):
    required_roles = CERTIFICATE_ROLES

    def post(self, request, pk: int):
        certificate = certificates_in_scope(user=request.user).filter(pk=pk).first()
        if certificate is None:
            raise Http404
        try:
            certificate_revoke(certificate=certificate, reason=request.POST.get("reason", ""), actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Certificate %(number)s is revoked; its check page says so.")
                             % {"number": certificate.number})
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("assessment:proctor_attempt", args=[certificate.attempt_id])
        return HttpResponseRedirect(back)
