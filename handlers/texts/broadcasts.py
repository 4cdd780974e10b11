"""Announcements (/thongbao) and what admins are told about their delivery."""

from __future__ import annotations

BROADCAST_ASK_TEXT = (
    "Đồng chí gửi nội dung thông báo (tối đa 2000 ký tự), hoặc gõ /huy để thôi."
)
BROADCAST_TOO_LONG = (
    "Thông báo dài {length} ký tự, vượt giới hạn {limit} ký tự. Đồng chí vui lòng rút gọn "
    "rồi gửi lại nội dung."
)
BROADCAST_ASK_AUDIENCE = "Gửi thông báo tới ai?"
BROADCAST_AUDIENCES = (
    "Tất cả đầu mối", "Một nhóm đơn vị", "Các đơn vị có nhiệm vụ trong một kế hoạch",
    "Danh sách đơn vị",
)
BROADCAST_ASK_TARGET = {
    "group": "Đồng chí gõ tên nhóm, ví dụ \"Khối cơ quan\".",
    "plan": "Đồng chí gõ số hoặc tên kế hoạch, ví dụ \"Kế hoạch 103\".",
    "units": "Đồng chí gõ tên các đơn vị, cách nhau bằng dấu chấm phẩy (;).",
}
BROADCAST_TRY_AGAIN = "Đồng chí gõ lại, hoặc gõ /huy để thôi."
BROADCAST_ALL = "tất cả đầu mối"
BROADCAST_GROUP = "nhóm {group}"
BROADCAST_PLAN = "các đơn vị thực hiện {plan}"
BROADCAST_UNITS = "{count} đơn vị được chọn"
BROADCAST_PLAN_UNKNOWN = "Tôi không xác định được kế hoạch \"{text}\"."
BROADCAST_NOBODY = "Không có đầu mối nào nhận được thông báo ({audience}); chưa gửi gì."
BROADCAST_PREVIEW = (
    "Xem trước thông báo:\n---\n{text}\n---\nGửi tới: {audience} — {count} đầu mối của "
    "{units} đơn vị ({channels}).\nĐồng chí xác nhận gửi?"
)
BROADCAST_CONFIRM = ("Gửi", "Không gửi")
BROADCAST_DROPPED = "Đã hủy, chưa gửi thông báo nào."
BROADCAST_MESSAGE = "THÔNG BÁO\n{text}"
BROADCAST_QUEUED = (
    "Đã xếp {count} tin vào hàng gửi (thông báo số {id}). Tôi sẽ báo kết quả khi gửi xong; "
    "gõ /thongbao tinhhinh để xem tiến độ, /thongbao huy {id} để dừng."
)
BROADCAST_NONE = "Chưa có thông báo nào được gửi."
BROADCAST_PROGRESS_TITLE = "Tiến độ các thông báo gần đây:"
BROADCAST_PROGRESS_LINE = (
    "- Số {id} ({audience}): đã gửi {sent}, đang chờ {pending}, không gửi được {failed}, "
    "đã dừng {cancelled}"
)
BROADCAST_PROGRESS_NOTICE = (
    "Thông báo số {id} ({audience}) đang được gửi: đã gửi {sent}/{total}, còn chờ {pending}, "
    "không gửi được {failed}. Gõ /thongbao huy {id} nếu cần dừng."
)
BROADCAST_CANCEL_USAGE = "Cách dùng: /thongbao huy <số thông báo>"
BROADCAST_NOT_FOUND = "Không có thông báo số {id}."
BROADCAST_CANCELLED = "Đã dừng thông báo số {id}: {count} tin chưa gửi sẽ không được gửi."
BROADCAST_REPORT = (
    "Kết quả thông báo số {id} ({audience}): đã gửi {sent}, không gửi được {failed}, "
    "dừng {cancelled}."
)
BROADCAST_REPORT_REASON = "- {reason}: {count}"
BROADCAST_REPORT_BLOCKED = "Đầu mối đã chặn trợ lý (cần liên hệ trực tiếp): {names}"
UNKNOWN_REASON = "không rõ lý do"
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "console": "dòng lệnh"}
CONTACT_BLOCKED_NOTICE = (
    "Đầu mối {user} của {unit} đã chặn trợ lý trên {channel}; tin nhắn không gửi được. "
    "Đề nghị liên hệ trực tiếp hoặc tạo mã mời mới (/moi)."
)
DELIVERY_GAVE_UP = "đã thử {attempts} lần, lần cuối: {reason}"
DELIVERY_REFUSED = "bị từ chối ({reason})"
DELIVERY_BLOCKED = "người nhận đã chặn trợ lý"
BROADCAST_UNKNOWN_UNIT = (
    "Tôi không tìm thấy đơn vị \"{name}\". Đồng chí gõ /donvi để xem đúng tên đơn vị."
)

HELP_BROADCAST = (
    "/thongbao – gửi thông báo tới các đầu mối; /thongbao tinhhinh; /thongbao huy <số>"
)
MENU_BROADCAST = "Gửi thông báo tới các đầu mối (quản trị)"
AUDIT_ACTIONS = {"broadcast_queued": "gửi thông báo", "broadcast_cancelled": "dừng thông báo"}
