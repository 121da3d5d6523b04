"""The repair conversation: private sides revealed together, an agreement, forgiveness."""

from __future__ import annotations

from typing import Any

import pytest

from closeknit.conflict import services
from closeknit.conflict.models import Repair, RepairSide
from closeknit.conflict.tests.support import call, page
from closeknit.insights.models import Activity
from closeknit.lib.errors import ConflictError, ServiceError

pytestmark = pytest.mark.django_db

SIDE_A: dict[str, Any] = {
    "feelings": ["hurt"],
    "trigger": "Secret-trig-A",
    "my_part": "Secret-part-A",
    "need": "Secret-need-A",
    "differently": "Secret-diff-A",
}
SIDE_B: dict[str, Any] = {
    "feelings": ["lonely"],
    "trigger": "Trig-B",
    "my_part": "Part-B",
    "need": "Need-B",
    "differently": "Diff-B",
}


def write(persona, repair, side):
    services.save_repair_side(user=persona.user, repair_id=repair.id, **side)
    services.finish_repair_side(user=persona.user, repair_id=repair.id)


def agreed(partner_a, partner_b):
    repair = services.start_repair(user=partner_a.user, title="Secret-title")
    write(partner_a, repair, SIDE_A)
    write(partner_b, repair, SIDE_B)
    services.set_repair_agreement(user=partner_a.user, repair_id=repair.id, text="Walk first")
    services.accept_repair_agreement(user=partner_b.user, repair_id=repair.id)
    return repair


def state(repair):
    return Repair.objects.prefetch_related("sides").get(id=repair.id).state


def test_a_repair_goes_from_writing_to_forgiven(partner_a, partner_b):
    repair = services.start_repair(user=partner_a.user, title="  Saturday  ")
    assert repair.title == "Saturday"
    write(partner_a, repair, SIDE_A)
    assert state(repair) == "writing"
    write(partner_b, repair, SIDE_B)
    assert state(repair) == "revealed"
    services.set_repair_agreement(user=partner_b.user, repair_id=repair.id, text="Talk at 8")
    assert state(repair) == "revealed"
    services.accept_repair_agreement(user=partner_a.user, repair_id=repair.id)
    assert state(repair) == "agreed"
    services.forgive_repair(user=partner_a.user, repair_id=repair.id)
    assert state(repair) == "agreed"
    services.forgive_repair(user=partner_b.user, repair_id=repair.id)
    assert state(repair) == "forgiven"
    kinds = sorted(Activity.objects.filter(practice="conflict").values_list("kind", flat=True))
    assert kinds == ["repair_forgiven"] * 2 + ["repair_side"] * 2


def test_a_side_is_refused_with_no_feeling_or_more_than_three(partner_a):
    repair = services.start_repair(user=partner_a.user, title="t")
    with pytest.raises(ServiceError) as error:
        services.save_repair_side(
            user=partner_a.user, repair_id=repair.id, feelings=["hurt", "sad", "lonely", "angry"]
        )
    assert error.value.field == "feelings"
    with pytest.raises(ServiceError):
        services.save_repair_side(user=partner_a.user, repair_id=repair.id, feelings=["nope"])
    services.save_repair_side(user=partner_a.user, repair_id=repair.id, feelings=[])
    with pytest.raises(ServiceError) as error:
        services.finish_repair_side(user=partner_a.user, repair_id=repair.id)
    assert error.value.field == "feelings"
    services.save_repair_side(user=partner_a.user, repair_id=repair.id, feelings=["hurt"])
    with pytest.raises(ServiceError) as error:
        services.finish_repair_side(user=partner_a.user, repair_id=repair.id)
    assert error.value.field == "trigger"


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 120), ("trigger", 1000), ("agreement", 500)]
)
def test_overlong_text_is_refused(partner_a, partner_b, field, limit):
    if field == "title":
        with pytest.raises(ServiceError):
            services.start_repair(user=partner_a.user, title="x" * (limit + 1))
        return
    repair = services.start_repair(user=partner_a.user, title="t")
    if field == "trigger":
        with pytest.raises(ServiceError):
            services.save_repair_side(
                user=partner_a.user, repair_id=repair.id, feelings=["hurt"], trigger="x" * 1001
            )
        return
    write(partner_a, repair, SIDE_A)
    write(partner_b, repair, SIDE_B)
    with pytest.raises(ServiceError):
        services.set_repair_agreement(user=partner_a.user, repair_id=repair.id, text="x" * 501)


