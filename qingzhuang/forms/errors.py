from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class FormsError(DomainError):
    status = 400


NO_FIELDS = _("A form needs at least one field.")
TOO_MANY_FIELDS = _("A form can have at most %(max)s fields; this one has %(count)s.")
FIELD_NAME_TWICE = _("Field “%(name)s” is listed twice: each field needs its own name.")
FIELD_NOT_OBJECT = _("Field %(number)s is not a field definition (name, type, unit of measure, definition).")
NO_RECIPIENTS = _("Choose the communities or villages that must fill the form.")
RECIPIENT_NOT_GRASSROOTS = _("“%(unit)s” is not a community or a village of your county: forms go to the grassroots.")
TOO_MANY_RECIPIENTS = _("A form can go to at most %(max)s units.")
NOT_A_DRAFT = _("Only a draft can be changed or submitted; this form is “%(status)s”.")
NOT_SUBMITTED = _("Only a form waiting for the county office can be approved or refused; this one is “%(status)s”.")
GATE_BLOCKED = _("The gate blocks this form: %(reason)s")
NOT_IN_CATALOGUE = _("Only a form in the county's catalogue can be sent; this one is “%(status)s”. Submit it for approval first.")
NOTE_BLANK = _("Write why the form is refused, for the issuing department.")
CELL_BAD = _("“%(cell)s” (field “%(name)s”) is not a cell reference such as C5 or 表1!C5.")
CELL_TWICE = _("Cell %(cell)s is given to two fields (“%(a)s” and “%(b)s”).")
CELL_MISSING = _("Field “%(name)s” has no cell in the template: give each field a cell (e.g. C5) before uploading a template.")
SHEET_MISSING = _("The template has no sheet named “%(sheet)s” (field “%(name)s”).")
FILE_TOO_BIG = _("The file is %(size)s MB; the largest accepted is %(max)s MB.")
FILE_EMPTY = _("The file is empty.")
FILE_NOT_XLSX = _("This is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
FILE_OLD_XLS = _("This is an old Excel file (.xls). Save it as .xlsx and upload it again.")
FILE_DAMAGED = _("The workbook is damaged and cannot be read.")
FILE_BOMB = _("The workbook unpacks to more than %(mb)s MB: it is refused (too large, or built to exhaust the server).")
NO_TEMPLATE = _("This form has no template workbook: the answers are given as a plain table.")
NOT_WAITING = _("This answer was already submitted.")
VALUE_REQUIRED = _("Fill in “%(name)s”.")
VALUE_NOT_INTEGER = _("“%(name)s” must be a whole number (in %(unit)s).")
VALUE_NOT_NUMBER = _("“%(name)s” must be a number (in %(unit)s).")
VALUE_NEGATIVE = _("“%(name)s” cannot be negative.")
VALUE_TOO_BIG = _("“%(name)s” is larger than any real figure (at most %(max)s).")
VALUE_NOT_YES_NO = _("“%(name)s” must be 是 or 否.")
VALUE_NOT_DATE = _("“%(name)s” must be a date such as 2026-11-27.")
VALUE_UNIT_WRONG = _("“%(name)s” is counted in %(unit)s; “%(value)s” names another unit.")
NOT_CONFIRMED = _("Check the pre-filled value of “%(name)s” and confirm it (or correct it).")
UNKNOWN_FIELD = _("The answer names a field this form does not have (%(field)s).")
SYNONYMS_TOO_FEW = _("A synonym group needs at least two different words.")
NOT_A_COUNTY = _("Synonyms are set for a county.")
MASTER_FIELD_UNKNOWN = _("The master record has no field “%(field)s”.")
