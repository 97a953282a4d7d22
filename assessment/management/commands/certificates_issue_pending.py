"""Issue the documents of certificates recorded before verifiable documents existed (wave 1 rows)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from assessment.services import certificates_issue_pending


class Command(BaseCommand):
    help = "Issue the verifiable document (QR check, PDF) of every pending certificate of a passed attempt."

    def handle(self, *args, **options) -> None:
        issued = certificates_issue_pending()
        self.stdout.write(f"{issued} certificates issued")
