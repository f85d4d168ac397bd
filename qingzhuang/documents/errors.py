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
EXPLANATION_PENDING = _("%(unit)s issues more documents than last year (%(last)s): the explanation waits for the county office's review. It can be issued once the county office accepts it.")
EXPLANATION_RETURNED = _("The county office returned the explanation (%(reply)s): revise it and file it again; it can be issued once the county office accepts it.")
EXPLANATION_NOT_PENDING = _("There is no explanation waiting for review on this document.")
EXPLANATION_REQUIRED = _("%(unit)s has issued %(count)s documents this year, as many as in all of last year (%(last)s). Attach a written explanation before issuing more.")
FILE_UNREADABLE = _("%(name)s could not be read. Open it in Word or WPS, save it again as .docx and upload the new file, or paste the text.")
FILE_KIND = _("Upload a .docx, .pdf or .txt file (not %(ext)s).")
FILE_TOO_LARGE = _("%(name)s is larger than %(mb)s MB. Upload the document without pictures or annexes, or paste its text.")
FILE_NOT_DOCX = _(
    "%(name)s is not a Word document although its name ends in .docx. Open it in Word or WPS, choose Save As → "
    "“Word document (*.docx)” and upload that file."
)
FILE_OLD_DOC = _("%(name)s is an old-format Word file (.doc). Open it in Word or WPS, choose Save As → “Word document (*.docx)” and upload that file.")
FILE_DOCX_DAMAGED = _("%(name)s is damaged and cannot be opened as a Word document. Open it in Word or WPS and save it again as .docx, or paste the text.")
FILE_BOMB = _(
    "%(name)s unpacks to more than %(mb)s MB, far more than a document's text needs: it may be damaged or built to overload "
    "the system. Save the document again in Word or WPS and upload the new file, or paste the text."
)
FILE_NOT_PDF = _("%(name)s is not a PDF file although its name ends in .pdf. Upload the .docx, or a PDF saved from Word or WPS.")
FILE_PDF_DAMAGED = _("%(name)s is damaged and its text cannot be read. Save the PDF again from the program that made it, upload the .docx, or paste the text.")
FILE_PDF_ENCRYPTED = _("%(name)s is protected by a password. Upload the .docx, or a copy of the PDF without the password.")
FILE_TXT_ENCODING = _("%(name)s is not plain text in UTF-8 or GB18030. Open it in Notepad or WPS, save it as UTF-8 text and upload it again.")
FILE_TEXT_TOO_LONG = _(
    "The text of %(name)s is longer than %(max)s characters, far longer than a document (at most 5,000 字). "
    "Upload the document itself without its annexes, or paste its text."
)
FILE_EMPTY = _("No text was found in %(name)s. A scanned PDF has no text layer: type the text instead.")
PLAN_EXISTS = _("This plan line title is already in the plan.")
DATE_INVALID = _("Give the document date as a day between 2000 and 2099, e.g. 2026-12-31.")
RECIPIENT_INACTIVE = _("%(unit)s has been deactivated and can no longer receive documents. Remove it from the recipients.")

# Submitting: what the drafter must fix first (the gate would block it whatever the review decides).
FIX_BEFORE_SUBMIT = _("Not submitted: %(problems)s")
FIX_LENGTH = _("the text has %(chars)s 字, %(over)s over the limit of %(limit)s: shorten it to %(limit)s 字 or less")
FIX_REPLY_DEMAND = _("this county does not accept documents that demand reports back from the grassroots: untick that box, or ask the county office first")
