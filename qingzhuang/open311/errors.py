"""Open311's errors: each has the HTTP status the spec gives it (403 a missing or wrong api_key, 404 what does not
exist, 400 the rest) and a stable code; the description is the user's language (Chinese by default)."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class Open311Error(DomainError):
    def __init__(self, code: str, message: object, field: str | None = None, status: int = 400) -> None:
        super().__init__(code, message, field)
        self.status = status


KEY_MISSING = _("Send your api_key: the county office issues one to each app that files reports.")
KEY_INVALID = _("This api_key is not valid: it is wrong, or it has been revoked. Ask the county office for a new one.")
KEY_CANNOT_REPORT = _("The account this api_key belongs to cannot file hazard reports: only riders and volunteers can.")
JURISDICTION_UNKNOWN = _("No county has the jurisdiction_id “%(value)s”: give the county's 6-digit code, such as 611025.")
KEY_NEEDED_HERE = _("%(county)s lets only apps with an api_key read its reports: ask its county office for one.")
JURISDICTION_MISSING = _("Give jurisdiction_id (the county's 6-digit code, such as 611025), or send your api_key.")
JURISDICTION_OTHER = _("This api_key belongs to another county: it cannot reach %(county)s's reports.")
FORMAT_UNSUPPORTED = _("The format “%(value)s” is not offered: end the address with .xml or .json.")
SERVICE_CODE_MISSING = _("Give service_code: the number of one of the county's hazard categories (see services.xml).")
SERVICE_CODE_UNKNOWN = _("The county has no hazard category with service_code “%(value)s” (see services.xml).")
REQUEST_UNKNOWN = _("No service request “%(value)s” within this api_key's reach.")
TOKEN_UNKNOWN = _("No service request has the token “%(value)s”.")
LOCATION_MISSING = _("Give the location: lat and long (WGS-84), or address_string.")
ADDRESS_ID_ONLY = _("address_id is not known here (the county keeps no master address list): send lat and long, or address_string.")
ATTRIBUTE_UNKNOWN = _("The hazard categories have no attribute “%(value)s” (see the service definition).")
ATTRIBUTE_CHOICE = _("attribute[%(code)s] must be one of: %(choices)s.")
MEDIA_URL_INVALID = _("media_url must be a web address starting with http:// or https://.")
EMAIL_INVALID = _("email is not an email address.")
PHONE_INVALID = _("phone may hold only digits, spaces, dashes, parentheses and a leading +.")
DATE_INVALID = _("%(field)s must be a date and time with its time zone, such as 2026-11-01T00:00:00+08:00 (or …Z for UTC).")
DATE_ORDER = _("start_date must be before end_date.")
DATE_SPAN = _("start_date and end_date may not span more than %(days)s days.")
STATUS_INVALID = _("status may be open, closed, or both separated by a comma.")
ID_LIST_INVALID = _("service_request_id must be request numbers separated by commas (at most %(max)s).")
CODE_LIST_INVALID = _("service_code must be category numbers separated by commas.")
TOO_MANY_TRIES = _("Too many calls with this api_key: wait a minute and try again.")
METHOD_NOT_ALLOWED = _("This address answers %(methods)s only.")
HOLDER_UNKNOWN = _("No active account has this user name.")
HOLDER_OTHER_COUNTY = _("This account has no role in %(county)s: a key is issued to an account of the county's own.")
ALREADY_REVOKED = _("This key was already revoked.")
UNSTORABLE = _("%(field)s contains characters that cannot be stored (an empty NUL character or half of a broken character).")
NOT_FOUND = _("No such Open311 resource: the methods are discovery, services, services/<service_code>, requests, requests/<id> and tokens/<token>, each ending in .xml or .json.")
