"""Who may do what: every route and method, and the answer each persona must get.

Read a row as: this route, with these methods, answers anonymous ("anon"), partner
A, partner B, the outsider from another couple ("other") and someone on their own
("solo") like this. The ids in the URLs are of partner A's couple (see
conftest.world), so partner B reaches them, while the outsider and the solo person
get 404: to them another couple's object looks exactly like no object at all.

The answers (categories.py): OK is a 2xx or the page's normal redirect; LOGIN a
redirect to the sign-in page, or 401 from the API; REAUTH a redirect to "confirm
it's you"; 403, 404 and 405 as they say; 409 is a refusal for the state things are
in (409 or 410); 422 a refusal field by field (400 or 422). A 5xx is never right.

Pages are named by URL name; API operations by their path under /api/v1, which
starts with a slash. OTHER stands for PUT, PATCH and DELETE, which a browser never
sends to a page: a page either refuses them or answers as harmlessly as a GET. ALL
is every method.

Requests carry an empty form or an empty JSON object, except where BODIES gives a
minimal valid one: the API checks a body before it looks anything up, so an empty
body would stop at 422 and never show whether the lookup is couple-scoped.

A route without a row fails test_every_route_has_a_row; a row for a route that no
longer exists fails test_every_row_names_a_route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.security.categories import CATEGORIES
from tests.security.routes import OTHER_METHODS

PERSONAS = ("anonymous", "partner_a", "partner_b", "outsider", "solo")

_METHOD_GROUPS = {"OTHER": OTHER_METHODS, "ALL": ("GET", "POST", *OTHER_METHODS)}

TABLE = """
# route                                         methods      anon   A      B      other  solo

# Serving
health                                          GET          OK     OK     OK     OK     OK
health                                          POST,OTHER   405    405    405    405    405

# Accounts (allauth): signing in and up, e-mail addresses, passwords
account_login                                   GET,POST,PUT OK     OK     OK     OK     OK
# Signed in, these pages send one on before they look at the method.
account_login                                   PATCH,DELETE 405    OK     OK     OK     OK
account_logout                                  GET,POST     OK     OK     OK     OK     OK
account_logout                                  OTHER        405    405    405    405    405
account_inactive                                GET          OK     OK     OK     OK     OK
account_inactive                                POST,OTHER   405    405    405    405    405
account_signup                                  GET,POST,PUT OK     OK     OK     OK     OK
account_signup                                  PATCH,DELETE 405    OK     OK     OK     OK
account_reauthenticate                          GET,POST,PUT LOGIN  OK     OK     OK     OK
account_reauthenticate                          PATCH,DELETE LOGIN  405    405    405    405
account_email                                   GET,POST,PUT LOGIN  OK     OK     OK     OK
account_email                                   PATCH,DELETE LOGIN  405    405    405    405
account_email_verification_sent                 GET          OK     OK     OK     OK     OK
account_email_verification_sent                 POST,OTHER   405    405    405    405    405
account_change_password                         GET,POST,PUT LOGIN  OK     OK     OK     OK
account_change_password                         PATCH,DELETE LOGIN  405    405    405    405
account_set_password                            ALL          LOGIN  OK     OK     OK     OK
account_reset_password                          GET,POST,PUT OK     OK     OK     OK     OK
account_reset_password                          PATCH,DELETE 405    405    405    405    405
account_confirm_login_code                      ALL          LOGIN  OK     OK     OK     OK
account_confirm_email                           GET          OK     OK     OK     OK     OK
# Partner A's address is confirmed already, so its key confirms nothing.
account_confirm_email                           POST         404    404    404    404    404
account_confirm_email                           OTHER        405    405    405    405    405
account_reset_password_from_key_done            GET          OK     OK     OK     OK     OK
account_reset_password_from_key_done            POST,OTHER   405    405    405    405    405
account_reset_password_from_key                 ALL          OK     OK     OK     OK     OK
account_reset_password_done                     GET          OK     OK     OK     OK     OK
account_reset_password_done                     POST,OTHER   405    405    405    405    405

