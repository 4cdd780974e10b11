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
    "Lệnh {command} chưa được hỗ trợ. Gõ /trogiup để xem các lệnh hiện có; "
    "đồng chí cũng có thể đặt câu hỏi trực tiếp bằng tiếng Việt."
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

# --- roles, help and dialogue ------------------------------------------------------------
ROLE_NAMES = {"admin": "quản trị viên", "contact": "đầu mối đơn vị", "reader": "người tra cứu"}
WHOAMI = "Tài khoản: {user}\nVai trò: {roles}."
WHOAMI_UNITS = "Đầu mối của: {units}."
HELP_CONTACT = (
    "Dành cho đầu mối đơn vị:\n"
    "/baocao – báo cáo tình hình thực hiện một nhiệm vụ của đơn vị\n"
    "/sua – sửa báo cáo gần nhất\n"
    "Đồng chí cũng có thể nhắn ngắn, ví dụ: \"đã gửi báo cáo số 45-BC/ĐU ngày 20/3\", "
    "\"đang làm, khoảng 70%\", \"xin gia hạn đến 5/4\"."
)
HELP_ADMIN = (
    "Dành cho quản trị viên:\n"
    "/moi <đơn vị> – tạo mã mời đầu mối cho đơn vị\n"
    "/donvi – danh sách đơn vị; /donvi xem|them|doiten|nhom|ngung|nhap …\n"
    "/giao <nhiệm vụ> | <đơn vị; đơn vị…> hoặc | nhóm <tên nhóm> hoặc | tất cả chi bộ cơ sở\n"
    "/tinhhinh [nhiệm vụ hoặc đơn vị] – tình hình báo cáo\n"
    "/xuat – xuất báo cáo Excel và biểu đồ\n"
    "/nhatky [số dòng] – nhật ký thao tác\n"
    "/thongbao – gửi thông báo tới các đầu mối; /thongbao tinhhinh; /thongbao huy <số>"
)
ADMIN_ONLY = (
    "Lệnh {command} chỉ dành cho quản trị viên. Nếu đồng chí cần dùng lệnh này, "
    "đề nghị liên hệ Văn phòng hoặc Ban Tuyên giáo để được cấp quyền."
)
NOT_A_CONTACT = (
    "Đồng chí chưa được ghi nhận là đầu mối của đơn vị nào, nên chưa thể báo cáo. "
    "Đề nghị đồng chí xin mã mời từ quản trị viên rồi gửi mã đó cho tôi."
)
CANCELLED = "Đã hủy thao tác đang làm dở."
NOTHING_TO_CANCEL = "Hiện không có thao tác nào đang làm dở."

# --- invite codes --------------------------------------------------------------------------
INVITE_CREATED = (
    "Mã mời đầu mối cho {unit}: {code}\n"
    "Mã dùng một lần, có hiệu lực trong {hours} giờ. Người được mời gửi mã này cho tôi "
    "(hoặc gõ /start {code}) để trở thành đầu mối của đơn vị."
)
INVITE_LINK = "Trên Telegram có thể mở đường dẫn: {link}"
INVITE_RETIRED_UNIT = "{unit} đã ngừng theo dõi, nên không thể tạo mã mời cho đơn vị này."
CODE_WRONG = (
    "Mã mời không đúng. Đồng chí vui lòng kiểm tra lại mã (8 ký tự, gồm chữ và số) "
    "hoặc xin mã mới từ quản trị viên."
)
CODE_USED = "Mã mời này đã được sử dụng. Đồng chí vui lòng xin mã mới từ quản trị viên."
CODE_ALREADY_YOURS = "Đồng chí đã là đầu mối của {unit}; không cần gửi lại mã."
CODE_EXPIRED = "Mã mời đã hết hạn. Đồng chí vui lòng xin mã mới từ quản trị viên."
CODE_UNIT_RETIRED = "{unit} đã ngừng theo dõi, nên mã mời này không còn giá trị."
CODE_TOO_MANY = (
    "Đồng chí đã nhập sai mã nhiều lần. Vì lý do an toàn, đề nghị thử lại sau {minutes} phút."
)
CODE_ACCEPTED = (
    "Đồng chí đã được ghi nhận là {role} của {unit}. Từ nay tôi sẽ gửi nhắc việc của đơn vị "
    "cho đồng chí; gõ /baocao để báo cáo tình hình thực hiện nhiệm vụ."
)
CONTACT_PRIMARY = "đầu mối chính"
CONTACT_DEPUTY = "đầu mối phối hợp"

