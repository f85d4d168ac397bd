"""Writes of forms (报表, 一表通): define a form, pass it through the gate, approve it into the catalogue,
send it, fill it, and keep the community master record current.

Each write checks the actor's scope through ``qingzhuang.org.access``, validates everything before the
first row is written, and audits in the same transaction. A community's submitted answer counts in the
ledger (forms filled, fields typed, values pre-filled) and updates its master record where a field is
master data (一次填报、动态更新).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import translation

from qingzhuang.audit.services import audit_created, audit_record, audit_updated, snapshot
from qingzhuang.forms import errors, selectors
from qingzhuang.forms.errors import FormsError
from qingzhuang.forms.master import PROFILE_FIELDS
from qingzhuang.forms.matching import KNOWN_SCORE, FieldSpec
from qingzhuang.forms.models import (
    Answer,
    AnswerStatus,
    AnswerValue,
    FieldType,
    Form,
    FormField,
    FormStatus,
    Frequency,
    MasterField,
    MasterRecord,
    MasterValue,
    MatchKind,
    SynonymGroup,
)
from qingzhuang.forms.rules import DUPLICATE_RULE, ITEM_KIND
from qingzhuang.forms.values import value_clean
from qingzhuang.gate.models import Outcome
from qingzhuang.gate.rules import gate_check, latest_check, rule_by_code, rule_params
from qingzhuang.ledger.services import ledger_add_many
from qingzhuang.lib import clock
from qingzhuang.lib.chinese_text import is_blank, normalise
from qingzhuang.lib.validate import choice_value, clean_values, text_value
from qingzhuang.org import access
from qingzhuang.org.models import Unit

DRAFT = selectors.DRAFT
REVIEW = selectors.REVIEW
FILL = selectors.FILL
SYNONYMS = selectors.SYNONYMS
MEASURE_FILLED = "forms.filled"
MEASURE_TYPED = "forms.fields_typed"
MEASURE_PREFILLED = "forms.fields_prefilled"

FIELDS_MAX = 200
RECIPIENTS_MAX = 2000
CELL = re.compile(r"^(?:(?P<sheet>[^!]{1,31})!)?\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[1-9]\d{0,6})$")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- defining a form -------------------------------------------------------------------------------

def fields_clean(raw_fields: Any) -> list[dict[str, str]]:
    """Form fields as stored, or the first problem: each a {name, type, unit, definition, cell} object."""
    if not isinstance(raw_fields, list | tuple) or not raw_fields:
        raise FormsError("no_fields", errors.NO_FIELDS, "fields")
    if len(raw_fields) > FIELDS_MAX:
        raise FormsError("too_many_fields", errors.TOO_MANY_FIELDS % {"max": FIELDS_MAX, "count": f"{len(raw_fields):,}"}, "fields")
    clean: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    cells: dict[str, str] = {}
    for number, raw in enumerate(raw_fields, start=1):
        if not isinstance(raw, Mapping):
            raise FormsError("field_invalid", errors.FIELD_NOT_OBJECT % {"number": number}, "fields")
        values = clean_values(FormField, {
            "name": raw.get("name"), "unit": raw.get("unit") or "", "definition": raw.get("definition") or "", "cell": raw.get("cell") or "",
        }, error=FormsError)
        values["type"] = choice_value(raw.get("type") or FieldType.INTEGER, field="type", label=FormField._meta.get_field("type").verbose_name,
                                      choices=FieldType.choices, error=FormsError)
        key = normalise(values["name"]) or values["name"]
        if key in seen:
            raise FormsError("field_twice", errors.FIELD_NAME_TWICE % {"name": values["name"]}, "name")
        seen[key] = values["name"]
        if values["cell"]:
            found = CELL.match(values["cell"].replace("！", "!"))
            if not found:
                raise FormsError("cell_bad", errors.CELL_BAD % {"cell": values["cell"][:20], "name": values["name"]}, "cell")
            values["cell"] = (f"{found['sheet']}!" if found["sheet"] else "") + f"{found['col'].upper()}{found['row']}"
            if values["cell"] in cells:
                raise FormsError("cell_twice", errors.CELL_TWICE % {"cell": values["cell"], "a": cells[values["cell"]], "b": values["name"]}, "cell")
            cells[values["cell"]] = values["name"]
        clean.append(values)
    return clean


def _recipients_clean(issuer: Unit, recipients: Iterable[Any]) -> list[Unit]:
    ids = []
    for r in recipients:
        pk = r.pk if isinstance(r, Unit) else r
        if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**62:
            raise FormsError("recipient_invalid", errors.NO_RECIPIENTS, "recipients")
        ids.append(pk)
    ids = sorted(set(ids))
    if not ids:
        raise FormsError("no_recipients", errors.NO_RECIPIENTS, "recipients")
    if len(ids) > RECIPIENTS_MAX:
        raise FormsError("too_many_recipients", errors.TOO_MANY_RECIPIENTS % {"max": RECIPIENTS_MAX}, "recipients")
    units = list(Unit.objects.filter(pk__in=ids))
    for unit in units:
        if unit.kind not in selectors.COMMUNITY_KINDS or unit.county_id != issuer.county_id:
            raise FormsError("recipient_not_grassroots", errors.RECIPIENT_NOT_GRASSROOTS % {"unit": unit.name}, "recipients")
    if len(units) != len(ids):
        raise FormsError("recipient_invalid", errors.NO_RECIPIENTS, "recipients")
    return units


def form_create(
    *, actor: Any, issuer: Unit, title: str, purpose: str, frequency: str, recipients: Sequence[Any], fields: Any,
    legal_basis: str = "", due_on: dt.date | None = None,
) -> Form:
    """A draft form with its fields, target units and purpose; nothing is stored unless all of it is valid."""
    if actor is not None:
        access.require(actor, DRAFT, issuer)
    values = clean_values(Form, {"title": title, "purpose": purpose, "legal_basis": legal_basis or ""}, error=FormsError)
    values["frequency"] = choice_value(frequency, field="frequency", label=Form._meta.get_field("frequency").verbose_name,
                                       choices=Frequency.choices, error=FormsError)
    clean_fields = fields_clean(fields)
    units = _recipients_clean(issuer, recipients)
    with transaction.atomic():
        form = Form.objects.create(issuer=issuer, due_on=due_on, created_by=_user(actor), **values)
        form.recipients.set(units)
        FormField.objects.bulk_create([FormField(form=form, position=i, **f) for i, f in enumerate(clean_fields, start=1)])
        audit_created(actor=actor, obj=form, unit=issuer)
    return form


def known_score(county: Any) -> float:
    try:
        _enabled, params = rule_params(rule_by_code(DUPLICATE_RULE), county)
    except KeyError:
        return KNOWN_SCORE
    return float(params.get("known_score", KNOWN_SCORE))


def form_match(*, form: Form) -> list[FormField]:
    """Match every field against the master record and the county's other catalogued forms; store what was found."""
    county = form.issuer.county
    matcher = selectors.matcher_for(county)
    threshold = known_score(county)
    masters: list[tuple[Any, FieldSpec]] = [(("master", m), selectors.spec(m)) for m in master_fields_ensure()]
    others: list[tuple[Any, FieldSpec]] = [(("form", f), selectors.spec(f)) for f in selectors.catalogued_fields(county, exclude_form=form.pk)]
    fields = list(form.fields.all())
    for f in fields:
        # The master record's best matches are kept apart: five forms asking the same field must not push it out.
        found = matcher.best(selectors.spec(f), masters, limit=2) + matcher.best(selectors.spec(f), others, limit=5)
        found.sort(key=lambda pair: -pair[1].score)
        f.matches = []
        for (kind, ref), result in found:
            entry: dict[str, Any] = {"kind": kind, "id": ref.pk, "name": ref.name, "score": result.score,
                                     "name_score": result.name_score, "definition_score": result.definition_score,
                                     "reason": result.reason, "conflict": result.conflict, "unit": ref.unit, "definition": ref.definition}
            if kind == "form":
                entry.update({"form": ref.form.title, "form_id": ref.form_id})
            f.matches.append(entry)
        # A known master-record field before any form's: its value is kept current for every form (一表通).
        best = max((m for m in f.matches if m["score"] >= threshold), default=None,
                   key=lambda m: (m["kind"] == "master", m["score"]))
        if best is not None:
            f.matches.sort(key=lambda m: m is not best)
        f.match_kind = MatchKind.NEW if best is None else (MatchKind.MASTER if best["kind"] == "master" else MatchKind.FORM)
        f.master_field_id = best["id"] if best and best["kind"] == "master" else None
        f.matched_field_id = best["id"] if best and best["kind"] == "form" else None
        f.score = best["score"] if best else (f.matches[0]["score"] if f.matches else 0.0)
    FormField.objects.bulk_update(fields, ["matches", "match_kind", "master_field", "matched_field", "score"])
    return fields


