"""Tasks, assignments, status reports and the admins' views of them."""

from __future__ import annotations

TASK_LABEL = "{summary} ({plan}, mục {section}; thời hạn: {when})"
NO_TIME_SHORT = "không nêu"
TASK_NOT_FOUND = (
    "Tôi không tìm thấy nhiệm vụ nào khớp với \"{text}\". Đồng chí ghi rõ hơn, ví dụ "
    "\"báo cáo sơ kết 3 năm\"."
)
TASK_WHICH = "Có nhiều nhiệm vụ phù hợp. Đồng chí chọn một nhiệm vụ:"
ASSIGN_USAGE = (
    "Cách dùng: /giao <nhiệm vụ> | <đơn vị; đơn vị…>, hoặc | nhóm <tên nhóm>, "
    "hoặc | tất cả chi bộ cơ sở"
)
ASSIGN_UNKNOWN_UNIT = (
    "Tôi không tìm thấy đơn vị \"{name}\", nên chưa giao nhiệm vụ cho đơn vị nào. "
    "Đồng chí gõ /donvi để xem đúng tên đơn vị."
)
ASSIGNED = (
    "Đã giao nhiệm vụ: {task}\ncho {count} đơn vị ({added} đơn vị mới, {already} đơn vị "
    "đã được giao từ trước)."
)
NO_CELLS = "Chưa có chi bộ cơ sở nào trong danh sách đơn vị; đề nghị thêm bằng /donvi them."
STATUS_DONE = "Đã hoàn thành"
STATUS_IN_PROGRESS = "Đang thực hiện"
STATUS_NOT_STARTED = "Chưa thực hiện"
STATUS_BLOCKED = "Gặp vướng mắc"
STATUS_EXTENSION = "Xin gia hạn"
EVIDENCE = "văn bản số {number}"
EVIDENCE_DATE = "ngày {date}"
REQUESTED_DATE = "đề nghị gia hạn đến {date}"
REPORT_PICK_UNIT = "Đồng chí báo cáo cho đơn vị nào?"
REPORT_PICK_TASK = "Các nhiệm vụ của {unit} chưa báo cáo hoàn thành. Đồng chí chọn nhiệm vụ:"
REPORT_WHICH_TASK = "Báo cáo này cho nhiệm vụ nào của {unit}?"
REPORT_PICK_STATUS = "Nhiệm vụ: {task}\nTình hình thực hiện hiện nay:"
REPORT_ASK_NOTE = (
    "Đồng chí có thể gửi thêm ghi chú (số, ngày văn bản; tỷ lệ hoàn thành; khó khăn), "
    "hoặc gõ 0 để lưu ngay."
)
REPORT_CHOOSE_OR_CANCEL = (
    "Đồng chí vui lòng chọn một mục (gõ số thứ tự), hoặc gõ /huy để hủy báo cáo đang làm."
)
REPORT_NOTHING_OPEN = "{unit} hiện không còn nhiệm vụ nào chưa báo cáo hoàn thành."
REPORT_NOT_ASSIGNED = "Nhiệm vụ này không được giao cho {unit}, nên chưa lưu báo cáo."
REPORT_OTHER_TASK = (
    "Nhiệm vụ \"{task}\" không được giao cho {unit}, nên tôi chưa lưu báo cáo này. "
    "Gõ /baocao để xem các nhiệm vụ của đơn vị."
)
REPORT_TASK_GONE = "Nhiệm vụ hoặc đơn vị này không còn trong dữ liệu; chưa lưu gì."
REPORT_SAVED = "Đã ghi nhận báo cáo của {unit}.\nNhiệm vụ: {task}\nTình hình: {status}."
REPORT_OVERDUE_NOTE = "Lưu ý: thời hạn của nhiệm vụ này là {due}, nay đã quá hạn."
REPORT_CAN_CORRECT = "Nếu cần sửa, đồng chí gõ /sua."
CORRECT_NOTHING = "Đồng chí chưa gửi báo cáo nào để sửa."
CORRECT_INTRO = "Báo cáo gần nhất: {previous}. Báo cáo mới sẽ thay thế (báo cáo cũ vẫn lưu)."

