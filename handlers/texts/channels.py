"""What the channels say themselves: Telegram, Zalo, the terminal, `troly run`."""

from __future__ import annotations

ZALO_ANSWER_WITH_NUMBER = "Đồng chí trả lời bằng số: {numbers}."
ZALO_NO_FILES = (
    "(Zalo chưa cho phép trợ lý gửi tệp; đồng chí dùng lệnh này trên Telegram hoặc máy tính.)"
)

TELEGRAM_FILE_TOO_BIG = "Tệp lớn hơn 20 MB, Telegram không cho phép trợ lý tải về."
TELEGRAM_FILE_UNREADABLE = (
    "Tôi chưa tải được tệp đồng chí gửi từ Telegram; đồng chí vui lòng gửi lại."
)

RUN_NO_TOKENS = (
    "Chưa có token của kênh nào, nên trợ lý chưa thể chạy trên Telegram hay Zalo.\n"
    "- Telegram: mở @BotFather, gõ /newbot, rồi đặt token vào biến TROLY_TELEGRAM_TOKEN.\n"
    "- Zalo: tạo bot trong ứng dụng Zalo Bot Creator, rồi đặt token vào TROLY_ZALO_TOKEN.\n"
    "Muốn thử ngay trên máy này, không cần token: troly chat"
)