def form_submit(*, actor: Any, form: Form) -> Form:
    """Send a draft to the county office: its fields are matched and the gate runs; a duplicate is refused at once."""
    if actor is not None:
        access.require(actor, DRAFT, form.issuer)
    with transaction.atomic():
        form = Form.objects.select_for_update(of=("self",)).select_related("issuer__county").get(pk=form.pk)
        if form.status != FormStatus.DRAFT:
            raise FormsError("not_a_draft", errors.NOT_A_DRAFT % {"status": form.get_status_display()})
        before = snapshot(form)
        form_match(form=form)
        report, _check = gate_check(item=form, item_kind=ITEM_KIND, issuer=form.issuer, actor=_user(actor))
        form.submitted_on = clock.today()
        if report.blocked:
            form.status = FormStatus.REFUSED
            form.decided_on = clock.today()
            with translation.override("zh-hans"):  # the note is stored once, in the county's language
                form.decision_note = "；".join(v.text() for v in report.blocking())[:2000]
            repeated = {f.matches[0]["form_id"] for f in form.fields.all() if f.match_kind == MatchKind.FORM and f.matches}
            form.repeats.set(Form.objects.filter(pk__in=repeated))
        else:
            form.status = FormStatus.SUBMITTED
        form.save()
        audit_updated(actor=actor, obj=form, before=before, unit=form.issuer, reason=form.decision_note)
    return form


