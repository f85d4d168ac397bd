"""Number formats for 简体中文 on top of Django's: large numbers grouped by thousands with commas (8,895
居民, 4,812 字), as Chinese official statistics write them; Django's zh_Hans locale has no separator.

Only ``intcomma`` and ``number_format(..., force_grouping=True)`` group: USE_THOUSAND_SEPARATOR stays off so
that ids in URLs and form values are never grouped.
"""

DATE_FORMAT = "Y年n月j日"
MONTH_DAY_FORMAT = "n月j日"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