# --- terminal channel ------------------------------------------------------------------
MALFORMED_LINE = (
    "Dòng vừa nhận không đúng định dạng JSON {\"from\": ..., \"text\": ...} (tùy chọn thêm "
    "\"file\", \"id\", \"now\"), nên tôi chưa xử lý được."
)
LINE_TOO_LONG = (
    "Dòng vừa nhận dài {size} byte, vượt quá giới hạn {limit} byte, nên tôi chưa xử lý được."
)
BAD_NOW = (
    "Thời điểm \"now\" ({value}) không hợp lệ: cần ghi theo ISO 8601 kèm múi giờ, ví dụ "
    "2024-03-25T08:00:00+07:00. Đồng hồ của trợ lý được giữ nguyên và dòng này chưa được xử lý."
)
CLOCK_NOT_SETTABLE = (
    "Đồng hồ của phiên này không chỉnh được, nên dòng có \"now\" chưa được xử lý."
)
TICK_FAILED = (
    "Xin lỗi, lượt nhắc việc theo lịch lúc {now} chưa chạy được; lỗi đã được ghi vào nhật ký "
    "hệ thống."
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
CONSOLE_FILE_NOT_REGULAR = (
    "{path} không phải một tệp dữ liệu thông thường (là thư mục, thiết bị, ống dẫn hoặc tệp "
    "của hệ thống), nên tôi không đọc."
)
CONSOLE_FILE_EMPTY = "Tệp {path} không có nội dung."
CONSOLE_FILE_UNREADABLE = "Không đọc được tệp {path} ({reason})."
CHAT_BYE = "Cảm ơn đồng chí. Hẹn gặp lại."
KNOWLEDGE_ERROR = "Không nạp được dữ liệu kế hoạch: {error}"
KNOWLEDGE_SUMMARY = (
    "Dữ liệu hợp lệ: {plans} kế hoạch, {tasks} nhiệm vụ ({dated} có thời hạn), "
    "{outlines} mục đề cương, {units} đơn vị."
)

# --- settings and start-up --------------------------------------------------------------
SETTING_PROBLEM = "Cấu hình {name} không hợp lệ: {problem}"
SETTING_ADMIN = (
    "{value!r} không đúng dạng kênh:mã, ví dụ telegram:123456789 hoặc zalo:6ede… (các mục cách "
    "nhau bằng dấu phẩy)."
)
SETTING_DATABASE = (
    "cần địa chỉ dạng sqlite:///tệp.db hoặc postgresql://người-dùng@máy-chủ:5432/tên-cơ-sở-dữ-liệu."
)
SETTING_LOG_LEVEL = "cần một trong các mức {levels}."
SETTING_LOG_FORMAT = "cần một trong các dạng {formats}."
SETTING_SCHEMA = (
    "tên schema chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới (_), không bắt đầu bằng chữ "
    "số, dài tối đa 63 ký tự."
)
SETTING_SCHEMA_POSTGRES = (
    "Cấu hình TROLY_DATABASE_SCHEMA chỉ dùng được với PostgreSQL: đồng chí đặt TROLY_DATABASE_URL "
    "là địa chỉ postgresql://… hoặc bỏ TROLY_DATABASE_SCHEMA."
)
SETTING_TOKEN = "token có ký tự không hợp lệ hoặc độ dài không đúng; đề nghị sao chép lại token."
SETTING_URL = "cần một địa chỉ bắt đầu bằng https:// (hoặc http:// khi thử trên máy này)."
SETTING_SECRET = (
    "mã bí mật cần dài từ 1 đến 256 ký tự và chỉ gồm chữ cái không dấu, chữ số, dấu gạch dưới (_) "
    "và gạch ngang (-)."
)
SETTING_ZALO_SECRET = (
    "Cấu hình TROLY_WEBHOOK_SECRET không hợp lệ: Zalo cần mã bí mật dài ít nhất {length} ký tự."
)
SETTING_NOT_A_NUMBER = "cần một số."
SETTING_NOT_A_BOOL = "cần true hoặc false."
SETTING_OUT_OF_RANGE = "giá trị nằm ngoài khoảng cho phép."
SETTING_LENGTH = "độ dài không đúng."
SETTING_INVALID = "giá trị không đúng kiểu."
START_DATABASE = (
    "Không mở được cơ sở dữ liệu ghi trong TROLY_DATABASE_URL: {reason}. Đồng chí kiểm tra lại "
    "địa chỉ, tên cơ sở dữ liệu và máy chủ."
)
START_TELEGRAM_TOKEN = (
    "Telegram từ chối token trong TROLY_TELEGRAM_TOKEN. Đồng chí lấy lại token từ @BotFather rồi "
    "chạy lại."
)
START_ZALO_TOKEN = (
    "Zalo từ chối token trong TROLY_ZALO_TOKEN. Đồng chí lấy lại token trong Zalo Bot Creator "
    "rồi chạy lại."
)
START_UNREACHABLE = (
    "Không kết nối được tới {service} ({setting}): {reason}. Đồng chí kiểm tra kết nối mạng rồi "
    "chạy lại."
)
START_WEBHOOK = (
    "{service} không nhận địa chỉ webhook TROLY_PUBLIC_URL: {reason}. Đồng chí kiểm tra địa chỉ "
    "(cần https:// và truy cập được từ Internet) rồi chạy lại."
)
START_LISTEN = (
    "Không mở được cổng {port} trên {host} (TROLY_LISTEN_HOST, TROLY_LISTEN_PORT): {reason}."
)
REASON_NO_DRIVER = "thiếu thư viện {module}"
REASON_NOT_ANSWERING = "máy chủ không trả lời"
REASON_NO_DATABASE = "cơ sở dữ liệu chưa được tạo"
REASON_LOGIN = "tên đăng nhập hoặc mật khẩu không đúng"
REASON_FILE = "không mở được tệp cơ sở dữ liệu"
REASON_TIMEOUT = "quá thời gian chờ"
REASON_OTHER = "lỗi {kind}"
SETTING_REMINDER_DAYS = (
    "phải là các số ngày nhắc trước hạn, từ 1 đến 90, tối đa 6 số, cách nhau bằng dấu phẩy "
    "(ví dụ 7,3,1)"
)
IMPORT_STORED_HINT = (
    "Dự thảo đã được lưu. Quản trị viên xem lại bằng /kehoach xem <số> trong troly chat hoặc "
    "trên Telegram, Zalo, rồi chọn Duyệt."
)
CHAT_HOW_TO_LEAVE = "Muốn kết thúc, đồng chí gõ /thoat (hoặc bấm Ctrl-D, Ctrl-C)."
CHAT_DEMO_DAY = (
    "Các kế hoạch có sẵn thuộc các năm {first}–{last}, nay đã hết hạn. Muốn thử như đang trong "
    "thời gian thực hiện, đồng chí gõ /homnay {day} (hoặc chạy: troly chat --today {day}); "
    "câu hỏi như \"Tháng này có những hạn nào?\" sẽ được trả lời theo ngày đó."
)
TODAY_IS = "Trợ lý đang trả lời theo ngày {day}. Gõ /homnay YYYY-MM-DD để chọn ngày khác."
TODAY_SET = "Từ nay trợ lý trả lời như hôm nay là ngày {day}."
RUN_SETTINGS = """Cấu hình (biến môi trường, hoặc tệp .env ở thư mục đang chạy):
  TROLY_TELEGRAM_TOKEN, TROLY_ZALO_TOKEN   token của bot; kênh nào có token thì chạy kênh đó
  TROLY_ADMINS                             quản trị viên: telegram:123456789, zalo:6ede…
  TROLY_DATABASE_URL                       cơ sở dữ liệu (mặc định sqlite:///troly.sqlite3;
                                           postgresql://… cho triển khai)
  TROLY_DATABASE_SCHEMA                    schema PostgreSQL riêng (nhiều trợ lý chung một CSDL)
  TROLY_PUBLIC_URL, TROLY_WEBHOOK_SECRET   địa chỉ HTTPS công khai: dùng webhook thay cho hỏi vòng
  TROLY_LISTEN_HOST, TROLY_LISTEN_PORT     máy chủ web (webhook, /healthz)
  TROLY_TELEGRAM_API_URL, TROLY_ZALO_API_URL   địa chỉ Bot API (để thử nghiệm)
  TROLY_TELEGRAM_RATE, TROLY_TELEGRAM_CHAT_INTERVAL, TROLY_ZALO_RATE, TROLY_ZALO_CHAT_INTERVAL,
  TROLY_OUTBOX_MAX_ATTEMPTS                nhịp gửi và số lần thử gửi lại
  TROLY_OUTBOX_MAX_AGE                     tin chờ gửi lâu hơn số giây này thì /healthz báo lỗi
  TROLY_REMINDER_TIME, TROLY_REMINDER_DAYS_BEFORE, TROLY_REMINDER_OVERDUE_EVERY,
  TROLY_REMINDER_STOP_AFTER_DAYS, TROLY_ESCALATE_AFTER_DAYS, TROLY_WEEKLY_DIGEST_TIME,
  TROLY_DAYS_OFF, TROLY_WORKING_DAYS, TROLY_PLANNER_INTERVAL   nhắc việc và ngày làm việc
  TROLY_MAX_MESSAGE_LENGTH, TROLY_CONSOLE_USER, TROLY_CONSOLE_IS_ADMIN, TROLY_EXPORT_DIR,
  TROLY_LOG_LEVEL, TROLY_LOG_FORMAT        các thiết lập khác (nhật ký: json, text hoặc auto)
Xem đủ trong README.md, mục Configuration."""

# --- backups and moving to PostgreSQL (troly backup, restore, migrate-db) ------------------
HELP_BACKUP = "sao lưu cơ sở dữ liệu SQLite vào một tệp (được cả khi trợ lý đang chạy)"
HELP_RESTORE = "khôi phục cơ sở dữ liệu SQLite từ tệp sao lưu (dừng trợ lý trước)"
HELP_MIGRATE_DB = "chép toàn bộ dữ liệu từ SQLite sang một cơ sở dữ liệu PostgreSQL còn trống"
HELP_BACKUP_FILE = "tệp sao lưu"
HELP_MIGRATE_TO = "địa chỉ PostgreSQL đích, ví dụ postgresql://troly:mật-khẩu@máy-chủ:5432/troly"
HELP_MIGRATE_SCHEMA = "schema PostgreSQL đích (mặc định: TROLY_DATABASE_SCHEMA, hoặc public)"
BACKUP_DONE = "Đã sao lưu cơ sở dữ liệu {database} vào {file} ({size} byte)."
RESTORE_DONE = "Đã khôi phục cơ sở dữ liệu {database} từ {file}."
RESTORE_KEPT = "Cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}."
RESTORE_NEXT = "Lần chạy tới, trợ lý tự nâng cấp cấu trúc dữ liệu nếu bản sao lưu cũ hơn."
BACKUP_NOT_SQLITE = (
    "TROLY_DATABASE_URL không phải tệp SQLite. Với PostgreSQL, đồng chí sao lưu bằng pg_dump và "
    "khôi phục bằng pg_restore (xem docs/huong-dan-van-hanh.md, mục Sao lưu và khôi phục)."
)
BACKUP_ERRORS = {
    "no_database": "Không thấy tệp cơ sở dữ liệu {detail}.",
    "no_backup": "Không thấy tệp sao lưu {detail}.",
    "not_a_backup": "Tệp {detail} không phải bản sao lưu cơ sở dữ liệu của trợ lý.",
    "damaged": "Tệp {detail} bị hỏng (SQLite báo lỗi khi kiểm tra toàn vẹn).",
    "sqlite": "SQLite báo lỗi: {detail}.",
    "target_not_empty": (
        "Cơ sở dữ liệu PostgreSQL đích đã có dữ liệu (bảng {detail}); để không ghi đè, trợ lý chỉ "
        "chép vào một cơ sở dữ liệu hoặc schema còn trống."
    ),
    "count_mismatch": (
        "Số dòng sau khi chép không khớp ({detail}); chưa có gì được ghi vào PostgreSQL."
    ),
}
MIGRATE_NOT_POSTGRES = "Địa chỉ sau --to cần là PostgreSQL: postgresql://người-dùng@máy-chủ:5432/tên."
MIGRATE_UNREACHABLE = "Không mở được cơ sở dữ liệu PostgreSQL đích: {reason}."
MIGRATE_TABLE = "  {table}: {rows} dòng"
MIGRATE_DONE = (
    "Đã chép {rows} dòng của {tables} bảng từ {source} sang {target}; số dòng từng bảng đã đối "
    "chiếu khớp ở cả hai nơi."
)
MIGRATE_NEXT = (
    "Bước tiếp theo: đặt TROLY_DATABASE_URL={target}{schema} rồi khởi động lại trợ lý; tệp "
    "SQLite được giữ nguyên. Trợ lý cần được dừng trước khi chép: tin nhắn đến sau lúc chép "
    "chỉ có trong tệp SQLite."
)
DEMO_INTRO = (
    "TRAO ĐỔI MẪU (trên cơ sở dữ liệu tạm, ngày giả định tháng 3/2024): quản trị viên \"btg\" mời "
    "đầu mối của một chi bộ; đầu mối \"tuphap\" tham gia, được nhắc việc và báo cáo.\n"
)
DEMO_LINE = ">>> {who}: {text}"
DEMO_TICK = "[{when}: trợ lý kiểm tra lịch nhắc việc]"
DEMO_END = "Hết phần trao đổi mẫu. Gõ troly chat để tự thử (troly chat --today 2024-03-15)."
