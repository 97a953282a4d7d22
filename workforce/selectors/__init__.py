"""Reads of the workforce record, already scoped to the acting user. Other apps read through here.

Each submodule lists its public names in ``__all__``; this package re-exports them."""

from .composition import *
from .employees import *
from .history import *
from .imports import *
from .organizations import *
from .overview import *
from .people import *
from .staffing import *