# --- units (/donvi) -------------------------------------------------------------------------
UNITS_USAGE = (
    "Cách dùng /donvi:\n"
    "/donvi – danh sách đơn vị\n"
    "/donvi xem <tên> – thông tin đơn vị và đầu mối\n"
    "/donvi them <tên> | <nhóm> – thêm đơn vị (nhóm có thể bỏ trống)\n"
    "/donvi doiten <tên cũ> | <tên mới> – đổi tên\n"
    "/donvi nhom <tên> | <nhóm> – xếp đơn vị vào nhóm, ví dụ \"Khối cơ quan\", \"Xã, phường\"\n"
    "/donvi ngung <tên> – ngừng theo dõi đơn vị\n"
    "/donvi nhap – gửi kèm tệp .xlsx hoặc .csv danh sách đơn vị"
)
UNITS_TITLE = "Danh sách {count} đơn vị đang theo dõi:"
UNITS_LIST_LINE = "- {name} ({contacts} đầu mối)"
UNITS_NO_GROUP = "Chưa xếp nhóm"
UNIT_NAME_MISSING = "Đồng chí vui lòng ghi tên đơn vị sau lệnh {command}."
UNIT_NOT_FOUND = (
    "Tôi không tìm thấy đơn vị \"{name}\". Đồng chí gõ /donvi để xem danh sách đơn vị."
)
UNIT_DID_YOU_MEAN = "Tôi không tìm thấy đúng đơn vị \"{name}\". Có phải đồng chí muốn nói:"
UNIT_AMBIGUOUS = "Có nhiều đơn vị cùng được gọi là \"{name}\". Đồng chí chọn một đơn vị:"
UNIT_EXISTS = "Đơn vị \"{name}\" đã có trong danh sách."
UNIT_ADDED = "Đã thêm đơn vị {name} (nhóm: {group})."
UNIT_RENAME_USAGE = "Cách dùng: /donvi doiten <tên cũ> | <tên mới>"
UNIT_RENAMED = "Đã đổi tên {old} thành {new}; tên cũ vẫn được hiểu là đơn vị này."
UNIT_GROUP_USAGE = "Cách dùng: /donvi nhom <tên đơn vị> | <tên nhóm>"
UNIT_GROUPED = "Đã xếp {name} vào nhóm: {group}."
UNIT_RETIRED = (
    "Đã ngừng theo dõi {name}. Lịch sử báo cáo của đơn vị vẫn được giữ nguyên."
)
UNIT_CARD = "{name}\nNhóm: {group}\nSố nhiệm vụ được giao: {tasks}"
UNIT_IS_RETIRED = "(Đơn vị đã ngừng theo dõi.)"
UNIT_CONTACT_LINE = "- {role}: {name} {user}"
UNIT_NO_CONTACTS = "Đơn vị chưa có đầu mối. Gõ /moi {name} để tạo mã mời."
IMPORT_NEEDS_FILE = (
    "Đồng chí vui lòng gửi tệp .xlsx hoặc .csv danh sách đơn vị kèm lệnh /donvi nhap "
    "(các cột: Tên đơn vị, Tên gọi khác, Nhóm, Đơn vị cấp trên, Liên hệ)."
)
IMPORT_REFUSED = (
    "Chưa nhập tệp {file} vì có lỗi sau; chưa có thay đổi nào được lưu:\n{problems}"
)
TABLE_UNREADABLE = "Không đọc được tệp Excel này; đồng chí vui lòng lưu lại dạng .xlsx."
TABLE_NOT_UTF8 = "Tệp .csv phải được lưu với bảng mã UTF-8 (Excel: Lưu thành CSV UTF-8)."
TABLE_WRONG_TYPE = "Tệp {file} không phải .xlsx hay .csv; tôi chỉ nhận hai loại tệp này."
TABLE_MISSING_NAME_COLUMN = (
    "Không thấy cột \"Tên đơn vị\" trong 10 dòng đầu (các cột đang có: {found})."
)
TABLE_TOO_MANY = "Tệp có quá {limit} dòng; đồng chí vui lòng chia thành nhiều tệp."
TABLE_EMPTY = "Tệp không có dòng đơn vị nào."
TABLE_NO_NAME = "Dòng {line}: thiếu tên đơn vị."
TABLE_BAD_CONTACT = (
    "Dòng {line}: liên hệ \"{contact}\" không đúng dạng kênh:mã, ví dụ telegram:123456789."
)
TABLE_SELF_PARENT = "Dòng {line}: đơn vị \"{name}\" không thể là cấp trên của chính mình."
TABLE_DUPLICATE = "Đơn vị \"{name}\" xuất hiện hai lần (dòng {first} và dòng {line})."
IMPORT_AMBIGUOUS_NAME = "Dòng {line}: tên \"{name}\" trùng với nhiều đơn vị đang có."
IMPORT_RETIRED = "Dòng {line}: đơn vị \"{name}\" đã ngừng theo dõi."
IMPORT_UNKNOWN_PARENT = "Dòng {line}: không tìm thấy đơn vị cấp trên \"{parent}\"."
IMPORT_DONE = (
    "Đã nhập tệp {file}: thêm mới {added} đơn vị, cập nhật {updated} đơn vị, "
    "ghi nhận {contacts} đầu mối."
)

