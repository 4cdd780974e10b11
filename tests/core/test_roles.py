"""The whole role x action matrix: every action tried by every role through Core.handle."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.roles import PERMISSIONS, Action, Role, may
from tests.conftest import CoreFactory
from tests.core.test_units_and_reports import ADMIN, join, say

# One message per action, as a user would send it.
ATTEMPTS: dict[Action, str] = {
    Action.ASK: "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?",
    Action.HELP: "/trogiup",
    Action.WHOAMI: "/vaitro",
    Action.JOIN: "/start ZZZZ2222",
    Action.REPORT: "/baocao",
    Action.CORRECT: "/sua",
    Action.INVITE: "/moi Văn phòng Đảng ủy Khối",
    Action.UNITS_VIEW: "/donvi",
    Action.UNITS_MANAGE: "/donvi them Chi bộ Thử nghiệm",
    Action.UNITS_IMPORT: "/donvi nhap",
    Action.ASSIGN: "/giao báo cáo sơ kết 3 năm | Văn phòng Đảng ủy Khối",
    Action.STATUS_VIEW: "/tinhhinh",
    Action.EXPORT: "/xuat",
    Action.AUDIT_VIEW: "/nhatky",
    Action.BROADCAST: "/thongbao tinhhinh",
}
USERS = {Role.ADMIN: ADMIN, Role.CONTACT: "contact", Role.READER: "reader"}


def test_every_action_has_an_attempt_and_a_rule() -> None:
    assert set(ATTEMPTS) == set(Action) == set(PERMISSIONS)


@pytest.mark.parametrize("role", list(Role))
async def test_role_action_matrix(make_core: CoreFactory, role: Role) -> None:
    core = await make_core()
    await join(core, "contact")
    for action, text in ATTEMPTS.items():
        reply = await say(core, USERS[role], text)
        refused = reply.text in (texts.NOT_A_CONTACT,
                                 texts.ADMIN_ONLY.format(command=text.split()[0]))
        assert refused is not may({role}, action), (role, action, reply.text)