def form_decide(*, actor: Any, form: Form, approve: bool, note: str = "") -> Form:
    """The county office approves a submitted form into the catalogue (numbered), or refuses it with a note."""
    if actor is not None:
        access.require(actor, REVIEW, form.issuer)
    note = text_value(note, field="note", label=Form._meta.get_field("decision_note").verbose_name, max_length=2000,
                      required=False, multiline=True, error=FormsError)
    if not approve and not note:
        raise FormsError("note_blank", errors.NOTE_BLANK, "note")
    with transaction.atomic():
        form = Form.objects.select_for_update(of=("self",)).select_related("issuer__county").get(pk=form.pk)
        if form.status != FormStatus.SUBMITTED:
            raise FormsError("not_submitted", errors.NOT_SUBMITTED % {"status": form.get_status_display()})
        if approve:
            check = latest_check(form)
            if check is not None and check.outcome == Outcome.BLOCK:
                raise FormsError("gate_blocked", errors.GATE_BLOCKED % {"reason": form.decision_note or "—"})
        before = snapshot(form)
        today = clock.today()
        form.decided_on = today
        form.decided_by = _user(actor)
        form.decision_note = note
        if approve:
            form.status = FormStatus.APPROVED
            form.catalogue_no = _next_catalogue_no(form, today)
        else:
            form.status = FormStatus.REFUSED
        form.save()
        audit_updated(actor=actor, obj=form, before=before, unit=form.issuer, reason=note)
    return form