# --- tasks, assignments and status reports ---------------------------------------------------
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
GROUP_EMPTY = "Nhóm \"{group}\" chưa có đơn vị nào đang theo dõi."
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
STATUS_OVERVIEW_TITLE = "Tình hình báo cáo đến ngày {today}:"
STATUS_OVERVIEW_LINE = "- {task}\n  {counts}; chưa báo cáo: {unreported}"
STATUS_TASK_TITLE = "Nhiệm vụ: {task}\nTình hình đến ngày {today}:"
STATUS_TASK_UNASSIGNED = "Nhiệm vụ chưa được giao cho đơn vị nào: {task}"
STATUS_SILENT = "Đơn vị chưa báo cáo ({count}): {names}"
STATUS_ALL_REPORTED = "Tất cả đơn vị được giao đã báo cáo."
STATUS_UNIT_TITLE = "{unit} – tình hình đến ngày {today}:"
STATUS_UNIT_NO_TASKS = "{unit} chưa được giao nhiệm vụ nào."
STATUS_UNIT_LINE = "- {task}\n  {state}; báo cáo gần nhất: {last}"
EXPORT_TITLE = "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ"
EXPORT_DONE = "Gửi đồng chí báo cáo tình hình ({rows} dòng đơn vị – nhiệm vụ) và biểu đồ."
STATE_DONE_ON_TIME = "Hoàn thành đúng hạn"
STATE_DONE_LATE = "Hoàn thành quá hạn"
STATE_OPEN_IN_TIME = "Chưa hoàn thành (còn hạn)"
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
AUDIT_EMPTY = "Nhật ký thao tác chưa có dòng nào."
AUDIT_TITLE = "{count} thao tác gần nhất:"
AUDIT_LINE = "- {at} {actor}: {action} – {target}"
AUDIT_ACTIONS = {
    "invite_created": "tạo mã mời", "invite_wrong_code": "nhập sai mã mời",
    "contact_joined": "trở thành đầu mối", "unit_added": "thêm đơn vị",
    "unit_renamed": "đổi tên đơn vị", "unit_grouped": "xếp nhóm đơn vị",
    "unit_retired": "ngừng theo dõi đơn vị", "units_imported": "nhập danh sách đơn vị",
    "task_assigned": "giao nhiệm vụ", "status_reported": "báo cáo tình hình",
    "status_corrected": "sửa báo cáo", "exported": "xuất báo cáo",
    "broadcast_queued": "gửi thông báo", "broadcast_cancelled": "dừng thông báo",
}

