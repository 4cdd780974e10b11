"""The whole role x action matrix: every action tried by every role through Core.handle."""

from __future__ import annotations

import pytest

from handlers.roles import Role, may
from handlers.texts import core as core_texts
from tests.conftest import CoreFactory
from tests.core.test_units_and_reports import ADMIN, join, say

# One message per action the features declare, as a user would send it.
ATTEMPTS: dict[str, str] = {
    "help": "/trogiup",
    "whoami": "/vaitro",
    "cancel": "/huy",
    "start": "/start ZZZZ2222",
    "report": "/baocao",
    "correct": "/sua",
    "invite": "/moi Văn phòng Đảng ủy Khối",
    "units_view": "/donvi",
    "units_manage": "/donvi them Chi bộ Thử nghiệm",
    "assign": "/giao báo cáo sơ kết 3 năm | Văn phòng Đảng ủy Khối",
    "status_view": "/tinhhinh",
    "export": "/xuat",
    "audit_view": "/nhatky",
    "broadcast": "/thongbao tinhhinh",
    "extensions": "/giahan",
    "my_tasks": "/viec",
    "plans": "/kehoach",
    "reminders_preview": "/lichnhac",
    "reminders_pause": "/tamdung",
    "reminders_policy": "/chinhnhac",
}
USERS = {Role.ADMIN: ADMIN, Role.CONTACT: "contact", Role.READER: "reader"}


async def test_every_action_has_an_attempt_and_a_rule(make_core: CoreFactory) -> None:
    core = await make_core()
    assert set(ATTEMPTS) == set(core.registry.permissions)


@pytest.mark.parametrize("role", list(Role))
async def test_role_action_matrix(make_core: CoreFactory, role: Role) -> None:
    core = await make_core()
    permissions = core.registry.permissions
    await join(core, "contact")
    for action, text in ATTEMPTS.items():
        reply = await say(core, USERS[role], text)
        refused = reply.text in (core_texts.NOT_A_CONTACT,
                                 core_texts.ADMIN_ONLY.format(command=text.split()[0]))
        assert refused is not may({role}, permissions[action]), (role, action, reply.text)