def _next_catalogue_no(form: Form, today: dt.date) -> str:
    county = form.issuer.county
    prefix = f"{county.code if county else 'QZ'}-{today.year}-"
    taken = Form.objects.filter(catalogue_no__startswith=prefix).values_list("catalogue_no", flat=True)
    numbers = [int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def form_send(*, actor: Any, form: Form) -> Form:
    """Send a catalogued form to its target units: each gets an answer to fill, known fields pre-filled."""
    if actor is not None:
        access.require(actor, DRAFT, form.issuer)
    with transaction.atomic():
        form = Form.objects.select_for_update(of=("self",)).get(pk=form.pk)
        if form.status != FormStatus.APPROVED:
            raise FormsError("not_in_catalogue", errors.NOT_IN_CATALOGUE % {"status": form.get_status_display()})
        before = snapshot(form)
        fields = list(form.fields.all())
        for unit in form.recipients.all():
            master_record_ensure(unit=unit)
            answer = Answer.objects.create(form=form, unit=unit)
            rows = []
            for f in fields:
                known = selectors.prefill_for(f, unit) if f.known else None
                rows.append(AnswerValue(answer=answer, field=f, value=known[0] if known else "", prefilled=known is not None))
            AnswerValue.objects.bulk_create(rows)
        form.status = FormStatus.SENT
        form.sent_on = clock.today()
        form.save()
        audit_updated(actor=actor, obj=form, before=before, unit=form.issuer)
    return form


def form_merge(
    *, actor: Any, forms: Sequence[Form], issuer: Unit, title: str, purpose: str, frequency: str, legal_basis: str = "",
) -> Form:
    """The county office merges catalogued forms into one (清理规范, 多表合一): a field asking what an earlier field of
    the merged forms already asks is kept once; the merged form enters the catalogue and the old ones retire into it."""
    if actor is not None:
        access.require(actor, REVIEW, issuer)
    values = clean_values(Form, {"title": title, "purpose": purpose, "legal_basis": legal_basis or ""}, error=FormsError)
    values["frequency"] = choice_value(frequency, field="frequency", label=Form._meta.get_field("frequency").verbose_name,
                                       choices=Frequency.choices, error=FormsError)
    county = issuer.county
    today = clock.today()
    with transaction.atomic():
        old = list(Form.objects.select_for_update(of=("self",)).filter(pk__in=[f.pk for f in forms]).order_by("pk"))
        for form in old:
            if form.status not in (FormStatus.APPROVED, FormStatus.SENT) or form.issuer.county_id != issuer.county_id:
                raise FormsError("not_in_catalogue", errors.NOT_IN_CATALOGUE % {"status": form.get_status_display()})
        matcher = selectors.matcher_for(county)
        threshold = known_score(county)
        kept: list[FormField] = []
        for field in FormField.objects.filter(form__in=old).order_by("form_id", "position"):
            spec = selectors.spec(field)
            if any(matcher.compare(spec, selectors.spec(k)).score >= threshold for k in kept):
                continue
            if any(normalise(k.name) == normalise(field.name) for k in kept):
                continue  # the same name with another meaning: kept by the first form only (names are unique in a form)
            kept.append(field)
        merged = Form.objects.create(issuer=issuer, status=FormStatus.APPROVED, decided_on=today, submitted_on=today,
                                     decided_by=_user(actor), created_by=_user(actor), **values)
        merged.catalogue_no = _next_catalogue_no(merged, today)
        merged.save()
        merged.recipients.set(Unit.objects.filter(forms_received__in=old).distinct())
        FormField.objects.bulk_create([
            FormField(form=merged, position=i, name=f.name, type=f.type, unit=f.unit, definition=f.definition)
            for i, f in enumerate(kept, start=1)
        ])
        audit_created(actor=actor, obj=merged, unit=issuer, reason="、".join(f"《{f.title}》" for f in old)[:500])
        for form in old:
            before = snapshot(form)
            form.status, form.retired_on, form.merged_into = FormStatus.RETIRED, today, merged
            form.save()
            audit_updated(actor=actor, obj=form, before=before, unit=form.issuer, reason=f"并入《{merged.title}》")
        form_match(form=merged)
    return merged


# --- filling ------------------------------------------------------------------------------------

def answer_submit(*, actor: Any, answer: Answer, values: Mapping[Any, Any], confirmed: Iterable[Any] = ()) -> Answer:
    """A unit submits its answer: typed values checked by type and unit, every pre-filled value confirmed (or
    corrected). Master-data fields update the unit's master record; the ledger counts the form and its fields."""
    if actor is not None:
        access.require(actor, FILL, answer.unit)
    by_id = {f.pk: f for f in answer.form.fields.all()}
    given: dict[int, Any] = {}
    for key, value in values.items():
        pk = _field_id(key)
        if pk not in by_id:
            raise FormsError("unknown_field", errors.UNKNOWN_FIELD % {"field": str(key)[:20]}, "values")
        given[pk] = value
    ticked = set()
    for key in confirmed:
        pk = _field_id(key)
        if pk not in by_id:
            raise FormsError("unknown_field", errors.UNKNOWN_FIELD % {"field": str(key)[:20]}, "confirmed")
        ticked.add(pk)
    stored = {v.field_id: v for v in answer.values.all()}
    clean: dict[int, tuple[str, bool]] = {}  # field id -> (value, pre-filled and kept)
    for pk, f in sorted(by_id.items(), key=lambda item: item[1].position):
        row = stored.get(pk)
        prefilled = row is not None and row.prefilled
        raw = given.get(pk, row.value if prefilled and row is not None else "")
        value = value_clean(f, raw)
        kept = prefilled and row is not None and value == value_clean(f, row.value, required=False)
        if kept and pk not in ticked:
            raise FormsError("not_confirmed", errors.NOT_CONFIRMED % {"name": f.name}, f"field_{pk}")
        clean[pk] = (value, kept)
    with transaction.atomic():
        locked = Answer.objects.select_for_update(of=("self",)).select_related("form__issuer", "unit").get(pk=answer.pk)
        if locked.status != AnswerStatus.WAITING:
            raise FormsError("not_waiting", errors.NOT_WAITING)
        before = snapshot(locked)
        today = clock.today()
        for pk, (value, kept) in clean.items():
            AnswerValue.objects.update_or_create(answer=locked, field_id=pk, defaults={"value": value, "prefilled": kept})
        locked.status = AnswerStatus.SUBMITTED
        locked.submitted_on = today
        locked.submitted_by = _user(actor)
        locked.prefilled_count = sum(1 for _v, kept in clean.values() if kept)
        locked.typed_count = len(clean) - locked.prefilled_count
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.unit)
        master = {int(by_id[pk].master_field_id or 0): value for pk, (value, _kept) in clean.items()
                  if by_id[pk].match_kind == MatchKind.MASTER and by_id[pk].master_field_id}
        if master:
            _master_update(actor=actor, unit=locked.unit, values=master, source=f"《{locked.form.title}》")
        issuer = locked.form.issuer_id
        ledger_add_many(measure=MEASURE_FILLED, rows=[(locked.unit_id, today, 1.0, issuer)])
        ledger_add_many(measure=MEASURE_TYPED, rows=[(locked.unit_id, today, float(locked.typed_count), issuer)])
        ledger_add_many(measure=MEASURE_PREFILLED, rows=[(locked.unit_id, today, float(locked.prefilled_count), issuer)])
    return locked


