"""Demo data for the community's voice: 新渭路社区 and 长发村 sign for what they received and report problems."""

from __future__ import annotations

from typing import Any

from qingzhuang.documents.models import Document, Status
from qingzhuang.feedback import services
from qingzhuang.feedback.models import ItemType

REPORTS = [
    ("新渭路社区", "xinweilu_secretary", "weibin_reviewer", "traces", "通知要求每项活动附照片和签到表，社区11名工作人员要为此多花半天时间，属于留痕要求。",
     True, "已责成发文单位取消照片和签到表要求，改为季度汇总一次。"),
    ("新渭路社区", "xinweilu_secretary", None, "short_deadline", "要求三个工作日内报送全部住户信息，时限过短，且与上月报表重复。", None, ""),
    ("长发村", "changfa_secretary", "zhenan_reviewer", "outside_duties", "要求村委会负责道路施工安全巡查，不在村级履职事项清单之内。",
     False, "该事项属配合履职，已请县交通局派员共同巡查，村里只需及时报告隐患。"),
]


def seed(ctx: Any) -> None:
    made = 0
    for unit_name, secretary, reviewer, kind, text, accepted, reply in REPORTS:
        unit = ctx.unit(unit_name)
        actor = ctx.users.get(secretary)
        docs = list(Document.objects.filter(status=Status.ISSUED, recipients=unit).order_by("-issued_on", "-id")[:4])
        if not docs or actor is None:
            continue
        for doc in docs[1:]:
            services.receipt_sign(actor=actor, unit=unit, item_type=ItemType.DOCUMENT, item_id=doc.pk)
        target = docs[made % len(docs)]
        report = services.report_create(actor=actor, unit=unit, item_type=ItemType.DOCUMENT, item_id=target.pk, kind=kind, text=text)
        if reviewer and ctx.users.get(reviewer) is not None:
            services.report_answer(actor=ctx.users[reviewer], report=report, accepted=bool(accepted), reply=reply)
        made += 1
    ctx.say(f"feedback: {made} reports from the grassroots (新渭路社区, 长发村), receipts signed")
