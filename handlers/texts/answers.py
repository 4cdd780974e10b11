"""What the answer engine says: answers, citations, windows of dates."""

from __future__ import annotations

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
SECTIONS_JOIN = " và mục "  # a duty stated in two sections: "mục II.1.1 và mục III.2"

DEADLINE_LINE = "Thời hạn: {phrase}."
NO_DEADLINE = "Kế hoạch không nêu thời hạn cụ thể cho việc này."
ONGOING = "Thời hạn: {phrase} (không có mốc cụ thể)."
UNITS_LINE = "Đơn vị thực hiện: {units}."
SUPPORT_LINE = "Đơn vị phối hợp: {units}."
REPORTS_TO_LINE = "Gửi về: {target}."
TASK_LINE = "Việc: {summary}."
LIST_ITEM = "- {item}"
CLAUSE_EXCERPT = "… {clause}"  # the part of a plan's sentence, from its middle, that is asked
RELATED_TIMES = "Kế hoạch còn giao một việc khác cũng khớp với câu hỏi, có thời hạn khác:"
OTHER_PLANS = "Kế hoạch khác cũng có việc khớp với câu hỏi:"
RELATED_ITEM = "- {summary}: {phrase} ({citation})"

# Not answered: what the plans do not hold, then, marked as such, what they say nearby.
SMALL_TALK = (
    "Tôi là trợ lý trả lời câu hỏi về các kế hoạch: thời hạn, đơn vị thực hiện, đề cương báo "
    "cáo, những việc đến hạn. Đồng chí cần hỏi gì, xin cứ nhắn."
)
NOT_HELD_YEAR = "Các kế hoạch hiện có không nêu nội dung này cho năm {phrase}."
NOT_HELD_PHRASE = "Các kế hoạch hiện có không nêu “{phrase}” cho nội dung này."
NOT_HELD_NAME = "Các kế hoạch hiện có không nhắc đến {phrase} ở nội dung này."
NOT_HELD_BODY = "Các kế hoạch hiện có không giao nhiệm vụ cho {phrase}."
NOT_HELD_DOCUMENT = "Nội dung này trong các kế hoạch hiện có không gắn với {phrase}."
NOT_HELD_MONEY = "Các kế hoạch hiện có không nêu số tiền hay mức kinh phí cụ thể."
NOT_HELD_CONTACT = "Các kế hoạch hiện có không ghi số điện thoại hay địa chỉ liên hệ."
NOT_HELD_PLACE = "Kế hoạch không nêu địa điểm cho việc này."
NOT_HELD_COUNT = "Kế hoạch không nêu con số cụ thể cho “{phrase}”."
NOT_HELD_TIME = "Kế hoạch không nêu thời gian cụ thể cho việc này."
CONFIRM_YES = "Đúng như đồng chí nhớ:"
CONFIRM_NO = "Không phải {day}; theo kế hoạch:"
NOT_HELD_DAY = "Kế hoạch chỉ ghi thời gian là “{phrase}”, không nêu ngày cụ thể."
NOT_HELD_CITED = "Các kế hoạch hiện có không dẫn {kind} nào như đồng chí hỏi."
NOT_HELD_START = "Kế hoạch không nêu mốc bắt đầu (tính từ khi nào) cho việc này."
NOT_HELD_FREQUENCY = "Kế hoạch không nêu việc này làm bao lâu một lần."
NOT_HELD_DURATION = "Kế hoạch không nêu việc này kéo dài bao lâu."
NOT_HELD_OUTCOME = "Các kế hoạch chỉ nêu việc phải làm, không ghi kết quả đã đạt được."
NOT_HELD_SANCTION = "Các kế hoạch hiện có không nêu hình thức xử lý khi không thực hiện."
NOT_HELD_FORM = "Kế hoạch không nêu hình thức tổ chức cho việc này."
NOT_HELD_PERSON = "Các kế hoạch hiện có không nêu tên {position}."
NOT_HELD_ANYONE = "Các kế hoạch hiện có không nêu tên người phụ trách việc này."
MONTH_NAME = "tháng {month}"
IN_WINDOW = "Có: {date} nằm trong mốc thời gian kế hoạch nêu ({phrase})."
OUT_OF_WINDOW = "Không: {date} nằm ngoài mốc thời gian kế hoạch nêu ({phrase})."
LATE = "{date} là trễ hạn: kế hoạch yêu cầu {phrase}."
IN_TIME = "{date} là kịp hạn: kế hoạch yêu cầu {phrase}."
TODAY_NAMED = "Hôm nay ({day})"
DAY_NAMED = "Ngày {date}"
MONTH_NAMED = "Tháng {date}"
PARTLY_ANSWERED = (
    "Đồng chí hỏi nhiều việc; các kế hoạch hiện có chỉ trả lời được một phần, xin xem từng ý "
    "dưới đây:")
NOT_HELD_TAIL = "Tôi không trả lời để tránh đưa thông tin không chính xác."
NEARBY = "Nội dung gần nhất mà kế hoạch có nêu (không phải là câu trả lời cho câu hỏi trên):"
NEARBY_ITEM = "- {summary}: {phrase} ({citation})"
NEARBY_ITEM_NO_TIME = "- {summary} ({citation})"
NEARBY_SIGNER = "- {plan} do đồng chí {name}, {position}, ký."
DOCUMENT_TEXT_NOT_HELD = (
    "Tôi không có toàn văn {document}: các kế hoạch hiện có chỉ dẫn văn bản này, không chép "
    "nội dung của nó."
)
UNKNOWN_DOCUMENT = "{kind} số {number}"

