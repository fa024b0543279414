"""A deterministic synthetic registry for load and performance work.

``generate(agreements=N, seed=S)`` writes every registry model in realistic
proportions to the number of agreements (see ``Plan``): Vietnamese and English
text with real diacritics, every visibility level (about 55 % public, 30 %
government, 15 % internal), some unknown dates and missing translations.
Primary keys are given explicitly (1..n, after any rows already present), so
foreign keys need no lookups and a seed always yields the same rows.

On PostgreSQL rows go through ``COPY`` (psycopg 3), elsewhere through
``bulk_create``. Any column the generator does not fill takes the model
field's default, so new fields with defaults need no change here.
"""

import datetime
import random
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator
from tqdm import tqdm

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment
from core.counts import bump_data_version
from core.models import Source
from events.models import Delegation, DelegationMember, Event, Initiative
from organizations.models import Ballot, Dues, Membership, Office, Organization, Person

SCALES = {"tiny": 40, "1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}

# The models the generator fills, in dependency order.
MODELS = (
    Source,
    Organization,
    Person,
    Membership,
    Dues,
    Agreement,
    AgreementParty,
    AgreementStatusChange,
    Commitment,
    Event,
    Delegation,
    DelegationMember,
    Initiative,
    Ballot,
    Office,
)

# Searching for these words is what the benchmark measures: the first occurs
# in most agreement titles, the second in about one in two thousand.
COMMON_TERM = "hợp tác"
SELECTIVE_TERM = "vi mạch bán dẫn"

TOPICS = [
    ("đo lường", "metrology"),
    ("tiêu chuẩn hóa", "standardization"),
    ("chất lượng sản phẩm", "product quality"),
    ("đánh giá sự phù hợp", "conformity assessment"),
    ("hàng rào kỹ thuật trong thương mại", "technical barriers to trade"),
    ("năng suất", "productivity"),
    ("mã số mã vạch", "barcodes"),
    ("công nhận phòng thử nghiệm", "laboratory accreditation"),
    ("an toàn thực phẩm", "food safety"),
    ("năng lượng tái tạo", "renewable energy"),
    ("điện tử dân dụng", "consumer electronics"),
    ("đồ chơi trẻ em", "children's toys"),
    ("thép xây dựng", "construction steel"),
    ("khí tượng thủy văn", "hydrometeorology"),
    ("truy xuất nguồn gốc", "traceability"),
    ("thương mại điện tử", "e-commerce"),
]
RARE_TOPIC = (SELECTIVE_TERM, "semiconductor chips")
PLACES = [
    ("Hà Nội", "Hanoi", "VN"),
    ("Thành phố Hồ Chí Minh", "Ho Chi Minh City", "VN"),
    ("Đà Nẵng", "Da Nang", "VN"),
    ("Huế", "Hue", "VN"),
    ("Seoul", "Seoul", "KR"),
    ("Tokyo", "Tokyo", "JP"),
    ("Bắc Kinh", "Beijing", "CN"),
    ("Geneva", "Geneva", "CH"),
    ("Viêng Chăn", "Vientiane", "LA"),
    ("Phnôm Pênh", "Phnom Penh", "KH"),
    ("Băng Cốc", "Bangkok", "TH"),
    ("Mát-xcơ-va", "Moscow", "RU"),
    ("Béc-lin", "Berlin", "DE"),
    ("Pa-ri", "Paris", "FR"),
    ("Ốt-ta-oa", "Ottawa", "CA"),
    ("Can-bê-ra", "Canberra", "AU"),
]
ORG_WORDS = [
    ("Viện Tiêu chuẩn", "Standards Institute", "SI"),
    ("Cơ quan Đo lường", "Metrology Agency", "MA"),
    ("Hiệp hội Chất lượng", "Quality Association", "QA"),
    ("Trung tâm Thử nghiệm", "Testing Centre", "TC"),
    ("Ủy ban Kỹ thuật", "Technical Committee", "TK"),
    ("Diễn đàn Hợp tác", "Cooperation Forum", "CF"),
    ("Tổ chức Công nhận", "Accreditation Body", "AB"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Linh", "Lộc", "Mai", "Phương", "Sơn"]
VISIBILITIES = ["public"] * 11 + ["government"] * 6 + ["internal"] * 3
EPOCH = datetime.date(1995, 1, 1)
SPAN_DAYS = 32 * 365
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Plan:
    """How many rows of each model go with ``agreements`` agreements."""

    agreements: int

    def count(self, model) -> int:
        a = self.agreements
        organizations = max(20, a // 20)
        return {
            Source: max(3, a // 200),
            Organization: organizations,
            Person: max(10, a // 10),
            Membership: organizations - 1 + (organizations - 1) // 2,
            Dues: 3 * (organizations - 1 + (organizations - 1) // 2),
            Agreement: a,
            AgreementParty: 2 * a,
            AgreementStatusChange: 2 * a,
            Commitment: a,
            Event: max(10, a // 2),
            Delegation: max(5, a // 4),
            DelegationMember: 3 * max(5, a // 4),
            Initiative: max(3, a // 20),
            Ballot: max(3, a // 10),
            Office: max(3, a // 20),
        }[model]


def parse_scale(scale: str) -> int:
    """``1k``, ``100k``, ``1m``, ``tiny`` or a plain number of agreements."""
    key = scale.strip().lower()
    if key in SCALES:
        return SCALES[key]
    multiplier = {"k": 1_000, "m": 1_000_000}.get(key[-1:], 1)
    digits = key[:-1] if multiplier > 1 else key
    if not digits.isdigit() or int(digits) * multiplier < 1:
        raise ValueError(f"unknown scale {scale!r}: use tiny, 1k, 100k, 1m or a number of agreements")
    return int(digits) * multiplier


def has_data() -> bool:
    return any(model.objects.exists() for model in MODELS)


class Generator:
    def __init__(self, plan: Plan, seed: int, progress: bool):
        self.plan, self.seed, self.progress = plan, seed, progress
        self.offset = {model: _max_id(model) for model in MODELS}
        self.n = {model: plan.count(model) for model in MODELS}
        self.own_org = settings.COOPDB_OWN_ORGANIZATION
        # Asked now: no other query may run while a COPY is under way.
        self.own_org_missing = not Organization.objects.filter(slug=self.own_org).exists()

    # -- helpers -----------------------------------------------------------
    def rng(self, model) -> random.Random:
        return random.Random(self.seed * 1_000_003 + zlib.crc32(model._meta.label.encode()))

    def ref(self, model, index: int) -> int:
        """Primary key of the ``index``-th generated row of ``model``."""
        return self.offset[model] + 1 + index % self.n[model]

    def pick(self, rng, model) -> int:
        return self.ref(model, rng.randrange(self.n[model]))

    def tag(self) -> str:
        return f"g{self.seed}"

    @staticmethod
    def day(rng, unknown: float = 0.0) -> datetime.date | None:
        if unknown and rng.random() < unknown:
            return None
        return EPOCH + datetime.timedelta(days=rng.randrange(SPAN_DAYS))

    @staticmethod
    def english(rng, text: str) -> str | None:
        return text if rng.random() < 0.8 else None

    def record(self, rng, index: int) -> dict:
        stamp = STAMP + datetime.timedelta(seconds=index)
        return {
            "visibility": rng.choice(VISIBILITIES),
            "source_id": self.pick(rng, Source),
            "created_at": stamp,
            "updated_at": stamp,
        }

    def topic(self, rng) -> tuple[str, str]:
        return RARE_TOPIC if rng.random() < 0.0005 else rng.choice(TOPICS)

    # -- rows per model ----------------------------------------------------
    def sources(self, rng, i):
        stamp = STAMP + datetime.timedelta(seconds=i)
        return {
            "key": f"{self.tag()}-source-{i}",
            "title_vi": f"Báo cáo hợp tác quốc tế về tiêu chuẩn, đo lường, chất lượng số {i}",
            "title_en": self.english(rng, f"International cooperation report no. {i}"),
            "publisher": "Tổng cục Tiêu chuẩn Đo lường Chất lượng",
            "published_on": self.day(rng, unknown=0.1),
            "created_at": stamp,
            "updated_at": stamp,
        }

    def organizations(self, rng, i):
        row = self.record(rng, i)
        if i == 0 and self.own_org_missing:
            row.update(
                slug=self.own_org,
                acronym="STAMEQ",
                name_vi="Tổng cục Tiêu chuẩn Đo lường Chất lượng",
                name_en="Directorate for Standards, Metrology and Quality",
                kind="government",
                country="VN",
                visibility="public",
            )
            return row
        word_vi, word_en, letters = rng.choice(ORG_WORDS)
        place_vi, place_en, country = rng.choice(PLACES)
        kinds = ["international", "regional", "national_body", "national_body", "committee", "forum", "unit", "coe"]
        parent = self.ref(Organization, rng.randrange(i)) if i > 10 and rng.random() < 0.2 else None
        row.update(
            slug=f"{self.tag()}-org-{i}",
            acronym=f"{letters}{i}",
            name_vi=f"{word_vi} {place_vi} {i}",
            name_en=self.english(rng, f"{word_en} of {place_en} {i}"),
            kind=rng.choice(kinds),
            country=country,
            parent_id=parent,
            founded_year=rng.randrange(1900, 2020) if rng.random() < 0.6 else None,
            description_vi=f"Đối tác về {rng.choice(TOPICS)[0]} tại {place_vi}.",
        )
        return row

    def people(self, rng, i):
        row = self.record(rng, i)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        row.update(
            slug=f"{self.tag()}-person-{i}",
            full_name=name,
            position_vi=rng.choice(["Vụ trưởng", "Phó Vụ trưởng", "Chuyên viên chính", "Giám đốc Trung tâm"]),
            position_en=self.english(rng, "Official"),
            unit_id=self.pick(rng, Organization) if rng.random() < 0.8 else None,
            email=f"person{i}@example.gov.vn",
        )
        return row

    def memberships(self, rng, i):
        # Our own body joins every other organization once, then other
        # organizations join each other (distinct pairs, never themselves).
        n_org = self.n[Organization]
        if i < n_org - 1:
            member, organization = 0, i + 1
        else:
            k = i - (n_org - 1)
            member, organization = 1 + 2 * k, 2 + 2 * k
        since = self.day(rng, unknown=0.25)
        row = self.record(rng, i)
        row.update(
            member_id=self.ref(Organization, member),
            organization_id=self.ref(Organization, organization),
            member_class=rng.choice(["full", "full", "associate", "p_member", "o_member", "observer"]),
            since=since,
            since_year=None if since else rng.randrange(1980, 2024),
            note_vi="Thành viên chính thức" if rng.random() < 0.3 else None,
        )
        return row

    def dues(self, rng, i):
        year = 2020 + i % 3
        due = datetime.date(year, 3, 31)
        paid = due + datetime.timedelta(days=rng.randrange(-60, 90)) if rng.random() < 0.8 else None
        amount = rng.randrange(1_000, 90_000) if rng.random() < 0.9 else None
        row = self.record(rng, i)
        row.update(
            visibility=rng.choice(["public", "public", "government"]),
            membership_id=self.ref(Membership, i // 3),
            year=year,
            amount=amount,
            currency="CHF" if amount is not None else "",
            due_on=due,
            paid_on=paid,
        )
        return row

    def agreements(self, rng, i):
        kind = rng.choice(["mou", "mou", "mou", "plan", "cooperation", "mra", "fta", "other"])
        topic_vi, topic_en = self.topic(rng)
        place_vi, place_en, _country = rng.choice(PLACES)
        signed = self.day(rng, unknown=0.08)
        valid_from = signed + datetime.timedelta(days=rng.randrange(0, 120)) if signed and rng.random() < 0.8 else None
        valid_until = valid_from + datetime.timedelta(days=5 * 365) if valid_from and rng.random() < 0.6 else None
        lead_vi = {"mou": "Bản ghi nhớ hợp tác", "plan": "Kế hoạch hợp tác", "fta": "Hiệp định thương mại tự do"}
        lead_en = {"mou": "Memorandum of understanding", "plan": "Cooperation plan", "fta": "Free trade agreement"}
        row = self.record(rng, i)
        row.update(
            slug=f"{self.tag()}-agreement-{i}",
            kind=kind,
            title_vi=f"{lead_vi.get(kind, 'Thỏa thuận hợp tác')} về {topic_vi} với {place_vi} số {i}",
            title_en=self.english(rng, f"{lead_en.get(kind, 'Cooperation agreement')} on {topic_en}, {place_en} {i}"),
            short_title_vi=f"FTA-{i}" if kind == "fta" else "",
            status=rng.choice(["signed", "in_force", "in_force", "expired"]) if signed else "negotiating",
            signed_on=signed,
            valid_from=valid_from,
            valid_until=valid_until,
            summary_vi=f"Hai bên thống nhất trao đổi chuyên gia và thông tin về {topic_vi}.",
            parent_id=self.ref(Agreement, i - 1) if kind == "plan" and i > 0 and rng.random() < 0.5 else None,
        )
        return row

    def parties(self, rng, i):
        agreement = i // 2
        # Our own body signs first; the partner is any other organization.
        organization = 0 if i % 2 == 0 else 1 + rng.randrange(self.n[Organization] - 1)
        row = self.record(rng, i)
        row.update(
            visibility=rng.choice(["public"] * 8 + ["government", "internal"]),
            agreement_id=self.ref(Agreement, agreement),
            organization_id=self.ref(Organization, organization),
            role="signatory",
            signatory_vi=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}, Tổng cục trưởng" if rng.random() < 0.5 else "",
            signed_on=self.day(rng, unknown=0.5),
        )
        return row

    def status_changes(self, rng, i):
        agreement = i // 2
        status = ("signed", "in_force")[i % 2]
        changed = self.day(rng, unknown=0.3)
        row = self.record(rng, i)
        row.update(
            visibility=rng.choice(["public"] * 9 + ["government"]),
            agreement_id=self.ref(Agreement, agreement),
            status=status,
            changed_on=changed,
            year=None if changed else rng.randrange(1995, 2027),
            note_vi="Có hiệu lực từ ngày ký" if rng.random() < 0.2 else None,
        )
        return row

    def commitments(self, rng, i):
        topic_vi, topic_en = self.topic(rng)
        row = self.record(rng, i)
        row.update(
            visibility=rng.choice(["public"] * 8 + ["government", "internal"]),
            agreement_id=self.pick(rng, Agreement),
            code=f"c{i}",
            reference=f"Điều {rng.randrange(1, 30)}",
            title_vi=f"Cam kết về {topic_vi} số {i}",
            title_en=self.english(rng, f"Commitment on {topic_en} no. {i}"),
            responsible_unit_id=self.pick(rng, Organization) if rng.random() < 0.7 else None,
            responsible_person_id=self.pick(rng, Person) if rng.random() < 0.5 else None,
            deadline=self.day(rng, unknown=0.2),
            status=rng.choice(["not_started", "in_progress", "ongoing", "implemented", "cancelled"]),
        )
        return row

    def events(self, rng, i):
        topic_vi, topic_en = self.topic(rng)
        place_vi, place_en, country = rng.choice(PLACES)
        start = self.day(rng)
        row = self.record(rng, i)
        row.update(
            slug=f"{self.tag()}-event-{i}",
            kind=rng.choice(["annual_meeting", "meeting", "bilateral", "conference", "workshop", "training"]),
            title_vi=f"Hội thảo về {topic_vi} tại {place_vi} lần thứ {i}",
            title_en=self.english(rng, f"Workshop on {topic_en} in {place_en} no. {i}"),
            forum_id=self.pick(rng, Organization) if rng.random() < 0.7 else None,
            start_on=start,
            end_on=start + datetime.timedelta(days=rng.randrange(0, 5)) if rng.random() < 0.7 else None,
            mode=rng.choice(["in_person", "in_person", "online", "hybrid"]),
            city_vi=place_vi,
            city_en=place_en,
            country=country,
            hosted_by_us=rng.random() < 0.2,
            chaired_by_us=rng.random() < 0.1,
        )
        return row

    def delegations(self, rng, i):
        has_head = rng.random() < 0.8
        start = self.day(rng, unknown=0.1)
        row = self.record(rng, i)
        row.update(
            slug=f"{self.tag()}-delegation-{i}",
            direction=rng.choice(["outgoing", "outgoing", "incoming"]),
            title_vi=f"Đoàn công tác số {i} về {rng.choice(TOPICS)[0]}",
            event_id=self.pick(rng, Event) if rng.random() < 0.6 else None,
            counterpart_id=self.pick(rng, Organization) if rng.random() < 0.5 else None,
            start_on=start,
            end_on=start + datetime.timedelta(days=rng.randrange(1, 10)) if start else None,
            head_id=self.pick(rng, Person) if has_head else None,
            headcount=None if has_head else rng.randrange(2, 30),
        )
        return row

    def delegation_members(self, rng, i):
        delegation = i // 3
        # Three distinct people per delegation: consecutive people from a random start.
        person = (delegation * 7 + i % 3) % self.n[Person]
        row = self.record(rng, i)
        row.update(
            visibility=rng.choice(["public"] * 8 + ["government", "internal"]),
            delegation_id=self.ref(Delegation, delegation),
            person_id=self.ref(Person, person),
            role_vi=["Trưởng đoàn", "Thành viên", "Thư ký"][i % 3],
        )
        return row

    def initiatives(self, rng, i):
        topic_vi, _topic_en = self.topic(rng)
        row = self.record(rng, i)
        row.update(
            slug=f"{self.tag()}-initiative-{i}",
            title_vi=f"Sáng kiến về {topic_vi} số {i}",
            forum_id=self.pick(rng, Organization) if rng.random() < 0.8 else None,
            year=rng.randrange(1995, 2027) if rng.random() < 0.9 else None,
            proposer_id=self.ref(Organization, 0),
            status=rng.choice(["proposed", "adopted", "in_progress", "completed", "not_adopted"]),
        )
        return row

    def ballots(self, rng, i):
        closes = self.day(rng)
        row = self.record(rng, i)
        row.update(
            committee_id=self.pick(rng, Organization),
            reference=f"ISO/DIS {10000 + i}",
            stage=rng.choice(["np", "cd", "dis", "fdis", "sr"]),
            title_vi=f"Dự thảo tiêu chuẩn về {rng.choice(TOPICS)[0]}",
            opens_on=closes - datetime.timedelta(days=84) if rng.random() < 0.8 else None,
            closes_on=closes,
            vote=rng.choice(["pending", "approve", "approve_comments", "disapprove", "abstain"]),
        )
        return row

    def offices(self, rng, i):
        start = self.day(rng, unknown=0.2)
        row = self.record(rng, i)
        row.update(
            slug=f"{self.tag()}-office-{i}",
            role=rng.choice(["chair", "co_chair", "vice_chair", "secretary", "focal_point"]),
            body_id=self.pick(rng, Organization),
            holder_organization_id=self.ref(Organization, 0),
            holder_person_id=self.pick(rng, Person) if rng.random() < 0.5 else None,
            term_start=start,
            term_end=start + datetime.timedelta(days=2 * 365) if start else None,
            term_year=None if start else rng.randrange(1995, 2027),
        )
        return row

    def builders(self) -> dict:
        return {
            Source: self.sources,
            Organization: self.organizations,
            Person: self.people,
            Membership: self.memberships,
            Dues: self.dues,
            Agreement: self.agreements,
            AgreementParty: self.parties,
            AgreementStatusChange: self.status_changes,
            Commitment: self.commitments,
            Event: self.events,
            Delegation: self.delegations,
            DelegationMember: self.delegation_members,
            Initiative: self.initiatives,
            Ballot: self.ballots,
            Office: self.offices,
        }

    def run(self) -> dict:
        counts = {}
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # A bulk load, not a web request: the app's statement time-out
                # (settings.DATABASE_STATEMENT_TIMEOUT) would cancel a COPY that
                # also computes the stored search columns.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = 0")
            for model, build in self.builders().items():
                counts[model._meta.label] = self.write(model, build)
            # Rows were written with explicit keys: move the id sequences past them.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(MODELS)):
                    cursor.execute(sql)
        return counts

    def write(self, model, build: Callable) -> int:
        rng = self.rng(model)
        total = self.n[model]
        columns = RowShape(model)
        rows = (columns.complete(self.offset[model] + 1 + i, build(rng, i)) for i in range(total))
        bar = tqdm(total=total, desc=model._meta.label, unit=" rows", disable=not self.progress, leave=True)
        with bar:
            if connection.vendor == "postgresql":
                _copy(model, columns.attnames, rows, bar)
            else:
                _bulk_create(model, columns.attnames, rows, bar)
        return total


class RowShape:
    """Every concrete column of a model, with the field defaults for those a
    builder leaves out; a translated field's own column gets the Vietnamese."""

    def __init__(self, model):
        # Generated columns (the search columns) are PostgreSQL's to fill.
        self.fields = [field for field in model._meta.concrete_fields if not field.generated]
        self.attnames = [field.attname for field in self.fields]
        self.defaults = {field.attname: _default(field) for field in self.fields}
        try:
            self.translated = list(translator.get_options_for_model(model).fields)
        except NotRegistered:
            self.translated = []

    def complete(self, pk: int, row: dict) -> list:
        for name in self.translated:
            vi = row.get(f"{name}_vi")
            row[name] = vi if vi is not None else self.defaults[name]
        row["id"] = pk
        return [row[name] if name in row else self.defaults[name] for name in self.attnames]


def _default(field):
    value = field.get_default()  # "" for text without a default, None for nullable columns
    return getattr(value, "code", value)  # a django-countries default


def _max_id(model) -> int:
    return model.objects.aggregate(top=models.Max("pk"))["top"] or 0


def _copy(model, attnames, rows: Iterator[list], bar) -> None:
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(a).column) for a in _names(model, attnames))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            written = 0
            for written, row in enumerate(rows, 1):
                copy.write_row(row)
                if written % 10_000 == 0:
                    bar.update(10_000)
            bar.update(written % 10_000)


def _names(model, attnames):
    by_attname = {field.attname: field.name for field in model._meta.concrete_fields}
    return [by_attname[a] for a in attnames]


def _bulk_create(model, attnames, rows: Iterator[list], bar) -> None:
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(attnames, row, strict=True))))
        if len(batch) == 2_000:
            model.objects.bulk_create(batch)
            bar.update(len(batch))
            batch = []
    model.objects.bulk_create(batch)
    bar.update(len(batch))


def generate(*, agreements: int, seed: int, progress: bool = False) -> dict:
    """Write the registry for ``agreements`` agreements; the row count per model."""
    started = timezone.now()
    counts = Generator(Plan(agreements), seed, progress).run()
    bump_data_version()  # COPY sends no post_save: cached page counts must not outlive it
    counts["seconds"] = (timezone.now() - started).total_seconds()
    return counts