# Two-step sign-in and passkeys (allauth.mfa); pk is partner A's passkey
# Only partner A has a passkey; nobody has an authenticator app or recovery codes.
mfa_index                                       GET          LOGIN  OK     OK     OK     OK
mfa_index                                       POST,OTHER   LOGIN  405    405    405    405
mfa_authenticate                                ALL          LOGIN  OK     OK     OK     OK
mfa_reauthenticate                              ALL          LOGIN  REAUTH REAUTH REAUTH REAUTH
mfa_activate_totp                               GET,POST,PUT LOGIN  OK     OK     OK     OK
mfa_activate_totp                               PATCH,DELETE LOGIN  405    405    405    405
mfa_deactivate_totp                             ALL          LOGIN  404    404    404    404
mfa_view_recovery_codes                         GET          LOGIN  404    404    404    404
mfa_view_recovery_codes                         POST,OTHER   LOGIN  405    405    405    405
mfa_generate_recovery_codes                     GET,POST,PUT LOGIN  OK     OK     OK     OK
mfa_generate_recovery_codes                     PATCH,DELETE LOGIN  405    405    405    405
mfa_download_recovery_codes                     ALL          LOGIN  404    404    404    404
mfa_list_webauthn                               GET          LOGIN  OK     OK     OK     OK
mfa_list_webauthn                               POST,OTHER   LOGIN  405    405    405    405
mfa_add_webauthn                                GET,POST,PUT LOGIN  OK     OK     OK     OK
mfa_add_webauthn                                PATCH,DELETE LOGIN  405    405    405    405
mfa_reauthenticate_webauthn                     GET          LOGIN  OK     REAUTH REAUTH REAUTH
# allauth sends a failed passkey confirmation back to the sign-in page.
mfa_reauthenticate_webauthn                     POST,PUT     LOGIN  LOGIN  REAUTH REAUTH REAUTH
mfa_reauthenticate_webauthn                     PATCH,DELETE LOGIN  405    REAUTH REAUTH REAUTH
mfa_remove_webauthn                             GET,POST     LOGIN  OK     404    404    404
mfa_remove_webauthn                             DELETE       LOGIN  OK     404    404    404
mfa_remove_webauthn                             PUT,PATCH    LOGIN  405    405    405    405
mfa_edit_webauthn                               GET,POST,PUT LOGIN  OK     404    404    404
mfa_edit_webauthn                               PATCH,DELETE LOGIN  405    405    405    405
mfa_login_webauthn                              GET,POST,PUT LOGIN  OK     OK     OK     OK
mfa_login_webauthn                              PATCH,DELETE 405    OK     OK     OK     OK

# API: its documents, which answer any method as they answer GET
/openapi.json                                   ALL          OK     OK     OK     OK     OK
/docs                                           ALL          OK     OK     OK     OK     OK

# API: accounts
/auth/signup                                    POST         422    422    422    422    422
/auth/token                                     POST         422    422    422    422    422
/auth/token                                     DELETE       LOGIN  OK     OK     OK     OK
/me                                             GET,PATCH    LOGIN  OK     OK     OK     OK

# API: the couple
# Someone on their own has no couple yet; a full couple has nobody left to invite.
/couple                                         GET          LOGIN  OK     OK     OK     404
/couple                                         PATCH        LOGIN  OK     OK     OK     OK
/couple/invitations                             POST         LOGIN  409    409    409    OK
/couple/invitations/current                     GET          LOGIN  404    404    404    404
# The couple's invitation was used when B joined.
/couple/invitations/{code}                      DELETE       LOGIN  409    409    404    404
/couple/join                                    POST         LOGIN  422    422    422    422

# API: daily question, library, decks, listening
/questions/today                                GET          LOGIN  OK     OK     OK     OK
/questions/history                              GET          LOGIN  OK     OK     OK     OK
/questions/streak                               GET          LOGIN  OK     OK     OK     OK
/questions/{daily_id}                           GET          LOGIN  OK     OK     404    404
# Both have answered: answers are final and the question stays.
/questions/{daily_id}/answer                    POST         LOGIN  409    409    404    404
/questions/{daily_id}/skip                      POST         LOGIN  409    409    404    404
# Nobody reacts to, or offers help with, their own answer or check-in.
/questions/answers/{answer_id}/reactions        POST         LOGIN  422    OK     404    404
/questions/answers/{answer_id}/comments         POST         LOGIN  OK     OK     404    404
/questions/library                              GET          LOGIN  OK     OK     OK     OK
/questions/library/{question_id}/ask            POST         LOGIN  OK     OK     404    404
/questions/custom                               GET          LOGIN  OK     OK     OK     OK
/questions/custom                               POST         LOGIN  422    422    422    422
/questions/custom/{question_id}                 DELETE       LOGIN  OK     OK     404    404
/questions/decks                                GET          LOGIN  OK     OK     OK     OK
/questions/settings                             GET,PATCH    LOGIN  OK     OK     OK     OK
/questions/decks/{deck_id}/export               GET          LOGIN  OK     OK     404    404
/questions/decks/import                         POST         LOGIN  422    422    422    422
/questions/decks/{deck_id}                      DELETE       LOGIN  OK     OK     404    404
/questions/listening                            POST         LOGIN  OK     OK     OK     OK
/questions/listening/{session_id}               GET          LOGIN  OK     OK     404    404
/questions/listening/{session_id}/complete      POST         LOGIN  OK     OK     404    404