# --- admin views (/tinhhinh, /xuat, /nhatky) ------------------------------------------------
NOT_REPORTED = "chưa báo cáo"
STATUS_NOTHING = "Chưa có nhiệm vụ nào được giao cho đơn vị."
STATUS_NOT_FOUND = "Tôi không tìm thấy nhiệm vụ hay đơn vị nào khớp với \"{text}\"."
STATUS_HINT = (
    "Gõ /tinhhinh <nhiệm vụ> hoặc /tinhhinh <đơn vị> để xem chi tiết; /xuat để xuất Excel."
)
STATUS_OVERVIEW_LINE = "- {task}\n  {counts}; chưa báo cáo: {unreported}"
STATUS_TASK_TITLE = "Nhiệm vụ: {task}\nTình hình đến ngày {today}:"
STATUS_TASK_UNASSIGNED = "Nhiệm vụ chưa được giao cho đơn vị nào: {task}"
STATUS_SILENT = "Đơn vị chưa báo cáo ({count}): {names}"
STATUS_ALL_REPORTED = "Tất cả đơn vị được giao đã báo cáo."
STATUS_UNIT_TITLE = "{unit} – tình hình đến ngày {today}:"
STATUS_UNIT_NO_TASKS = "{unit} chưa được giao nhiệm vụ nào."
STATUS_UNIT_LINE = "- {task}\n  {state}; báo cáo gần nhất: {last}"
EXPORT_TITLE = "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ"
EXPORT_DONE = (
    "Gửi đồng chí báo cáo tình hình ({rows} dòng đơn vị – nhiệm vụ) và biểu đồ của từng kế "
    "hoạch."
)
STATE_DONE_ON_TIME = "Hoàn thành đúng hạn"
STATE_DONE_LATE = "Hoàn thành quá hạn"
STATE_OPEN_IN_TIME = "Chưa hoàn thành (chưa quá hạn)"
STATE_OPEN_OVERDUE = "Chưa hoàn thành (quá hạn)"
EXPORT_SHEET = "Tình hình báo cáo"
EXPORT_SUMMARY_SHEET = "Tổng hợp"
EXPORT_SUMMARY_TASK = "Nhiệm vụ"
EXPORT_SUMMARY_TOTAL = "Tổng số đơn vị"
EXPORT_COLUMNS = ("STT", "Đơn vị", "Nhóm", "Kế hoạch", "Mục", "Nhiệm vụ", "Thời hạn",
                  "Tình trạng", "Báo cáo gần nhất", "Thời điểm", "Ghi chú", "Văn bản")
EXPORT_AS_OF = "Số liệu tính đến {time} ngày {date}"
EXPORT_CREATOR = "Trợ lý Kế hoạch"
EXPORT_NO_DATA = "Chưa có nhiệm vụ nào được giao cho đơn vị."
EXPORT_CHART_AXIS = "Số đơn vị"

HELP_REPORT = "/baocao – báo cáo tình hình thực hiện một nhiệm vụ của đơn vị"
HELP_CORRECT = "/sua – sửa báo cáo gần nhất"
HELP_REPORT_NOTE = (
    "Đồng chí cũng có thể nhắn ngắn, ví dụ: \"đã gửi báo cáo số 45-BC/ĐU ngày 20/3\", "
    "\"đang làm, khoảng 70%\", \"xin gia hạn đến 5/4\"."
)
HELP_ASSIGN = (
    "/giao <nhiệm vụ> | <đơn vị; đơn vị…> hoặc | nhóm <tên nhóm> hoặc | tất cả chi bộ cơ sở"
)
HELP_STATUS = "/tinhhinh [nhiệm vụ hoặc đơn vị] – tình hình báo cáo"
HELP_EXPORT = "/xuat – xuất báo cáo Excel và biểu đồ"
MENU_REPORT = "Báo cáo tình hình thực hiện nhiệm vụ"
MENU_CORRECT = "Sửa báo cáo gần nhất"
MENU_STATUS = "Tình hình báo cáo của các đơn vị (quản trị)"
MENU_ASSIGN = "Giao nhiệm vụ cho đơn vị (quản trị)"
MENU_EXPORT = "Xuất báo cáo Excel và biểu đồ (quản trị)"
AUDIT_ACTIONS = {
    "task_assigned": "giao nhiệm vụ", "status_reported": "báo cáo tình hình",
    "status_corrected": "sửa báo cáo", "exported": "xuất báo cáo",
}