def test_a_done_side_can_no_longer_be_edited(partner_a):
    repair = services.start_repair(user=partner_a.user, title="t")
    write(partner_a, repair, SIDE_A)
    with pytest.raises(ConflictError):
        services.save_repair_side(user=partner_a.user, repair_id=repair.id, **SIDE_B)
    assert RepairSide.objects.get().trigger == SIDE_A["trigger"]


def test_no_agreement_before_both_sides_are_done(partner_a):
    repair = services.start_repair(user=partner_a.user, title="t")
    write(partner_a, repair, SIDE_A)
    with pytest.raises(ConflictError):
        services.set_repair_agreement(user=partner_a.user, repair_id=repair.id, text="x")


def test_editing_the_agreement_resets_the_partners_acceptance(partner_a, partner_b):
    repair = agreed(partner_a, partner_b)
    assert state(repair) == "agreed"
    services.set_repair_agreement(user=partner_a.user, repair_id=repair.id, text="Walk, then talk")
    assert state(repair) == "revealed"
    with pytest.raises(ConflictError):
        services.forgive_repair(user=partner_a.user, repair_id=repair.id)
    services.accept_repair_agreement(user=partner_b.user, repair_id=repair.id)
    services.forgive_repair(user=partner_b.user, repair_id=repair.id)
    with pytest.raises(ConflictError):
        services.set_repair_agreement(user=partner_a.user, repair_id=repair.id, text="Other")


def test_someone_on_their_own_cannot_start_a_repair(solo):
    with pytest.raises(ServiceError):
        services.start_repair(user=solo.user, title="t")


# The reveal rule, everywhere


def test_nothing_of_a_side_is_visible_to_the_partner_before_both_are_done(partner_a, partner_b):
    repair = services.start_repair(user=partner_a.user, title="Title")
    write(partner_a, repair, SIDE_A)
    services.save_repair_side(user=partner_b.user, repair_id=repair.id, **SIDE_B)
    url = f"/conflict/repairs/{repair.id}/"
    seen = [
        page(partner_b.client.get(url)),
        page(partner_b.client.get("/conflict/repairs/")),
        str(call(partner_b, "GET", f"/conflict/repairs/{repair.id}", status=200)),
        str(call(partner_b, "GET", "/conflict/repairs", status=200)),
        str(
            call(
                partner_b,
                "PUT",
                f"/conflict/repairs/{repair.id}/agreement",
                {"agreement": "x"},
                status=409,
            )
        ),
        page(
            partner_b.client.post(f"/conflict/repairs/{repair.id}/agreement/", {"agreement": "x"})
        ),
        str(call(partner_b, "POST", f"/conflict/repairs/{repair.id}/forgive", status=409)),
    ]
    for text in seen:
        assert "Secret-" not in text
    assert 'id="feeling-hurt" checked' not in seen[0]
    assert "hurt" not in seen[2] + seen[3]
    body = call(partner_b, "GET", f"/conflict/repairs/{repair.id}", status=200)
    assert body["theirs"] is None
    assert body["partner_done"] is True
    assert "Trig-B" not in page(partner_a.client.get(url))
    services.finish_repair_side(user=partner_b.user, repair_id=repair.id)
    revealed = page(partner_b.client.get(url))
    assert "Secret-trig-A" in revealed
    assert "Secret-diff-A" in revealed
    body = call(partner_a, "GET", f"/conflict/repairs/{repair.id}", status=200)
    assert body["theirs"]["trigger"] == "Trig-B"
    assert body["theirs"]["feelings"] == [{"key": "lonely", "label": "lonely"}]
