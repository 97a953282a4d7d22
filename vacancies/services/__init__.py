"""Every state change of the vacancies app: vacancies, candidates, applications, the commission and
the appointment. Pages, the API, the admin, tasks and the demo seeder all call these.

Each submodule lists its public names in ``__all__``; this package re-exports them."""

from .applications import *
from .appointment import *
from .candidates import *
from .commission import *
from .vacancies import *
