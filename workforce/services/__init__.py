"""Every state change of the workforce record. Other apps call these, never the models.

Each submodule lists its public names in ``__all__``; this package re-exports them."""

from .assignments import *
from .employees import *
from .identity import *
from .organizations import organization_create, organization_move, organization_update
from .policy import *
from .positions import *
from .reserve import *
from .roles import role_grant_check, role_grant_create, role_grant_revoke, role_grant_update
