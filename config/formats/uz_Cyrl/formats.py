"""Date and number formats of Uzbek Cyrillic: those of Uzbek Latin (django.conf.locale.uz), with
the literal word "йил" in Cyrillic. Month and day names come from the generated catalogs."""

from django.conf.locale.uz.formats import *  # noqa: F403

DATE_FORMAT = r"j-E, Y-\й\и\л"
DATETIME_FORMAT = r"j-E, Y-\й\и\л G:i"
YEAR_MONTH_FORMAT = r"F Y-\й\и\л"
DATE_INPUT_FORMATS = ["%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S.%f", "%d.%m.%Y %H:%M"]