# --- broadcasts (/thongbao) -----------------------------------------------------------------
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
DELIVERY_MOVED = "nhóm đã chuyển thành siêu nhóm"
DELIVERY_BLOCKED = "người nhận đã chặn trợ lý"
CHOICE_EXPIRED = "Lựa chọn này đã hết hiệu lực. Đồng chí vui lòng gửi lại yêu cầu."

# --- messenger channels -------------------------------------------------------------------
ZALO_ANSWER_WITH_NUMBER = "Đồng chí trả lời bằng số: {numbers}."
ZALO_NO_FILES = (
    "(Zalo chưa cho phép trợ lý gửi tệp; đồng chí dùng lệnh này trên Telegram hoặc máy tính.)"
)
ONLY_TEXT = (
    "Hiện tôi chỉ đọc được tin nhắn chữ. Đồng chí vui lòng gõ câu hỏi hoặc nội dung báo cáo."
)

TELEGRAM_FILE_TOO_BIG = "Tệp lớn hơn 20 MB, Telegram không cho phép trợ lý tải về."
TELEGRAM_COMMANDS = (
    ("start", "Bắt đầu, hoặc nhập mã mời đầu mối"),
    ("trogiup", "Hướng dẫn sử dụng"),
    ("baocao", "Báo cáo tình hình thực hiện nhiệm vụ"),
    ("sua", "Sửa báo cáo gần nhất"),
    ("vaitro", "Xem vai trò của tôi"),
    ("huy", "Hủy thao tác đang làm"),
    ("tinhhinh", "Tình hình báo cáo của các đơn vị (quản trị)"),
    ("moi", "Tạo mã mời đầu mối cho đơn vị (quản trị)"),
    ("donvi", "Quản lý đơn vị (quản trị)"),
    ("giao", "Giao nhiệm vụ cho đơn vị (quản trị)"),
    ("thongbao", "Gửi thông báo tới các đầu mối (quản trị)"),
    ("xuat", "Xuất báo cáo Excel và biểu đồ (quản trị)"),
    ("nhatky", "Nhật ký thao tác (quản trị)"),
)

RUN_NO_TOKENS = (
    "Chưa có token của kênh nào, nên trợ lý chưa thể chạy trên Telegram hay Zalo.\n"
    "- Telegram: mở @BotFather, gõ /newbot, rồi đặt token vào biến TROLY_TELEGRAM_TOKEN.\n"
    "- Zalo: tạo bot trong ứng dụng Zalo Bot Creator, rồi đặt token vào TROLY_ZALO_TOKEN.\n"
    "Muốn thử ngay trên máy này, không cần token: troly chat"
)

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
CONSOLE_FILE_SAVED = "  [tệp đã lưu: {path}]"
CONSOLE_DELIVERED = "[tin nhắn gửi tới {to}]\n{text}"
CONSOLE_FILE_MISSING = "Không tìm thấy tệp {path}."
CONSOLE_FILE_TOO_BIG = "Tệp {path} lớn hơn 20 MB, không thể nhận."
CHAT_BYE = "Cảm ơn đồng chí. Hẹn gặp lại."
KNOWLEDGE_ERROR = "Không nạp được dữ liệu kế hoạch: {error}"
KNOWLEDGE_SUMMARY = (
    "Dữ liệu hợp lệ: {plans} kế hoạch, {tasks} nhiệm vụ ({dated} có thời hạn), "
    "{outlines} mục đề cương, {units} đơn vị."
)
