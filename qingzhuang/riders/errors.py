from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class RiderError(DomainError):
    status = 400


NOT_COMMUNITY = _("Riders enrol with a community or a village.")
PHONE_INVALID = _("Give an 11-digit mobile number starting with 1, such as 13912345678.")
PHONE_TAKEN = _("A rider with this mobile number is already enrolled with %(community)s.")
NO_DUTY = _("Choose at least one role.")
DUTY_UNKNOWN = _("“%(value)s” is not a role. Choose among: %(choices)s.")
DATE_INVALID = _("Give a date such as 2026-12-01.")
DATE_IN_FUTURE = _("The date is after today.")
DATE_TOO_EARLY = _("The date is before 2000.")
STATUS_BEFORE_JOINED = _("The status cannot change before the rider joined (%(joined)s).")
STATUS_NOT_AFTER_LAST = _("The rider's last status change is on %(day)s: a new one must come after it.")
STATUS_SAME = _("The rider is already %(status)s.")
ALREADY_LEFT = _("This rider has left; enrol them again to bring them back.")
USER_TAKEN = _("This account already belongs to another rider.")

COORD_NOT_A_NUMBER = _("The latitude and longitude must be numbers in degrees, such as 34.3615 and 107.1532.")
COORD_OUT_OF_RANGE = _("A latitude lies between -90 and 90 and a longitude between -180 and 180.")
COORD_SWAPPED = _("The latitude and longitude look swapped: in China the latitude is about 18–54 and the longitude about 73–135.")
COORD_OUTSIDE_CHINA = _("The point is outside China. Check the coordinates, or type the address instead.")
COORD_FAR_AWAY = _("The point is %(km)s km from the nearest community (at sea or in the wilds?). Check the location, or type the address.")
COORD_HALF = _("Give both the latitude and the longitude, or neither.")
DATUM_UNKNOWN = _("Say which coordinates these are: WGS-84 (GPS) or GCJ-02 (高德/腾讯 maps, delivery apps).")
NO_LOCATION = _("Give the location: use the phone's position, or type the address.")
CATEGORY_EXISTS = _("“%(name)s” is already on the list.")
CATEGORY_UNKNOWN = _("Choose a category from the county's list.")
NOT_ROUTABLE = _("No community or street office could be found for this report: type the address and the community will be asked.")
ALREADY_CASE = _("This report has already been raised as a case.")
NOT_OPEN = _("This report is closed: it can no longer be added to.")
STATUS_MOVE = _("A report that is %(from)s cannot become %(to)s.")
REASON_BLANK = _("Give a reason.")
POINTS_INVALID = _("Give the points as a whole number between 1 and %(max)s.")
POINTS_ALREADY_SPENT = _("These points have already been spent.")
POINTS_SHORT = _("%(points)s points are needed and the balance is %(balance)s.")

PHOTO_TOO_MANY = _("At most %(max)s photos at once.")

AREA_FILE_INVALID = _("The file is not GeoJSON: %(reason)s")
AREA_UNIT_UNKNOWN = _("Feature %(index)s: no community or village named “%(name)s” in your scope.")
AREA_NOT_POLYGON = _("Feature %(index)s: the boundary must be a Polygon or MultiPolygon.")
AREA_INVALID = _("Feature %(index)s: the boundary is not a valid polygon (%(reason)s).")
AREA_OUTSIDE_CHINA = _("Feature %(index)s: the boundary lies outside China, or its coordinates are [latitude, longitude] instead of GeoJSON's [longitude, latitude].")
AREA_TOO_MANY = _("At most %(max)s features in one file.")

MOMENT_INVALID = _("Give a date and time such as 2026-12-01 09:30.")
MOMENT_IN_FUTURE = _("The time is later than now.")
PATROL_ENDS_BEFORE = _("The patrol must end after it started.")
PATROL_TOO_LONG = _("A patrol lasts at most %(hours)s hours: record a longer one as several patrols.")
PATROL_DECIDED = _("This patrol has already been %(status)s.")
PATROL_MOVE = _("Accept or decline the patrol.")
NOT_A_RIDER = _("Only an enrolled rider or volunteer can record this: ask the community to enrol you.")
RIDER_LEFT = _("This rider has left the community.")
DEPARTMENT_UNKNOWN = _("Choose a department of the county.")
