"""Demo data: secondments in 镇安县 through the same services as the pages — one overdue (past its end, nobody back),
one extended once, one returned, one refused by the county office and one waiting for its decision.

Only 镇安县 (none of the article's figures counts its staff): 新渭路社区's 11 staff and the other demo figures stay as
the article has them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.lib import clock
from qingzhuang.org.models import Unit
from qingzhuang.secondments import services
from qingzhuang.secondments.rules import months_later

COUNTY = "611025"


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name, county__code=COUNTY)


def _request(borrower: str, lender: str, name: str, post: str, purpose: str, basis: str, start: dt.date, months: int, actor: Any = None) -> Any:
    return services.secondment_request(actor=actor, borrower=_unit(borrower), lender=_unit(lender), person_name=name, post=post, purpose=purpose,
                                       basis=basis, start_on=start, months=months)


def seed(ctx: Any) -> None:
    today = clock.today()
    reviewer, clerk = ctx.users.get("zhenan_reviewer"), ctx.users.get("zhenan_clerk")
    # Overdue: six months ended two months ago, and no return recorded.
    overdue = _request("镇安县民政局", "新城社区", "赵小燕", "社会救助股 临时工作人员", "协助开展低保对象年度复核。", "镇民发〔2026〕12号",
                       months_later(today, -8), 6, actor=clerk)
    services.secondment_decide(actor=reviewer, secondment=overdue, approve=True, note="同意借调6个月，期满按时返岗。")
    # Extended once: six months, then six more (the county's total cap of 12 months).
    extended = _request("镇安县住房和城乡建设局", "青槐社区", "钱明", "城镇老旧小区改造专班", "参与老旧小区改造入户调查。", "镇建发〔2026〕5号",
                        months_later(today, -7), 6)
    services.secondment_decide(actor=reviewer, secondment=extended, approve=True, note="同意。")
    extension = services.extension_request(actor=None, secondment=extended, months=6, reason="改造项目二期入户调查未完成，申请延期一次。")
    services.extension_decide(actor=reviewer, extension=extension, approve=True, note="同意延期一次，不再延期。")
    # Returned: four months to the town office, back on the planned day.
    returned = _request("西口回族镇人民政府", "长发村", "孙建华", "镇综合执法办", "协助秋季防汛值守。", "西政发〔2026〕8号",
                        months_later(today, -10), 4)
    services.secondment_decide(actor=reviewer, secondment=returned, approve=True, note="同意。")
    services.secondment_return(actor=ctx.users.get("changfa_secretary"), secondment=returned, returned_on=returned.ends_on, note="按期返岗。")
    # Refused, and one waiting for the county office.
    refused = _request("镇安县教育局", "镇城社区", "周丽", "招生办公室", "协助秋季招生材料整理。", "镇教发〔2026〕3号", today - dt.timedelta(days=20), 3)
    services.secondment_decide(actor=reviewer, secondment=refused, approve=False, note="社区工作人员紧张，招生材料整理应由教育局自行承担，不予借调。")
    _request("镇安县应急管理局", "北城社区", "吴刚", "应急值守专班", "冬春森林防火值守。", "镇应急发〔2026〕21号", today + dt.timedelta(days=10), 3)
    ctx.say("secondments: 5 in 镇安县 (one overdue, one extended once, one returned, one refused, one waiting)")