def _field_id(key: Any) -> int:
    text = str(key)
    if text.startswith("field_"):
        text = text[6:]
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise FormsError("unknown_field", errors.UNKNOWN_FIELD % {"field": text[:20].encode("utf-8", "replace").decode()}, "values")
    return int(text)


# --- the master record ----------------------------------------------------------------------------

def master_fields_ensure() -> list[MasterField]:
    """The master record's fields; seeded here too when missing (a database flushed after the data migration ran)."""
    from qingzhuang.forms.master import MASTER_FIELDS

    fields = list(MasterField.objects.all())
    if len(fields) >= len(MASTER_FIELDS):
        return fields
    for order, (code, group, name, type_, unit, definition) in enumerate(MASTER_FIELDS, start=1):
        MasterField.objects.get_or_create(code=code, defaults={"group": group, "name": name, "type": type_, "unit": unit,
                                                                "definition": definition, "order": order})
    return list(MasterField.objects.all())


def master_record_ensure(*, unit: Unit) -> MasterRecord:
    """The unit's master record, made on first use from its latest community profile (households, residents, staff)."""
    record = MasterRecord.objects.filter(unit=unit).first()
    if record is not None:
        return record
    with transaction.atomic():
        record, created = MasterRecord.objects.get_or_create(unit=unit)
        if created:
            master_fields_ensure()
            profile = unit.profiles.order_by("-valid_from").first()
            if profile is not None:
                fields = {f.code: f for f in MasterField.objects.filter(code__in=PROFILE_FIELDS)}
                for code, attr in PROFILE_FIELDS.items():
                    if code in fields:
                        MasterValue.objects.create(record=record, field=fields[code], value=str(getattr(profile, attr)),
                                                   confirmed_on=profile.valid_from, source="社区概况")
            audit_created(actor=None, obj=record, unit=unit, reason="社区概况")
    return record


def master_value_set(*, actor: Any, unit: Unit, code: str, value: Any) -> MasterValue:
    """A community confirms or corrects one value of its master record."""
    if actor is not None:
        access.require(actor, FILL, unit)
    master_fields_ensure()
    field = MasterField.objects.filter(code=str(code)[:40]).first() if isinstance(code, str) else None
    if field is None:
        raise FormsError("master_field_unknown", errors.MASTER_FIELD_UNKNOWN % {"field": str(code)[:20]}, "code")
    clean = value_clean(field, value)
    with transaction.atomic():
        _master_update(actor=actor, unit=unit, values={field.pk: clean}, source="")
    return MasterValue.objects.get(record__unit=unit, field=field)


