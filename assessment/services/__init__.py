"""Every state change of the assessment app. Other apps call these, never the models.

Each submodule lists its public names in ``__all__``; this package re-exports them."""

from .assignments import *
from .attempts import *
from .bank import *
from .blueprints import *
from .certificates import *
from .importing import *
from .policy import *
from .scoring import *
