"""Help, roles, cancelling and the audit log: the commands every assistant has."""

from __future__ import annotations

ROLE_NAMES = {"admin": "quản trị viên", "contact": "đầu mối đơn vị", "reader": "người tra cứu"}
WHOAMI = "Tài khoản: {user}\nVai trò: {roles}."
WHOAMI_UNITS = "Đầu mối của: {units}."

# /trogiup: one section per role, each listing the help lines of the commands it may run.
HELP_EVERYONE = "Các lệnh chung:"
HELP_CONTACT = "Dành cho đầu mối đơn vị:"
HELP_ADMIN = "Dành cho quản trị viên:"

HELP_HELP = "/trogiup – xem lại hướng dẫn này"
HELP_WHOAMI = "/vaitro – xem tài khoản và vai trò của mình"
HELP_CANCEL = "/huy – hủy thao tác đang làm dở"
HELP_AUDIT = "/nhatky [số dòng] – nhật ký thao tác"
MENU_HELP = "Hướng dẫn sử dụng"
MENU_WHOAMI = "Xem vai trò của tôi"
MENU_CANCEL = "Hủy thao tác đang làm"
MENU_AUDIT = "Nhật ký thao tác (quản trị)"

CANCELLED = "Đã hủy thao tác đang làm dở."
NOTHING_TO_CANCEL = "Hiện không có thao tác nào đang làm dở."

AUDIT_EMPTY = "Nhật ký thao tác chưa có dòng nào."
AUDIT_TITLE = "{count} thao tác gần nhất:"
AUDIT_LINE = "- {at} {actor}: {action} – {target}"