# API: closeness check
/closeness/items                                GET          LOGIN  OK     OK     OK     OK
/closeness/check                                GET          LOGIN  OK     OK     OK     OK
/closeness/check                                POST         LOGIN  422    422    422    422
/closeness/results                              GET          LOGIN  OK     OK     OK     OK
/closeness/results/{month}                      GET          LOGIN  OK     OK     404    404
/closeness/focus                                GET          LOGIN  OK     OK     OK     OK
/closeness/focus                                PUT          LOGIN  422    422    422    422

# API: insights
/insights                                       GET          LOGIN  OK     OK     OK     OK

# API: feelings check-ins
/checkins/vocabulary                            GET          LOGIN  OK     OK     OK     OK
/checkins/today                                 GET          LOGIN  OK     OK     OK     OK
/checkins/today                                 PUT          LOGIN  422    422    422    422
/checkins/today/guess                           POST         LOGIN  422    422    422    422
# Someone on their own has nobody to guess about.
/checkins/today/skip                            POST         LOGIN  OK     OK     OK     409
/checkins/history                               GET          LOGIN  OK     OK     OK     OK
/checkins/accuracy                              GET          LOGIN  OK     OK     OK     OK
/checkins/feelings                              GET          LOGIN  OK     OK     OK     OK
/checkins/{checkin_id}/reactions                POST         LOGIN  422    OK     404    404
/checkins/{checkin_id}/replies                  POST         LOGIN  OK     OK     404    404
/checkins/{checkin_id}/help                     PUT,DELETE   LOGIN  422    OK     404    404

# API: conflict coach, time-outs, repairs
/coach/analyze                                  POST         LOGIN  422    422    422    422
/conflict/timeouts                              POST         LOGIN  422    422    422    422
/conflict/timeouts/current                      GET          LOGIN  OK     OK     OK     OK
# Only the one who asked for the break ends it early; the others have none running.
/conflict/timeouts/current/end                  POST         LOGIN  OK     403    409    409
/conflict/repairs                               GET          LOGIN  OK     OK     OK     OK
/conflict/repairs                               POST         LOGIN  422    422    422    422
/conflict/repairs/{repair_id}                   GET          LOGIN  OK     OK     404    404
/conflict/repairs/{repair_id}/side              PUT          LOGIN  OK     OK     404    404
# A's side is not complete and B's is not written: nothing to agree on yet.
/conflict/repairs/{repair_id}/side/done         POST         LOGIN  422    422    404    404
/conflict/repairs/{repair_id}/agreement         PUT          LOGIN  409    409    404    404
/conflict/repairs/{repair_id}/agreement/accept  POST         LOGIN  409    409    404    404
/conflict/repairs/{repair_id}/forgive           POST         LOGIN  409    409    404    404

# API: paths no router claims
/                                               ALL          404    404    404    404    404
/{rest}                                         ALL          404    404    404    404    404

# Pages: accounts
accounts:profile                                GET          LOGIN  OK     OK     OK     OK
accounts:profile                                POST         LOGIN  422    422    422    422
accounts:profile                                OTHER        LOGIN  405    405    405    405

# Pages: couples
couples:couple                                  ALL          LOGIN  OK     OK     OK     OK
couples:settings                                GET,OTHER    LOGIN  405    405    405    405
couples:settings                                POST         LOGIN  422    422    422    422
couples:invitation_create                       GET,OTHER    LOGIN  405    405    405    405
couples:invitation_create                       POST         LOGIN  OK     OK     OK     OK
couples:invitation_revoke                       GET,OTHER    LOGIN  405    405    405    405
couples:invitation_revoke                       POST         LOGIN  OK     OK     404    404
couples:join                                    GET,POST     LOGIN  OK     OK     OK     OK
couples:join                                    OTHER        LOGIN  405    405    405    405
# An open invitation from someone outside all four: the code itself is the key.
# Joining needs signing in; anyone already linked is refused; solo joins.
couples:join_link                               GET          OK     OK     OK     OK     OK
couples:join_link                               POST         LOGIN  422    422    422    OK
couples:join_link                               OTHER        405    405    405    405    405

