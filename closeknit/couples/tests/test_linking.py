from closeknit.couples.selectors import partner_of


def test_personas_are_linked_and_outsider_is_elsewhere(partner_a, partner_b, outsider):
    assert partner_of(partner_a.user) == partner_b.user
    assert partner_of(partner_b.user) == partner_a.user
    assert partner_of(outsider.user) not in {partner_a.user, partner_b.user}
