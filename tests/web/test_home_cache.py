"""The home page keeps its 换届提醒 and 待办提醒 until the ledgers change: a change shows at the
next visit, and each scope sees only its own organisations."""

from dangjian.core import clock
from tests.factories import OrganizationFactory


def elections_section(client) -> str:
    page = client.get("/").content.decode()
    return page.split("换届提醒", 1)[1].split("</ul>", 1)[0]


def test_admin_home_shows_a_changed_term_at_the_next_visit(hospital, client):
    client.force_login(hospital.carol)
    today = clock.today()
    hospital.branch_b.last_election_on = today
    hospital.branch_b.save()
    assert "外科党支部" not in elections_section(client)
    assert "外科党支部" not in elections_section(client), "from the cache, the same"

    hospital.branch_b.last_election_on = today.replace(year=today.year - 6)
    hospital.branch_b.save()
    assert "外科党支部" in elections_section(client), "an ended term shows at the next visit"

    hospital.branch_b.last_election_on = today
    hospital.branch_b.save()
    assert "外科党支部" not in elections_section(client)


def test_a_new_organisation_reaches_the_admin_home_at_once(hospital, client):
    client.force_login(hospital.carol)
    elections_section(client)
    today = clock.today()
    OrganizationFactory(
        code="C",
        name="儿科党支部",
        parent=hospital.committee,
        last_election_on=today.replace(year=today.year - 6),
    )
    assert "儿科党支部" in elections_section(client)


def todo_section(client) -> str:
    page = client.get("/").content.decode()
    return page.split("本支部本月待办", 1)[1].split("</ul>", 1)[0]


def test_secretary_reminders_follow_the_ledgers_and_stay_in_the_branch(hospital, client):
    today = clock.today()
    for branch in (hospital.branch_a, hospital.branch_b):
        branch.last_election_on = today
        branch.save()
    client.force_login(hospital.alice)
    before = todo_section(client)
    assert "换届" not in before
    assert todo_section(client) == before

    old = today.replace(year=today.year - 6)
    hospital.branch_b.last_election_on = old
    hospital.branch_b.save()
    assert todo_section(client) == before, "another branch's term"
    hospital.branch_a.last_election_on = old
    hospital.branch_a.save()
    after = todo_section(client)
    assert after != before
    assert "换届" in after

    client.force_login(hospital.dave)
    assert "换届" in todo_section(client)
    client.force_login(hospital.alice)
    assert todo_section(client) == after
