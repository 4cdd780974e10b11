"""What the core says whatever the feature: greeting, errors, choices, refusals."""

from __future__ import annotations

GREETING = (
    "Xin chào đồng chí. Tôi là Trợ lý Kế hoạch, giúp tra cứu các kế hoạch mà cơ quan đã "
    "cập nhật và nhắc các đơn vị thực hiện đúng hạn.\n"
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
INTERNAL_ERROR_NOT_RECORDED = (
    "Xin lỗi, đã có lỗi khi xử lý câu hỏi này và tôi chưa ghi lại được nội dung đồng chí gửi. "
    "Đồng chí vui lòng gửi lại sau ít phút."
)
BAD_SENDER = (
    "Mã người gửi không hợp lệ (trống hoặc dài quá {limit} ký tự), nên tôi chưa xử lý tin "
    "nhắn này."
)
VALUE_TOO_LONG = (
    "Một giá trị đồng chí nhập (tên đơn vị, tên nhóm hoặc nội dung khác) dài quá mức cho phép, "
    "nên tôi chưa lưu thay đổi nào. Đồng chí vui lòng rút gọn rồi gửi lại."
)
VALUE_OUT_OF_RANGE = (
    "Một con số đồng chí nhập lớn quá mức cho phép, nên tôi chưa lưu thay đổi nào. Đồng chí "
    "vui lòng kiểm tra lại con số rồi gửi lại."
)
# Added to every refusal made before a message is handled, depending on the journal.
REFUSAL_RECORDED = "Nội dung đồng chí gửi đã được ghi vào nhật ký."
REFUSAL_NOT_RECORDED = "Tôi chưa ghi lại được nội dung này; đồng chí vui lòng gửi lại sau."
OPTION_OUT_OF_RANGE = "Đồng chí vui lòng chọn một số từ 1 đến {count}."
CHOICE_PROMPT = "Đồng chí vui lòng chọn một mục (gõ số thứ tự):"

ADMIN_ONLY = (
    "Lệnh {command} chỉ dành cho quản trị viên. Nếu đồng chí cần dùng lệnh này, "
    "đề nghị liên hệ Văn phòng hoặc Ban Tuyên giáo để được cấp quyền."
)
NOT_A_CONTACT = (
    "Đồng chí chưa được ghi nhận là đầu mối của đơn vị nào, nên chưa thể báo cáo. "
    "Đề nghị đồng chí xin mã mời từ quản trị viên rồi gửi mã đó cho tôi."
)

CHOICE_EXPIRED = "Lựa chọn này đã hết hiệu lực. Đồng chí vui lòng gửi lại yêu cầu."
DIALOGUE_CLOSED = (
    "Phiên trao đổi trước đã kết thúc (trợ lý vừa được cập nhật). Đồng chí vui lòng gửi lại "
    "yêu cầu nếu cần."
)
ONLY_TEXT = (
    "Hiện tôi chỉ đọc được tin nhắn chữ. Đồng chí vui lòng gõ câu hỏi hoặc nội dung báo cáo."
)
MORE_ITEMS = "(còn {count} mục khác; đồng chí hỏi cụ thể hơn để xem chi tiết)"
CHOOSE_OR_CANCEL = (
    "Đồng chí vui lòng chọn một mục (gõ số thứ tự), hoặc gõ /huy để hủy thao tác đang làm."
)

# --- files users send, read at the edge of the core ------------------------------------
TABLE_TOO_BIG = "Tệp lớn quá {limit} MB nên tôi không đọc; đồng chí vui lòng chia thành nhiều tệp."
TABLE_TOO_WIDE = (
    "Dòng {line} có quá {limit} cột; đồng chí vui lòng chỉ giữ các cột tên đơn vị, tên gọi khác, "
    "nhóm, đơn vị cấp trên và liên hệ."
)
TABLE_FIELD_TOO_LONG = (
    "Dòng {line}, cột {column}: nội dung dài quá {limit} ký tự; đồng chí vui lòng kiểm tra lại ô "
    "này."
)
TABLE_CSV_FIELD_TOO_LONG = (
    "Dòng {line}: có ô dài quá {limit} ký tự (có thể thiếu dấu ngoặc kép đóng); đồng chí vui lòng "
    "kiểm tra lại tệp."
)
TABLE_CSV_BROKEN = (
    "Tệp .csv bị lỗi định dạng ở dòng {line} (dấu ngoặc kép không đóng, ô quá dài hoặc ký tự "
    "lạ); đồng chí vui lòng lưu lại tệp từ Excel dạng CSV UTF-8."
)
TABLE_NAME_TOO_LONG = "Dòng {line}: tên dài quá {limit} ký tự."