OUTLINE_PARTS = "{title} gồm {count} phần:"
PLAN_PARTS = "{plan} gồm {count} phần:"
PLAN_SECTION_PARTS = "Phần {ref}. {title} của {plan} gồm:"
PLAN_ITEM_PARTS = "Mục {ref}. {title} của {plan} gồm:"
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
UPCOMING_AFTER = "Các hạn tiếp theo, sau ngày {end}:"
UPCOMING_ITEM = "- {when}: {summary} ({citation})"
UPCOMING_NONE = "Không có hạn nào {window} trong các kế hoạch hiện có (tính đến ngày {today})."
UPCOMING_NEXT = "Hạn gần nhất sau đó: {when} — {summary} ({citation})."
UPCOMING_NONE_ABOUT = ("Tôi chưa thấy hạn nào {window} đúng với nội dung đồng chí hỏi "
                       "(tính đến ngày {today}).")
UPCOMING_OTHERS = "Các hạn khác {window} (không phải là câu trả lời cho câu hỏi trên):"
UPCOMING_NOTHING_AFTER = "Sau thời điểm này, các kế hoạch hiện có không còn hạn nào."
UPCOMING_ALL_PAST = (
    "Các kế hoạch hiện có thuộc các năm {first}–{last} và đều đã qua. Muốn xem như đang trong "
    "thời gian thực hiện, trong cửa sổ trò chuyện đồng chí gõ /homnay {day} (hoặc chạy: "
    "troly ask --today {day} \"…\")."
)

SIGNER = "{plan} do đồng chí {name}, {position}, ký{on_behalf}."
RECIPIENTS = "Nơi nhận của {plan}:"
RECIPIENTS_REPORTED = "{plan} gửi báo cáo (b/c) lên:"
RECIPIENTS_UNKNOWN = "Bản {plan} hiện có không ghi nơi nhận."
RECIPIENTS_LABEL = "Nơi nhận"
SENT_TO_YES = "Có. Nơi nhận của {plan} có:"
SENT_TO_NO = ("Không. Nơi nhận của {plan} không có \"{body}\"; kế hoạch được gửi tới:")
NOT_HELD_RECIPIENTS = "Các kế hoạch hiện có chỉ ghi nơi nhận của chính kế hoạch."
SIGNER_ON_BEHALF = " ({on_behalf})"
SIGNER_UNKNOWN = "Bản {plan} hiện có không ghi người ký."
NUMBER = "Số của kế hoạch: {number} ({plan})."
NUMBER_UNKNOWN = "Bản {plan} hiện có không in số kế hoạch."
DOCUMENT_ITEM = "- {document}"
DOCUMENT_CITED = "{plan} dẫn văn bản này:"
DOCUMENT_IN_TASK = "Theo {document}."
BASIS_TITLE = "{plan} được ban hành trên cơ sở:"
BASIS_SOME = "{plan} căn cứ vào:"
BASIS_NONE = "{plan} không nêu văn bản căn cứ."
BASIS_NOT_HELD = "Các kế hoạch hiện có không nêu văn bản căn cứ như đồng chí hỏi."
ISSUED_ON = "{plan} ban hành ngày {date} ({written}){place}."
DATE_WRITTEN = "ngày {day} tháng {month} năm {year}"  # as a document's date line prints it
ISSUED_UNKNOWN = "Bản {plan} hiện có không ghi ngày ban hành."
TOPIC_LINE = "Chuyên đề {period}: \u201c{title}\u201d"
FACT_TIME = "Thời gian: {phrase}."

# Window names used in sentences: "trong tháng 3/2024", "trong 30 ngày tới".
WINDOW_MONTH = "trong tháng {month}/{year}"
WINDOW_QUARTER = "trong quý {quarter}/{year}"
WINDOW_YEAR = "trong năm {year}"
WINDOW_WEEK = "trong tuần từ {start} đến {end}"
WINDOW_SPAN = "từ ngày {start} đến ngày {end}"  # two periods asked together
WINDOW_DAY = "trong ngày {day}"
WINDOW_SOON = "trong {days} ngày tới (đến ngày {end})"
WINDOW_NEXT = "tiếp theo"
WINDOW_REST = "từ ngày {start} đến hết {period}"
WINDOW_OVERDUE = "đã qua trong {days} ngày gần đây"

# Plan citations.
PLAN_NUMBERED = "Kế hoạch {number} của {issuer}"
PLAN_UNNUMBERED = "Kế hoạch năm {year} của {issuer} (bản không ghi số)"
PLAN_LIST_ITEM = "- {citation}: {title}"

# -- what a plan is for ("Mục đích, yêu cầu") ---------------------------------------------
PURPOSE_TITLE = "Mục đích, yêu cầu của {plan}:"
PURPOSE_UNKNOWN = "Bản {plan} hiện có không có phần mục đích, yêu cầu."
PURPOSE_WHICH_PLAN = "Đồng chí hỏi mục đích, yêu cầu của kế hoạch nào?"
PURPOSE_OPTION = "Mục đích của {plan} là gì?"
UNIT_TASK_TEXT = "  Kế hoạch ghi: {text}"
EACH_ITEM = "- {summary}"  # one of the duties a question asks for in turn
