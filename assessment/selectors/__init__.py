"""Reads of the assessment app, already scoped to the acting user. Other apps (vacancies, reports)
read through here.

Each submodule lists its public names in ``__all__``; this package re-exports them."""

from .analysis import *
from .attempts import *
from .bank import *
from .campaigns import *
from .certificates import *
from .outcomes import *
