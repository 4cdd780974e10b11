"""Reminders to unit contacts, the admins' digests, and the reminder commands."""

from __future__ import annotations

REMINDER = (
    "NHẮC VIỆC – {unit}\n"
    "Nhiệm vụ: {task}\n"
    "{deadline}\n"
    "Nguồn: {citation}.\n"
    "Đồng chí chọn một mục dưới đây, hoặc nhắn ngắn tình hình thực hiện, ví dụ: \"đã gửi báo "
    "cáo số 45-BC/ĐU ngày 20/3\", \"đang thực hiện, khoảng 70%\", \"xin gia hạn đến 5/4\"."
)
REMINDER_DEADLINE = "Thời hạn: {phrase} (ngày {due}) — {left}."
REMINDER_DEADLINE_EXTENDED = (
    "Thời hạn (đã được gia hạn): ngày {due} — {left}.\n"
    "Kế hoạch ghi: {phrase} (ngày {planned})."
)
REMINDER_PERIOD = "{phrase} — kỳ {period}"
LEFT_DAYS = "còn {days} ngày"
LEFT_TOMORROW = "hạn là ngày mai"
LEFT_TODAY = "hôm nay là hạn cuối"
LEFT_LATE = "đã quá hạn {days} ngày làm việc"
REMINDER_OPTIONS = ("Đã xong", "Đang thực hiện", "Xin gia hạn")
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# --- admins' digests -------------------------------------------------------------------------
OVERDUE_DIGEST_TITLE = (
    "TỔNG HỢP ĐƠN VỊ QUÁ HẠN (từ {days} ngày làm việc trở lên), ngày {today}:"
)
DIGEST_PLAN = "{plan}:"
OVERDUE_DIGEST_LINE = "- {unit}: {task} (hạn {due}, quá {late} ngày làm việc)"
WEEKLY_DIGEST_TITLE = "TỔNG HỢP TUẦN, ngày {today}"
WEEKLY_DUE_TITLE = "Đến hạn trong 2 tuần tới (đến ngày {until}):"
WEEKLY_DUE_LINE = "- {due}: {task} — {open}/{total} đơn vị chưa hoàn thành"
WEEKLY_OVERDUE_TITLE = "Đơn vị đang quá hạn:"
WEEKLY_OVERDUE_LINE = "- {unit}: {task} (hạn {due})"
DIGEST_MORE = "(và {count} mục khác; gõ /tinhhinh để xem đủ)"

# --- /lichnhac, /tamdung, /tieptuc, /chinhnhac --------------------------------------------------
PREVIEW_TITLE = "Lịch nhắc việc {days} ngày tới (từ {start} đến {end}):"
PREVIEW_DAY = "{day}:"
PREVIEW_LINE = "- {unit}: {task} ({kind}; hạn {due}; {contacts})"
PREVIEW_NO_CONTACT = "chưa có đầu mối nhận tin"
PREVIEW_CONTACTS = "{count} đầu mối"
PREVIEW_NONE = "Không có nhắc việc nào trong {days} ngày tới (từ {start} đến {end})."
PREVIEW_MORE = "(còn {count} nhắc việc khác)"
PREVIEW_BAD_DAYS = "Số ngày xem trước phải từ 1 đến {limit}, ví dụ: /lichnhac 7"
KIND_BEFORE = "trước hạn {days} ngày"
KIND_DUE = "đúng ngày hạn"
KIND_OVERDUE = "quá hạn {days} ngày làm việc"

PAUSE_USAGE = (
    "Cách dùng: /tamdung <nhiệm vụ>, /tamdung donvi <tên đơn vị> hoặc "
    "/tamdung kehoach <số kế hoạch>; /tieptuc với cùng cách ghi để nhắc lại."
)
PAUSED = "Đã tạm dừng nhắc việc: {target}. Gõ /tieptuc để nhắc lại."
ALREADY_PAUSED = "Nhắc việc đã được tạm dừng từ trước: {target}."
RESUMED = "Đã nhắc việc trở lại: {target}."
NOT_PAUSED = "Nhắc việc không bị tạm dừng: {target}."
PAUSE_NOT_FOUND = "Tôi không tìm thấy {what} \"{text}\"; chưa thay đổi gì."
PAUSE_WHAT = {"task": "nhiệm vụ", "unit": "đơn vị", "plan": "kế hoạch"}
PAUSE_TASK = "nhiệm vụ {task}"
PAUSE_UNIT = "đơn vị {unit}"
PAUSE_PLAN = "{plan}"
PAUSES_TITLE = "Đang tạm dừng nhắc việc:"
PAUSES_LINE = "- {label} (từ {at}, {by})"

POLICY_USAGE = (
    "Cách dùng: /chinhnhac <nhiệm vụ hoặc số kế hoạch> | <số ngày nhắc trước hạn, cách nhau "
    "bằng dấu phẩy> | <nhắc lại khi quá hạn, cứ mấy ngày làm việc; 0 là không nhắc>.\n"
    "Ví dụ: /chinhnhac Kế hoạch 103 | 10, 5, 1 | 3\n"
    "Mặc định: nhắc trước 7, 3, 1 ngày, đúng ngày hạn, rồi 2 ngày làm việc một lần khi quá hạn."
)
POLICY_BAD = {
    "empty": "Chính sách phải có ít nhất một lần nhắc trước hạn hoặc nhắc khi quá hạn.",
    "too_many": "Tối đa 6 lần nhắc trước hạn.",
    "before_range": "Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 90.",
    "overdue_range": "Nhắc khi quá hạn phải là số ngày làm việc từ 0 đến 30.",
    "not_numbers": "Các số ngày phải là số nguyên, ví dụ: 10, 5, 1.",
}
POLICY_SET = (
    "Đã đặt lịch nhắc cho {target}: trước hạn {before} ngày; {overdue}. Lịch mới áp dụng từ "
    "lần nhắc tiếp theo."
)
POLICY_OVERDUE = "khi quá hạn, {days} ngày làm việc nhắc một lần"
POLICY_NO_OVERDUE = "không nhắc khi quá hạn"
POLICY_NOT_FOUND = "Tôi không tìm thấy kế hoạch hay nhiệm vụ \"{text}\"; chưa thay đổi gì."

HELP_PREVIEW = "/lichnhac [số ngày] – xem trước lịch nhắc việc"
HELP_PAUSE = "/tamdung, /tieptuc <nhiệm vụ | donvi … | kehoach …> – tạm dừng, nhắc lại"
HELP_POLICY = "/chinhnhac <kế hoạch | nhiệm vụ> | <ngày trước hạn> | <quá hạn> – đổi lịch nhắc"
MENU_PREVIEW = "Xem trước lịch nhắc việc (quản trị)"
MENU_PAUSE = "Tạm dừng nhắc việc (quản trị)"
MENU_RESUME = "Nhắc việc trở lại (quản trị)"
MENU_POLICY = "Đổi lịch nhắc việc (quản trị)"
AUDIT_ACTIONS = {
    "reminders_paused": "tạm dừng nhắc việc", "reminders_resumed": "nhắc việc trở lại",
    "reminder_policy_set": "đổi lịch nhắc việc",
}
