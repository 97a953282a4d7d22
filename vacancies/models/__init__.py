"""Vacancies: the competition for a vacant staff position, from the public portal to appointment."""

from .applications import *
from .candidates import *
from .commission import *
from .vacancies import *