# Pages: questions
questions:today                                 ALL          LOGIN  OK     OK     OK     OK
questions:history                               GET,POST     LOGIN  OK     OK     OK     OK
questions:history                               OTHER        LOGIN  405    405    405    405
questions:library                               ALL          LOGIN  OK     OK     OK     OK
questions:ask_now                               GET,OTHER    LOGIN  405    405    405    405
questions:ask_now                               POST         LOGIN  OK     OK     404    404
questions:own                                   GET          LOGIN  OK     OK     OK     OK
questions:own                                   POST         LOGIN  422    422    422    422
questions:own                                   OTHER        LOGIN  405    405    405    405
questions:own_delete                            GET,OTHER    LOGIN  405    405    405    405
questions:own_delete                            POST         LOGIN  OK     OK     404    404
questions:settings                              GET          LOGIN  OK     OK     OK     OK
questions:settings                              POST         LOGIN  422    422    422    422
questions:settings                              OTHER        LOGIN  405    405    405    405
questions:deck_import                           GET,OTHER    LOGIN  405    405    405    405
questions:deck_import                           POST         LOGIN  422    422    422    422
questions:deck_export                           ALL          LOGIN  OK     OK     404    404
questions:deck_delete                           GET,OTHER    LOGIN  405    405    405    405
questions:deck_delete                           POST         LOGIN  OK     OK     404    404
questions:react                                 GET,OTHER    LOGIN  405    405    405    405
questions:react                                 POST         LOGIN  OK     OK     404    404
questions:comment                               GET,OTHER    LOGIN  405    405    405    405
questions:comment                               POST         LOGIN  OK     OK     404    404
questions:listen_start                          GET,POST     LOGIN  OK     OK     OK     OK
questions:listen_start                          OTHER        LOGIN  405    405    405    405
questions:listen                                ALL          LOGIN  OK     OK     404    404
questions:listen_done                           GET,OTHER    LOGIN  405    405    405    405
questions:listen_done                           POST         LOGIN  OK     OK     404    404
questions:daily                                 ALL          LOGIN  OK     OK     404    404
questions:answer                                GET,OTHER    LOGIN  405    405    405    405
# Both have answered: answers are final.
questions:answer                                POST         LOGIN  422    422    404    404
questions:swap                                  GET,OTHER    LOGIN  405    405    405    405
questions:swap                                  POST         LOGIN  OK     OK     404    404

# Pages: closeness
closeness:index                                 ALL          LOGIN  OK     OK     OK     OK
closeness:check                                 GET          LOGIN  OK     OK     OK     OK
closeness:check                                 POST         LOGIN  422    422    422    422
closeness:check                                 OTHER        LOGIN  405    405    405    405
closeness:focus                                 GET          LOGIN  OK     OK     OK     OK
closeness:focus                                 POST         LOGIN  422    422    422    422
closeness:focus                                 OTHER        LOGIN  405    405    405    405
closeness:month                                 ALL          LOGIN  OK     OK     404    404
closeness:year                                  ALL          LOGIN  OK     OK     404    404

# Pages: insights
insights:index                                  ALL          LOGIN  OK     OK     OK     OK

# Pages: checkins
checkins:today                                  ALL          LOGIN  OK     OK     OK     OK
checkins:save                                   GET,OTHER    LOGIN  405    405    405    405
checkins:save                                   POST         LOGIN  422    422    422    422
checkins:guess                                  GET,OTHER    LOGIN  405    405    405    405
checkins:guess                                  POST         LOGIN  422    422    422    422
checkins:skip                                   GET,OTHER    LOGIN  405    405    405    405
checkins:skip                                   POST         LOGIN  OK     OK     OK     OK
checkins:history                                ALL          LOGIN  OK     OK     OK     OK
checkins:react                                  GET,OTHER    LOGIN  405    405    405    405
checkins:react                                  POST         LOGIN  OK     OK     404    404
checkins:reply                                  GET,OTHER    LOGIN  405    405    405    405
checkins:reply                                  POST         LOGIN  OK     OK     404    404
checkins:help                                   GET,OTHER    LOGIN  405    405    405    405
checkins:help                                   POST         LOGIN  OK     OK     404    404