def _master_update(*, actor: Any, unit: Unit, values: Mapping[int, str], source: str) -> None:
    """Write values into the unit's master record (a new version when one changes), each confirmed today; audited."""
    record = MasterRecord.objects.select_for_update(of=("self",)).get(pk=master_record_ensure(unit=unit).pk)
    today = clock.today()
    changed = False
    for field_id, value in values.items():
        row = MasterValue.objects.filter(record=record, field_id=field_id).first()
        if row is None:
            row = MasterValue.objects.create(record=record, field_id=field_id, value=value, confirmed_on=today,
                                             version=record.version + 1, source=source)
            audit_created(actor=actor, obj=row, unit=unit, reason=source)
            changed = True
            continue
        before = snapshot(row)
        if row.value != value:
            row.version = record.version + 1
            changed = True
        row.value, row.confirmed_on, row.source = value, today, source or row.source
        row.save()
        audit_updated(actor=actor, obj=row, before=before, unit=unit, reason=source)
    if changed:
        before = snapshot(record)
        record.version += 1
        record.save()
        audit_updated(actor=actor, obj=record, before=before, unit=unit, reason=source)


# --- synonyms -------------------------------------------------------------------------------------

def synonym_group_save(*, actor: Any, county: Any, words: str, note: str = "", group: SynonymGroup | None = None) -> SynonymGroup:
    """Create or change a county's synonym group (words separated by 、 , ， ; or spaces)."""
    from qingzhuang.gate.selectors import county_office

    office = county_office(county) if county is not None else None
    if actor is not None:
        if office is None:
            raise FormsError("not_a_county", errors.NOT_A_COUNTY)
        access.require(actor, SYNONYMS, office)
    values = clean_values(SynonymGroup, {"words": words, "note": note or ""}, error=FormsError)
    parts = []
    for w in re.split(r"[、,，;；\s/]+", values["words"]):
        if w and not is_blank(w) and w not in parts:
            parts.append(w)
    if len({normalise(p) for p in parts if normalise(p)}) < 2:
        raise FormsError("synonyms_too_few", errors.SYNONYMS_TOO_FEW, "words")
    joined = "、".join(parts)
    with transaction.atomic():
        if group is None:
            group = SynonymGroup.objects.create(county=county, words=joined, note=values["note"])
            audit_created(actor=actor, obj=group, unit=office)
            return group
        before = snapshot(group)
        group.words, group.note = joined, values["note"]
        group.save()
        audit_updated(actor=actor, obj=group, before=before, unit=office)
    return group


def synonym_group_delete(*, actor: Any, group: SynonymGroup) -> None:
    from qingzhuang.gate.selectors import county_office

    office = county_office(group.county) if group.county_id else None
    if actor is not None:
        if office is None:
            raise FormsError("not_a_county", errors.NOT_A_COUNTY)
        access.require(actor, SYNONYMS, office)
    with transaction.atomic():
        audit_record(actor=actor, action="delete", obj=group, unit=office, changes={"words": [group.words, None]})
        group.delete()


# --- the issuer's layout --------------------------------------------------------------------------

def form_template_set(*, actor: Any, form: Form, name: str, data: bytes) -> Form:
    """Attach the issuer's own workbook: every field's cell must be on it (checked within the upload bounds)."""
    from qingzhuang.forms.workbooks import template_check

    if actor is not None:
        access.require(actor, DRAFT, form.issuer)
    if form.status in (FormStatus.REFUSED, FormStatus.RETIRED):
        raise FormsError("not_a_draft", errors.NOT_A_DRAFT % {"status": form.get_status_display()})
    file_name = text_value(name or "template.xlsx", field="file", label=Form._meta.get_field("template_name").verbose_name,
                           max_length=200, error=FormsError)
    template_check(name=file_name, data=data, fields=list(form.fields.all()))
    with transaction.atomic():
        locked = Form.objects.select_for_update(of=("self",)).get(pk=form.pk)
        before = snapshot(locked)
        locked.template, locked.template_name = data, file_name
        locked.save()
        audit_updated(actor=actor, obj=locked, before=before, unit=locked.issuer)
    return locked


def master_values_set(*, actor: Any, unit: Unit, values: Mapping[str, Any]) -> int:
    """A community confirms its master record: every value checked first, then the changed and confirmed ones
    written in one version; returns how many were written."""
    if actor is not None:
        access.require(actor, FILL, unit)
    fields = {f.code: f for f in master_fields_ensure()}
    clean: dict[int, str] = {}
    for code, raw in values.items():
        field = fields.get(str(code))
        if field is None:
            raise FormsError("master_field_unknown", errors.MASTER_FIELD_UNKNOWN % {"field": str(code)[:20]}, "code")
        value = value_clean(field, raw, required=False)
        if value != "":
            clean[field.pk] = value
    if clean:
        with transaction.atomic():
            _master_update(actor=actor, unit=unit, values=clean, source="")
    return len(clean)
