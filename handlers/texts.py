"""Every sentence the assistant says to a user, in one place, in administrative Vietnamese."""

from __future__ import annotations

GREETING = (
    "Xin chào đồng chí. Tôi là Trợ lý Kế hoạch, giúp tra cứu các kế hoạch thực hiện "
    "Kết luận số 01-KL/TW mà cơ quan đã cập nhật.\n"
    "Tôi có thể trả lời về: thời hạn của từng nhiệm vụ; đơn vị chủ trì, phối hợp; "
    "đề cương báo cáo; những việc đến hạn trong tháng, trong quý; người ký, văn bản căn cứ, "
    "chuyên đề của từng năm.\n"
    "Các kế hoạch hiện có:\n{plans}\n"
    "Ví dụ câu hỏi:\n{examples}\n"
    "Gõ /trogiup để xem lại hướng dẫn này."
)
EXAMPLE_QUESTIONS = (
    "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?",
    "Đề cương báo cáo gồm những phần nào?",
    "Văn phòng Đảng ủy Khối được giao nhiệm vụ gì?",
    "Tháng này có những hạn nào?",
    "Ai ký Kế hoạch 107-KH/ThU?",
)
HELP_TITLE = "Hướng dẫn sử dụng Trợ lý Kế hoạch"
UNKNOWN_COMMAND = (
    "Lệnh {command} chưa được hỗ trợ. Các lệnh hiện có: /start, /trogiup. "
    "Đồng chí cũng có thể đặt câu hỏi trực tiếp bằng tiếng Việt."
)
EMPTY_MESSAGE = "Tôi chưa nhận được nội dung câu hỏi. Đồng chí vui lòng nhập câu hỏi bằng chữ."
TOO_LONG = (
    "Câu hỏi dài {length} ký tự, vượt quá giới hạn {limit} ký tự. Đồng chí vui lòng hỏi ngắn "
    "gọn từng ý; tôi đã ghi nhận nội dung đồng chí gửi."
)
INTERNAL_ERROR = (
    "Xin lỗi, đã có lỗi khi xử lý câu hỏi này. Nội dung đồng chí gửi đã được ghi lại; "
    "đồng chí vui lòng thử lại sau ít phút."
)
OPTION_OUT_OF_RANGE = "Đồng chí vui lòng chọn một số từ 1 đến {count}."
CHOICE_PROMPT = "Đồng chí vui lòng chọn một mục (gõ số thứ tự):"

# --- answers -----------------------------------------------------------------------------
NOT_FOUND = (
    "Tôi chưa tìm thấy thông tin này trong các kế hoạch hiện có, nên không thể trả lời chắc "
    "chắn. Đồng chí có thể hỏi về thời hạn, đơn vị thực hiện, đề cương báo cáo hoặc những việc "
    "đến hạn trong các kế hoạch sau:\n{plans}"
)
UNKNOWN_PLAN = (
    "Tôi chưa có {what} trong cơ sở dữ liệu, nên không thể trả lời. Các kế hoạch hiện có:\n"
    "{plans}"
)
UNKNOWN_PLACE = "kế hoạch của {place}"
UNKNOWN_NUMBER = "Kế hoạch số {number}"
NO_OUTLINE = (
    "{plan} không kèm đề cương báo cáo. Hiện tôi có đề cương của: {outlines}."
)
CITATION = "Nguồn: {document}, mục {section}."
CITATION_NO_SECTION = "Nguồn: {document}."
MORE_ITEMS = "(còn {count} mục khác; đồng chí hỏi cụ thể hơn để xem chi tiết)"

DEADLINE_LINE = "Thời hạn: {phrase}."
NO_DEADLINE = "Kế hoạch không nêu thời hạn cụ thể cho việc này."
ONGOING = "Thời hạn: {phrase} (không có mốc cụ thể)."
UNITS_LINE = "Đơn vị thực hiện: {units}."
SUPPORT_LINE = "Đơn vị phối hợp: {units}."
REPORTS_TO_LINE = "Gửi về: {target}."
RELATED_TIMES = "Lưu ý, kế hoạch còn nêu mốc khác cho công việc liên quan:"
OTHER_PLANS = "Các kế hoạch khác có nội dung tương tự:"
RELATED_ITEM = "- {summary}: {phrase} ({citation})"