# --- reminders answered, extensions -----------------------------------------------------------
REPLY_WHICH_TASK = "Đồng chí đã nhận nhắc việc của nhiều nhiệm vụ. Báo cáo này cho nhiệm vụ nào?"
EXTENSION_ASK_DATE = (
    "Đồng chí đề nghị gia hạn \"{task}\" đến ngày nào? (hạn hiện nay: {due}). Ví dụ: 05/4/2024, "
    "hoặc gõ /huy để thôi."
)
EXTENSION_BAD_DATE = "Tôi chưa đọc được ngày trong \"{text}\". Đồng chí ghi ngày dạng 05/4/2024."
EXTENSION_NOT_LATER = (
    "Ngày đề nghị gia hạn ({requested}) phải sau hạn hiện nay ({due}) và sau hôm nay ({today}); "
    "chưa gửi đề nghị nào. Đồng chí ghi lại ngày, hoặc gõ /huy để thôi."
)
EXTENSION_TOO_FAR = (
    "Ngày đề nghị gia hạn ({requested}) xa quá một năm so với hạn hiện nay; chưa gửi đề nghị "
    "nào. Đồng chí ghi lại ngày, hoặc gõ /huy để thôi."
)
EXTENSION_SENT = (
    "Đã gửi đề nghị gia hạn của {unit} đến ngày {requested} (hạn hiện nay: {due}) tới quản trị "
    "viên; tôi sẽ báo lại kết quả. Trong khi chờ, hạn vẫn là {due}."
)
EXTENSION_PENDING_ALREADY = (
    "{unit} đã có đề nghị gia hạn nhiệm vụ này đang chờ quyết định (đến ngày {requested})."
)
EXTENSION_TO_ADMIN = (
    "ĐỀ NGHỊ GIA HẠN (số {id})\n"
    "Đơn vị: {unit}\nNhiệm vụ: {task}\nHạn hiện nay: {due}\nĐề nghị gia hạn đến: {requested}\n"
    "Người đề nghị: {who}{note}\n"
    "Đồng chí chọn Đồng ý hoặc Không đồng ý (hoặc gõ /giahan {id} dongy, /giahan {id} tuchoi)."
)
EXTENSION_NOTE = "\nNội dung: {note}"
EXTENSION_CHOICES = ("Đồng ý", "Không đồng ý")
EXTENSION_WHICH = "Đồng chí quyết định đề nghị gia hạn nào?"
EXTENSION_LIST_ITEM = "Số {id}: {unit} – {task}, đến {requested}"
EXTENSION_NONE = "Không có đề nghị gia hạn nào đang chờ quyết định."
EXTENSION_NOT_FOUND = "Không có đề nghị gia hạn số {id} đang chờ quyết định."
EXTENSION_USAGE = "Cách dùng: /giahan (danh sách), /giahan <số> dongy, /giahan <số> tuchoi"
EXTENSION_APPROVED = (
    "Đã đồng ý gia hạn cho {unit}: nhiệm vụ \"{task}\" có hạn mới là {requested}; nhắc việc "
    "được tính theo hạn mới."
)
EXTENSION_REFUSED = "Đã không đồng ý gia hạn cho {unit}: nhiệm vụ \"{task}\" giữ hạn {due}."
EXTENSION_DECIDED_ALREADY = "Đề nghị gia hạn số {id} đã được quyết định trước đó; không đổi gì."
EXTENSION_APPROVED_NOTICE = (
    "Đề nghị gia hạn của {unit} đã được đồng ý: nhiệm vụ \"{task}\" có hạn mới là {requested}."
)
EXTENSION_REFUSED_NOTICE = (
    "Đề nghị gia hạn của {unit} chưa được đồng ý: nhiệm vụ \"{task}\" vẫn có hạn {due}. Đề nghị "
    "đồng chí khẩn trương hoàn thành, hoặc liên hệ quản trị viên."
)
HELP_EXTENSIONS = "/giahan – các đề nghị gia hạn đang chờ quyết định"
MENU_EXTENSIONS = "Đề nghị gia hạn đang chờ (quản trị)"
EXTENSION_AUDIT = {
    "extension_requested": "đề nghị gia hạn", "extension_approved": "đồng ý gia hạn",
    "extension_refused": "không đồng ý gia hạn",
}
EXPORT_CHART_PAGE = "{plan} (trang {page}/{pages})"
EXPORT_MATRIX_SHEET = "Đơn vị × nhiệm vụ"
EXPORT_MATRIX_UNIT = "Đơn vị"
EXPORT_MATRIX_LEGEND = "Chú thích màu:"

