"""What the channels say themselves: Telegram, Zalo, the terminal, `troly run`."""

from __future__ import annotations

ZALO_ANSWER_WITH_NUMBER = "Đồng chí trả lời bằng số: {numbers}."
ZALO_NO_FILES = (
    "(Zalo chưa cho phép trợ lý gửi tệp; đồng chí dùng lệnh này trên Telegram hoặc máy tính.)"
)

TELEGRAM_FILE_TOO_BIG = "Tệp lớn hơn 20 MB, Telegram không cho phép trợ lý tải về."

RUN_NO_TOKENS = (
    "Chưa có token của kênh nào, nên trợ lý chưa thể chạy trên Telegram hay Zalo.\n"
    "- Telegram: mở @BotFather, gõ /newbot, rồi đặt token vào biến TROLY_TELEGRAM_TOKEN.\n"
    "- Zalo: tạo bot trong ứng dụng Zalo Bot Creator, rồi đặt token vào TROLY_ZALO_TOKEN.\n"
    "Muốn thử ngay trên máy này, không cần token: troly chat"
)

# --- terminal channel ------------------------------------------------------------------
MALFORMED_LINE = (
    "Dòng vừa nhận không đúng định dạng JSON {\"from\": ..., \"text\": ...}, nên tôi chưa "
    "xử lý được; nội dung đã được ghi vào nhật ký lỗi."
)
MALFORMED_REQUEST = (
    "Yêu cầu không đúng định dạng JSON {\"q\": ..., \"today\": \"YYYY-MM-DD\" hoặc null}."
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