OUTLINE_PARTS = "{title} gồm {count} phần:"
OUTLINE_SECTION = "Phần {ref}. {title} của {outline} gồm:"
OUTLINE_SECTION_ITEMS = "Mục {ref}. {title} ({outline}) cần nêu:"
OUTLINE_SECTION_EMPTY = "Mục {ref}. {title} ({outline}): đề cương chỉ nêu tên mục, không ghi thêm."

UNIT_TASKS = "{unit} được giao {count} nhiệm vụ trong {plan}:"
UNIT_TASKS_WINDOW = "Các nhiệm vụ của {unit} đến hạn {window}:"
UNIT_NO_TASKS = "{unit} không được giao nhiệm vụ nào trong các kế hoạch hiện có."
UNIT_NO_TASKS_WINDOW = "{unit} không có nhiệm vụ nào đến hạn {window} trong các kế hoạch hiện có."
TASK_ITEM = "- {summary} — {when} (mục {section})"
TASK_ITEM_NO_TIME = "- {summary} (mục {section})"

UPCOMING_TITLE = "Các hạn {window} (tính đến ngày {today}):"
UPCOMING_ITEM = "- {when}: {summary} ({citation})"
UPCOMING_NONE = "Không có hạn nào {window} trong các kế hoạch hiện có (tính đến ngày {today})."
UPCOMING_NEXT = "Hạn gần nhất sau đó: {when} — {summary} ({citation})."
UPCOMING_NOTHING_AFTER = "Sau thời điểm này, các kế hoạch hiện có không còn hạn nào."

SIGNER = "{plan} do đồng chí {name}, {position}, ký{on_behalf}."
SIGNER_ON_BEHALF = " ({on_behalf})"
SIGNER_UNKNOWN = "Bản {plan} hiện có không ghi người ký."
BASIS_TITLE = "{plan} được ban hành trên cơ sở:"
BASIS_NONE = "{plan} không nêu văn bản căn cứ."
ISSUED_ON = "{plan} ban hành ngày {date}{place}."
ISSUED_UNKNOWN = "Bản {plan} hiện có không ghi ngày ban hành."
TOPIC_LINE = "Chuyên đề {period}: \u201c{title}\u201d"
FACT_TIME = "Thời gian: {phrase}."

# Window names used in sentences: "trong tháng 3/2024", "trong 30 ngày tới".
WINDOW_MONTH = "trong tháng {month}/{year}"
WINDOW_QUARTER = "trong quý {quarter}/{year}"
WINDOW_YEAR = "trong năm {year}"
WINDOW_WEEK = "trong tuần từ {start} đến {end}"
WINDOW_DAY = "trong ngày {day}"
WINDOW_SOON = "trong {days} ngày tới (đến ngày {end})"
WINDOW_OVERDUE = "đã qua trong {days} ngày gần đây"

# Plan citations.
PLAN_NUMBERED = "Kế hoạch {number} của {issuer}"
PLAN_UNNUMBERED = "Kế hoạch năm {year} của {issuer} (bản không ghi số)"
PLAN_LIST_ITEM = "- {citation}: {title}"

# --- terminal channel ------------------------------------------------------------------
MALFORMED_LINE = (
    "Dòng vừa nhận không đúng định dạng JSON {{\"from\": ..., \"text\": ...}}, nên tôi chưa "
    "xử lý được; nội dung đã được ghi vào nhật ký lỗi."
)
MALFORMED_REQUEST = (
    "Yêu cầu không đúng định dạng JSON {{\"q\": ..., \"today\": \"YYYY-MM-DD\" hoặc null}}."
)
BAD_DATE = "Ngày {value!r} không hợp lệ; đồng chí vui lòng ghi theo dạng YYYY-MM-DD."
CHAT_PROMPT = "Đồng chí hỏi: "
CHAT_BYE = "Cảm ơn đồng chí. Hẹn gặp lại."
KNOWLEDGE_ERROR = "Không nạp được dữ liệu kế hoạch: {error}"
KNOWLEDGE_SUMMARY = (
    "Dữ liệu hợp lệ: {plans} kế hoạch, {tasks} nhiệm vụ ({dated} có thời hạn), "
    "{outlines} mục đề cương, {units} đơn vị."
)
