"""Error codes and messages of the documents domain, shared by pages and the API."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class DocumentError(DomainError):
    status = 409


class DocumentInvalid(DomainError):
    status = 400


WRONG_STATUS = _("This cannot be done while the document is “%(status)s”.")
NOT_EDITABLE = _("Only a draft or a returned document can be changed.")
TITLE_REQUIRED = _("Give the document a title.")
TEXT_REQUIRED = _("The document has no text: type it or upload a file.")
RECIPIENT_NOT_BELOW = _("%(unit)s is not a town, street, village or community of this county.")
RECIPIENTS_REQUIRED = _("Choose at least one recipient.")
REASON_REQUIRED = _("Write the reasons.")
MERGE_TARGET = _("A document can only be merged into another document of the same county that is not itself merged, rejected or withdrawn.")
GATE_BLOCKED = _("The gate blocks this document: %(rules)s.")
PLAN_LINE_USED = _("This plan line is already used by another document.")
PLAN_LINE_OTHER_UNIT = _("This plan line belongs to another unit's plan.")
EXPLANATION_REQUIRED = _("%(unit)s has issued %(count)s documents this year, as many as in all of last year (%(last)s). Attach a written explanation before issuing more.")
FILE_UNREADABLE = _("The file %(name)s could not be read: %(detail)s")
FILE_KIND = _("Upload a .docx, .pdf or .txt file (not %(ext)s).")
FILE_TOO_LARGE = _("The file is larger than %(mb)s MB.")
FILE_EMPTY = _("No text was found in %(name)s. A scanned PDF has no text layer: type the text instead.")
PLAN_EXISTS = _("This plan line title is already in the plan.")
DATE_INVALID = _("Give the document date as a day between 2000 and 2099, e.g. 2026-12-31.")
