"""Who may do what in the assessment app.

- ``test_author`` (registered here): keeps the question bank and the blueprints of an organisation
  subtree, reads the item analysis and may run attestation campaigns there.
- HR officers (workforce's role) run attestation campaigns over their subtrees and **proctor** them:
  they read the events and addresses of the attempts of their organisations' civil servants. No
  separate proctor role: in a civil-service body the person who invigilates is HR staff, and a grant
  of ``hr_officer`` already carries the right to read personal data of that subtree. A dedicated role
  can be added later with ``core.roles.register_role`` without touching this app's data.
- Takers (civil servants and candidates) need no grant: they see their own assignments and attempts.
"""

from __future__ import annotations

TEST_AUTHOR = "test_author"
ADMIN = "admin"
HR_OFFICER = "hr_officer"

BANK_ROLES: tuple[str, ...] = (ADMIN, TEST_AUTHOR)
"""Keep the question bank and blueprints; read the item analysis."""
CAMPAIGN_ROLES: tuple[str, ...] = (ADMIN, HR_OFFICER, TEST_AUTHOR)
"""Run attestation campaigns and follow their progress."""
PROCTOR_ROLES: tuple[str, ...] = (ADMIN, HR_OFFICER)
"""Read the events and IP addresses of attempts (personal data)."""
CERTIFICATE_ROLES: tuple[str, ...] = (ADMIN, HR_OFFICER)
"""Download and revoke the certificates of the takers of their organisations (besides each holder)."""
