"""Small plans written for the importer's tests, in the genre of the seeds."""

from __future__ import annotations

PLAN = """ĐẢNG BỘ TỈNH THANH HÓA\t\t\tĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY HOẰNG HÓA
*
Số 12-KH/HU\t\t\tHoằng Hóa, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
tuyên truyền kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh
-----
Căn cứ Hướng dẫn số 45-HD/BTGTU ngày 20/02/2026 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền,
Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Tuyên truyền sâu rộng, thường xuyên của cấp ủy; hoàn thành trước ngày 01/01/2026.

II. NỘI DUNG
1. Tuyên truyền
1.1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Văn hóa huyện xây dựng đề cương
tuyên truyền¹, hoàn thành trước ngày 15/4/2026.
1.2. Các chi bộ trực thuộc tổ chức sinh hoạt chuyên đề vào dịp kỷ niệm 136 năm Ngày sinh Chủ tịch
Hồ Chí Minh (19/5/1890 - 19/5/2026); thời gian không quá 1/2 ngày.
\f
HUYỆN ỦY HOẰNG HÓA\t\t\tKế hoạch số 12-KH/HU
2. Báo cáo
Cấp ủy cơ sở báo cáo kết quả về Ban Thường vụ Huyện ủy (qua Ban Tuyên giáo Huyện ủy) trước
ngày 30/5/2026. Thời gian tính thành tích từ tháng 01/2025 đến tháng 4/2026.

III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Huyện ủy bảo đảm kinh phí; định kỳ hằng quý báo cáo Ban Thường vụ.
2. Các chi bộ trực thuộc gửi báo cáo sơ kết về Ban Thường vụ Huyện ủy trong vòng 10 ngày làm việc
kể từ ngày kết thúc đợt tuyên truyền.
3. Cấp ủy cơ sở báo cáo kết quả về Ban Thường vụ Huyện ủy trước ngày 30/5/2026.

Nơi nhận:\t\t\t\tT/M BAN THƯỜNG VỤ
- Ban Tuyên giáo Tỉnh ủy (b/c),\t\tPHÓ BÍ THƯ
- Lưu VP.
\t\t\t\tNguyễn Văn Hùng

¹ Theo Hướng dẫn số 45-HD/BTGTU.
\t\t\t\tTrang 2/2
"""

FOOTER_PAGE_ONE = "\t\t\t\tTrang 1/2\n"


def plan_text() -> str:
    """The plan with its first page's footer put where a page ends."""
    first, second = PLAN.split("\f")
    return first + FOOTER_PAGE_ONE + "\f" + second