# --- /tinhhinh summary per plan, /viec ----------------------------------------------------------
SUMMARY_TITLE = "Tình hình thực hiện đến ngày {today} ({units} đơn vị, {assignments} lượt giao):"
SUMMARY_PLAN = "{plan}: {tasks} nhiệm vụ, {units} đơn vị"
SUMMARY_COUNTS = "  {counts}"
SUMMARY_LATE = "  Quá hạn nhiều nhất: {units}"
SUMMARY_LATE_UNIT = "{unit} ({count} nhiệm vụ)"
SUMMARY_HINT = (
    "Gõ /tinhhinh <số kế hoạch> để xem từng nhiệm vụ, /tinhhinh <nhiệm vụ> hoặc "
    "/tinhhinh <đơn vị> để xem chi tiết; /xuat để xuất Excel và biểu đồ."
)
PLAN_TASKS_TITLE = "{plan} – tình hình đến ngày {today}:"
MY_TASKS_TITLE = "Việc của {unit} (đến ngày {today}):"
MY_TASKS_NONE = "{unit} hiện không có nhiệm vụ nào được giao."
MY_TASK_LINE = "- {task}\n  Thời hạn: {when}; {state}; báo cáo gần nhất: {last}"
MY_TASKS_HINT = "Gõ /baocao để báo cáo, hoặc trả lời ngắn như \"đã gửi báo cáo số 45-BC/ĐU\"."
HELP_MY_TASKS = "/viec – các nhiệm vụ của đơn vị, thời hạn và tình trạng"
MENU_MY_TASKS = "Nhiệm vụ của đơn vị tôi"

# --- free messages: report or question, unsure readings --------------------------------------
REPORT_OR_QUESTION = (
    "Đồng chí muốn báo cáo tình hình hay hỏi về kế hoạch? Đồng chí chọn một mục:"
)
# The options repeat the message, marked: "Báo cáo:" and "Hỏi:" are read as such
# (knowledge/data/status_cues.yaml, prefixes).
INTENT_REPORT_OPTION = "Báo cáo: {text}"
INTENT_QUESTION_OPTION = "Hỏi: {text}"
# A report whose sender asks whether it was received: what saving it means.
REPORT_RECEIPT_NOTE = ("Báo cáo của đơn vị đã được lưu vào hệ thống; việc nhận văn bản gửi qua "
                       "đường công văn hoặc thư điện tử do cán bộ phụ trách xác nhận.")
# A report saved with a question of its own beside it: the question is offered to be answered.
REPORT_QUESTION_ASIDE = "Tin nhắn còn có câu hỏi; đồng chí chọn mục dưới đây để tôi trả lời:"
REPORT_CONFIRM_STATUS = (
    "Nhiệm vụ: {task}\nTôi chưa chắc đã hiểu đúng tin nhắn \"{text}\". "
    "Đồng chí chọn tình hình thực hiện đúng:"
)