# Pages: conflict
conflict:coach                                  GET,OTHER    LOGIN  OK     OK     OK     OK
conflict:coach                                  POST         LOGIN  422    422    422    422
conflict:timeout                                ALL          LOGIN  OK     OK     OK     OK
conflict:timeout_start                          GET,OTHER    LOGIN  405    405    405    405
conflict:timeout_start                          POST         LOGIN  422    422    422    422
conflict:timeout_end                            GET,OTHER    LOGIN  405    405    405    405
conflict:timeout_end                            POST         LOGIN  OK     OK     OK     OK
conflict:repairs                                ALL          LOGIN  OK     OK     OK     OK
conflict:repair_start                           GET,OTHER    LOGIN  405    405    405    405
conflict:repair_start                           POST         LOGIN  422    422    422    422
conflict:repair_coach                           GET,OTHER    LOGIN  405    405    405    405
conflict:repair_coach                           POST         LOGIN  OK     OK     OK     OK
conflict:repair                                 ALL          LOGIN  OK     OK     404    404
conflict:repair_side                            GET,OTHER    LOGIN  405    405    405    405
conflict:repair_side                            POST         LOGIN  OK     OK     404    404
conflict:repair_done                            GET,OTHER    LOGIN  405    405    405    405
conflict:repair_done                            POST         LOGIN  OK     OK     404    404
conflict:repair_agreement                       GET,OTHER    LOGIN  405    405    405    405
# Sides not both done: nothing to agree on yet.
conflict:repair_agreement                       POST         LOGIN  422    422    404    404
conflict:repair_accept                          GET,OTHER    LOGIN  405    405    405    405
conflict:repair_accept                          POST         LOGIN  OK     OK     404    404
conflict:repair_forgive                         GET,OTHER    LOGIN  405    405    405    405
conflict:repair_forgive                         POST         LOGIN  OK     OK     404    404

# Pages: today
today:landing                                   ALL          OK     OK     OK     OK     OK
today:index                                     ALL          LOGIN  OK     OK     OK     OK
today:safety                                    ALL          OK     OK     OK     OK     OK
"""

# The smallest request that passes validation, for routes with an object in the URL:
# with it, the answer comes from the couple-scoped lookup (or the service behind the
# form), not from the form's "this field is required".
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("/questions/{daily_id}/answer", "POST"): {"text": "A short answer."},
    ("/questions/answers/{answer_id}/comments", "POST"): {"text": "Same here."},
    ("/questions/answers/{answer_id}/reactions", "POST"): {"kind": "heart"},
    ("/checkins/{checkin_id}/reactions", "POST"): {"kind": "hug"},
    ("/checkins/{checkin_id}/replies", "POST"): {"text": "Thinking of you."},
    ("/conflict/repairs/{repair_id}/side", "PUT"): {"feelings": ["hurt"]},
    ("/conflict/repairs/{repair_id}/agreement", "PUT"): {"agreement": "We call."},
    ("questions:answer", "POST"): {"text": "A short answer."},
    ("questions:comment", "POST"): {"text": "Same here."},
    ("questions:react", "POST"): {"kind": "heart"},
    ("checkins:react", "POST"): {"kind": "hug"},
    ("checkins:reply", "POST"): {"text": "Thinking of you."},
    ("conflict:repair_side", "POST"): {"feelings": "hurt", "trigger": "Waiting."},
    ("conflict:repair_agreement", "POST"): {"agreement": "We call."},
}


@dataclass(frozen=True)
class Row:
    route: str
    methods: tuple[str, ...]
    expected: dict[str, str]
    line: int


def parse(table: str = TABLE) -> list[Row]:
    rows = []
    for number, raw in enumerate(table.splitlines(), start=1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        assert len(parts) == 2 + len(PERSONAS), f"matrix line {number}: {raw!r}"
        route, methods_text, *results = parts
        methods: list[str] = []
        for name in methods_text.split(","):
            methods.extend(_METHOD_GROUPS.get(name, (name,)))
        unknown = [r for r in results if r not in CATEGORIES]
        assert not unknown, f"matrix line {number}: unknown result {unknown}"
        rows.append(Row(route, tuple(methods), dict(zip(PERSONAS, results, strict=True)), number))
    return rows


def expectations(table: str = TABLE) -> dict[tuple[str, str], dict[str, str]]:
    """(route, method) -> persona -> expected result; a pair listed twice is an error."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for row in parse(table):
        for method in row.methods:
            pair = (row.route, method)
            assert pair not in found, f"matrix line {row.line}: {pair} is listed twice"
            found[pair] = row.expected
    return found
