"""Importing a plan: the draft an admin reviews, corrections, approval, and refusals."""

from __future__ import annotations

DRAFT_TITLE = "DỰ THẢO NHẬP KẾ HOẠCH (số {id}) – từ tệp {file}"
DRAFT_NEW_VERSION = (
    "Đây là bản mới của {plan} đang có (phiên bản {version}); khi được duyệt sẽ thay bản cũ, "
    "giữ nguyên các báo cáo đã có."
)
DRAFT_IDENTITY = "{number} của {issuer}{when}"
DRAFT_WHEN = ", ngày {date}"
DRAFT_PLACE = " tại {place}"
DRAFT_NO_NUMBER = "Kế hoạch (không ghi số)"
DRAFT_TITLE_LINE = "Tên: {title}"
DRAFT_SIGNER = "Người ký: {name}{capacity}"
DRAFT_BASIS = "Căn cứ: {documents}"
DRAFT_TASKS = "Nhiệm vụ ({count}):"
DRAFT_TASK = "{n}. [mục {section}] {text}"
DRAFT_TASK_UNITS = "   Đơn vị: {units}"
DRAFT_LEAD = "chủ trì {names}"
DRAFT_SUPPORT = "phối hợp {names}"
DRAFT_TASK_DEADLINE = "   Thời hạn: \u201c{phrase}\u201d → {reading}"
DRAFT_TASK_RESTATES = "   (nhắc lại nhiệm vụ {n})"
DRAFT_NO_UNIT = "   Đơn vị: chưa xác định"
DRAFT_NO_DEADLINE = "   Thời hạn: không nêu"
DRAFT_OUTLINES = "Đề cương báo cáo: {titles}"
DRAFT_TOPICS = "Chuyên đề: {titles}"
DRAFT_DOUBTS = "Chưa đọc chắc chắn, đề nghị đồng chí kiểm tra:"
DRAFT_DOUBT = "- {text}"
DRAFT_CHANGES = "Thay đổi so với bản đang có:"
DRAFT_CHANGED = "- Nhiệm vụ {n}: thời hạn \u201c{old}\u201d → \u201c{new}\u201d"
DRAFT_ADDED = "- Thêm nhiệm vụ {n}: {text}"
DRAFT_REMOVED = "- Bỏ nhiệm vụ: {text}"
DRAFT_NO_CHANGES = "- Không có thay đổi về nhiệm vụ và thời hạn."
DRAFT_HOW = (
    "Đồng chí chọn \"Duyệt\" để đưa kế hoạch vào sử dụng (trả lời, giao việc, nhắc việc), "
    "\"Không duyệt\" để bỏ dự thảo; hoặc sửa: \"sửa 3 hạn trước ngày 30/6/2026\", "
    "\"sửa 3 đơn vị Văn phòng; Ban Tuyên giáo\", \"bỏ 3\"."
)
DRAFT_CHOICES = ("Duyệt", "Không duyệt")
READING_DATE = "ngày {end}"
READING_WINDOW = "từ {start} đến {end}"
READING_RECURRING = "định kỳ ({recurrence})"
READING_ONGOING = "thường xuyên, không nhắc hạn"
READING_RELATIVE = "tính từ một sự kiện, không có ngày cố định"
RECURRENCES = {"week": "hằng tuần", "month": "hằng tháng", "quarter": "hằng quý",
               "half_year": "6 tháng một lần", "year": "hằng năm"}

CORRECTED = "Đã sửa nhiệm vụ {n}."
REMOVED = "Đã bỏ nhiệm vụ {n} khỏi dự thảo."
BAD_NUMBER = "Dự thảo có {count} nhiệm vụ; đồng chí ghi số từ 1 đến {count}."
BAD_DEADLINE = (
    "Tôi chưa đọc được thời hạn \u201c{phrase}\u201d; chưa sửa gì. Ví dụ: \"trước ngày "
    "30/6/2026\", \"trong quý III/2026\", \"thường xuyên\"."
)
CORRECTION_USAGE = (
    "Tôi chưa hiểu yêu cầu sửa. Đồng chí gõ \"sửa <số> hạn <thời hạn>\", \"sửa <số> đơn vị "
    "<tên; tên>\", \"bỏ <số>\", chọn Duyệt hoặc Không duyệt, hoặc gõ /huy."
)
APPROVED = (
    "Đã duyệt {plan}: {tasks} nhiệm vụ ({dated} có thời hạn), giao cho {units} đơn vị. Từ nay "
    "trợ lý trả lời về kế hoạch này và nhắc việc theo các thời hạn của nó."
)
REJECTED = "Đã bỏ dự thảo số {id}; không có gì thay đổi."
DECIDED_ALREADY = "Dự thảo số {id} đã được quyết định trước đó."
DRAFT_GONE = "Không còn dự thảo số {id}."

REFUSED = {
    "empty": "Tệp {file} trống, không có nội dung để đọc.",
    "too_large": "Tệp {file} lớn quá giới hạn {limit} MB; đồng chí gửi bản nhỏ hơn.",
    "unsupported": (
        "Tôi chưa đọc được loại tệp {file}. Đồng chí gửi kế hoạch dạng .docx, .pdf, .txt hoặc "
        ".md."
    ),
    "old_doc": (
        "Tệp {file} là định dạng Word cũ (.doc). Đồng chí mở bằng Word, chọn Lưu thành .docx "
        "rồi gửi lại."
    ),
    "password": "Tệp {file} có mật khẩu; đồng chí gỡ mật khẩu rồi gửi lại.",
    "corrupt": "Tệp {file} bị hỏng hoặc không đúng định dạng; đồng chí lưu lại rồi gửi lại.",
    "scanned": (
        "Tệp {file} là bản chụp (PDF không có lớp chữ), tôi chưa đọc được. Đồng chí gửi bản "
        ".docx hoặc PDF xuất từ Word."
    ),
    "no_obligations": (
        "Tôi không tìm thấy nhiệm vụ nào trong tệp {file}, nên chưa nhập gì. Tệp có phải là "
        "một kế hoạch không?"
    ),
    "invalid": "Dự thảo từ tệp {file} chưa hợp lệ ({problem}); chưa nhập gì.",
}
IMPORT_NEEDS_FILE = (
    "Đồng chí gửi kèm tệp kế hoạch (.docx, .pdf, .txt hoặc .md) với lệnh /kehoach nhap, "
    "hoặc gửi tệp đó cho tôi."
)
PLANS_TITLE = "Các kế hoạch đang dùng ({count}):"
PLANS_LINE = "- {plan}: {title} ({source}{version})"
PLANS_SOURCE = {"bundled": "có sẵn", "import": "đã nhập"}
PLANS_VERSION = ", phiên bản {version}"
PLANS_DRAFTS = "Dự thảo chờ duyệt: {ids}. Gõ /kehoach xem <số> để xem lại."
PLANS_USAGE = (
    "/kehoach – danh sách kế hoạch; /kehoach nhap (kèm tệp) – nhập kế hoạch mới; "
    "/kehoach xem <số dự thảo> – xem lại dự thảo"
)
HELP_PLANS = "/kehoach – các kế hoạch; gửi tệp kế hoạch để nhập kế hoạch mới"
MENU_PLANS = "Các kế hoạch và nhập kế hoạch mới (quản trị)"
AUDIT_ACTIONS = {"plan_drafted": "nhập dự thảo kế hoạch", "plan_approved": "duyệt kế hoạch",
                 "plan_rejected": "bỏ dự thảo kế hoạch", "plan_corrected": "sửa dự thảo"}
