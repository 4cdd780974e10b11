"""Invite codes and the unit directory (/moi, /donvi)."""

from __future__ import annotations

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
    "Đồng chí đã được ghi nhận là {role} của {unit}.\n"
    "Từ nay tôi sẽ nhắc đồng chí các nhiệm vụ của đơn vị trước hạn, đúng hạn và khi quá hạn, "
    "kèm các lựa chọn để trả lời (nút bấm trên Telegram, số thứ tự trên Zalo); đồng chí cũng có "
    "thể nhắn ngắn, ví dụ \"đã gửi báo cáo số 45-BC/ĐU ngày 20/3\".\n"
    "Gõ /viec để xem các nhiệm vụ của đơn vị, /trogiup để xem hướng dẫn."
)
CONTACT_PRIMARY = "đầu mối chính"
CONTACT_DEPUTY = "đầu mối phối hợp"

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

HELP_INVITE = "/moi <đơn vị> – tạo mã mời đầu mối cho đơn vị"
HELP_UNITS = "/donvi – danh sách đơn vị; /donvi xem|them|doiten|nhom|ngung|nhap …"
MENU_INVITE = "Tạo mã mời đầu mối cho đơn vị (quản trị)"
MENU_UNITS = "Quản lý đơn vị (quản trị)"
AUDIT_ACTIONS = {
    "invite_created": "tạo mã mời", "invite_wrong_code": "nhập sai mã mời",
    "contact_joined": "trở thành đầu mối", "unit_added": "thêm đơn vị",
    "unit_renamed": "đổi tên đơn vị", "unit_grouped": "xếp nhóm đơn vị",
    "unit_retired": "ngừng theo dõi đơn vị", "units_imported": "nhập danh sách đơn vị",
}
HELP_START = "/start <mã mời> – trở thành đầu mối của đơn vị theo mã mời"
MENU_START = "Bắt đầu, hoặc nhập mã mời đầu mối"
GROUP_EMPTY = "Nhóm \"{group}\" chưa có đơn vị nào đang theo dõi."
INVITE_CATEGORY = (
    "{unit} là một nhóm đơn vị, không phải một đơn vị: mỗi đơn vị trong nhóm có đầu mối và báo "
    "cáo riêng. Đồng chí xếp các đơn vị vào nhóm (/donvi nhom <đơn vị> | {unit}) rồi tạo mã mời "
    "cho từng đơn vị."
)
UNIT_IS_CATEGORY = "{name} là một nhóm đơn vị theo kế hoạch, không xếp vào nhóm khác được."
UNIT_GIVEN_CATEGORY_TASKS = (
    "Đơn vị nhận {count} nhiệm vụ còn hạn hoặc thường xuyên mà kế hoạch giao cho {category}."
)
