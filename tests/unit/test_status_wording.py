"""The status reader on wording written after the fresh sets, to probe the genre rather than
one set: done said many ways, negation and irony, counts and percents, dates in words and in
Vietnamese forms, evidence beside the plan's number, several statements, questions, requests,
small talk, and the messages a careful clerk would ask about. Also: the cue data itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from handlers.reports.cues import status_cues
from handlers.reports.reading import Intent, read_date, read_status
from handlers.reports.wording import load_cue_data, wording
from handlers.tasks import ReportStatus

TODAY = "2024-03-20"  # a Wednesday
# (text, status or None (no report) or "ask", fields to check, today when not TODAY)
Fields = Mapping[str, object]
Case = tuple[str, str | None, Fields] | tuple[str, str | None, Fields, str]
CASES: list[Case] = [
    # the wordings of tests/data/fresh3 and fresh4's tuned parts, kept as regressions
    ('Hội nghị sơ kết của đảng bộ đã tổ chức xong sáng nay ạ, 45/48 đảng viên dự', 'done',
     {'date': '2024-03-20'}),
    ('Không phải chưa gửi đâu anh, gửi rồi mà, thứ 5 vừa rồi em đã chuyển qua văn thư', 'done',
     {'date': '2024-03-14'}),
    ('Gửi rồi chứ sao không gửi 😂 gửi từ tuần trước cơ', 'done', {}),
    ('Xong rồi đấy... xong cái tiêu đề 😅', 'in_progress', {}),
    ('Chưa có gì đâu, đang đợi họp chi ủy xong mới phân công người viết', 'not_started', {}),
    ('Đồng chí phụ trách nghỉ ốm dài ngày, chưa ai nắm số liệu để làm báo cáo', 'blocked', {}),
    ('Nộp rồi chứ, nộp trong mơ ấy 🙄 thật ra chưa viết chữ nào', 'not_started', {}),
    ('Đã in xong báo cáo, đang chờ đóng dấu rồi gửi liền ạ', 'in_progress', {}),
    ('5/4', 'ask', {}),
    ('0% nha anh, chưa động tới', 'not_started', {'percent': 0}),
    ('Dạ báo cáo đã gửi ĐUK rồi ạ', 'done', {}),
    ('đã hoàn thành và gửi bc số 15-BC/ĐU ngày 18/3',
     'done', {'evidence': '15-BC/ĐU', 'date': '2024-03-18'}),
    ('em nộp rồi anh nhé, hôm thứ 6 tuần trước', 'done', {'date': '2024-03-15'}),
    ('Đã nộp bản cứng và bản mềm', 'done', {}),
    ('xong cả rồi a', 'done', {}),
    ('Chi bộ đã tổ chức hội nghị ngày 15/3, đã có báo cáo gửi lên', 'done', {'date': '2024-03-15'}),
    ('bc gửi từ hôm 12/3 rồi mà anh', 'done', {'date': '2024-03-12'}),
    ('Đã gửi qua email cho đ/c Hà ạ', 'done', {}),
    ('dạ xong r', 'done', {}),
    ('hoàn thành rồi, số văn bản 88-BC/ĐU', 'done', {'evidence': '88-BC/ĐU'}),
    ('Thực hiện Kế hoạch 103-KH/ĐUK, Đảng ủy đã có Báo cáo số 20-BC/ĐU ngày 10/3/2024',
     'done', {'evidence': '20-BC/ĐU', 'date': '2024-03-10'}),
    ('Đã ban hành báo cáo số 31-BC/CB', 'done', {'evidence': '31-BC/CB'}),
    ('bên em nộp đủ rồi ạ', 'done', {}),
    ('Gửi rồi ạ', 'done', {}),
    ('đã xong 100%', 'done', {'percent': 100}),
    ('Báo cáo số 09/BC-ĐU đã được gửi ngày 19/03/2024',
     'done', {'evidence': '09/BC-ĐU', 'date': '2024-03-19'}),
    ('Chi bộ đã nộp báo cáo sơ kết, kèm theo biểu số liệu', 'done', {}),
    ('xong từ tuần trước rồi anh', 'done', {}),
    ('em đã gửi hồi sáng', 'done', {}),
    ('báo cáo 6 tháng đã gửi về BTG ngày 14/6', 'done', {'date': '2023-06-14'}, '2023-06-16'),
    ('bc xong r a', 'done', {}),
    ('done rồi anh', 'done', {}),
    ('đã thu 12/12 bản cam kết', 'done', {}),
    ('đã gửi hôm 18', 'done', {'date': '2024-03-18'}),
    ('nộp ngày 19 rồi ạ', 'done', {'date': '2024-03-19'}),
    ('không phải chưa làm, mà làm xong rồi', 'done', {}),
    ('đang hoàn chỉnh, mai em gửi', 'in_progress', {}),
    ('mới được khoảng một nửa', 'in_progress', {'percent': 50}),
    ('đạt 75%', 'in_progress', {'percent': 75}),
    ('chưa xong ạ, còn phần số liệu', 'in_progress', {}),
    ('đã thu được 5/9 chi bộ', 'in_progress', {}),
    ('dự thảo xong rồi, đang trình thường trực', 'in_progress', {}),
    ('Đang trong quá trình tổng hợp', 'in_progress', {}),
    ('sắp xong rồi anh ơi', 'in_progress', {}),
    ('làm được 3 phần rồi, còn 1 phần', 'in_progress', {}),
    ('chưa hoàn thành hết, mới xong mục 1', 'in_progress', {}),
    ('hơn 80% rồi', 'in_progress', {'percent': 80}),
    ('em đang làm dở', 'in_progress', {}),
    ('Đã có dự thảo', 'in_progress', {}),
    ('chưa gửi, đang xin chữ ký', 'in_progress', {}),
    ('chưa xg', 'in_progress', {}),
    ('dg lam a', 'in_progress', {}),
    ('được 2/5 đơn vị nộp', 'in_progress', {}),
    ('mới có 30% đảng viên nộp', 'in_progress', {'percent': 30}),
    ('đã xong đâu anh', 'in_progress', {}),
    ('Dạ chưa làm gì ạ', 'not_started', {}),
    ('chưa, bên em chưa triển khai', 'not_started', {}),
    ('vẫn chưa bắt đầu anh ạ', 'not_started', {}),
    ('chi bộ em chưa tổ chức được', 'not_started', {}),
    ('chưa xong gì cả', 'not_started', {}),
    ('đang vướng vì chưa có số liệu của phòng', 'blocked', {}),
    ('gặp khó khăn, chưa bố trí được thời gian', 'blocked', {}),
    ('máy tính bị hỏng nên chưa gửi được', 'blocked', {}),
    ('đợi ý kiến của bí thư', 'blocked', {}),
    ('thiếu số liệu của 2 chi bộ', 'blocked', {}),
    ('làm gì đã xong, còn đang đợi số liệu', 'blocked', {}),
    ('xin lùi đến 10/4', 'extension', {'date': '2024-04-10'}),
    ('cho chi bộ em xin nộp chậm 3 ngày', 'extension', {'date': '2024-03-23'}),
    ('đề nghị gia hạn thêm 1 tuần ạ', 'extension', {'date': '2024-03-27'}),
    ('cho em gửi vào thứ 2 tuần sau được không anh', 'extension', {'date': '2024-03-25'}),
    ('xin phép lùi sang đầu tháng sau', 'extension', {'date': '2024-04-01'}),
    ('Xin gia hạn đến ngày 5 tháng 4', 'extension', {'date': '2024-04-05'}),
    ('cho em xin hạn đến 30/3', 'extension', {'date': '2024-03-30'}),
    ('xin gia hạn ạ', 'extension', {'date': None}),
    ('mùng 2/4 em nộp nhé', 'extension', {'date': '2024-04-02'}),
    ('tuần sau em gửi', 'extension', {'date': None}),
    ('xin gia hạn đến mùng 5 tháng sau', 'extension', {'date': '2024-04-05'}),
    ('xin gia hạn đến ngày hai mươi lăm', 'extension', {'date': '2024-03-25'}),
    ('xin lùi sang tuần sau', 'extension', {'date': None}),
    ('xin lùi đến thứ 3 tuần sau', 'extension', {'date': '2024-04-02'}, '2024-03-29'),
    ('hạn nộp là ngày nào vậy anh', None, {}),
    ('bc này nộp cho ai ạ', None, {}),
    ('đã hết hạn chưa anh?', None, {}),
    ('em nộp bản scan được không ạ?', None, {}),
    ('mẫu đề cương ở đâu ạ', None, {}),
    ('bên em có phải làm báo cáo này không', None, {}),
    ('ủa bc nào vậy anh', None, {}),
    ('Hạn chót là bao giờ ạ', None, {}),
    ('nộp qua hệ thống hay gửi email ạ?', None, {}),
    ('bc sơ kết gồm mấy phần', None, {}),
    ('đơn vị em đã nộp chưa ạ', None, {}),
    ('anh kiểm tra giúp em đã nhận được bc chưa', None, {}),
    ('anh gửi lại em mẫu báo cáo với', None, {}),
    ('cho em xin file kế hoạch 103', None, {}),
    ('nhờ anh chuyển giúp báo cáo lên ban', None, {}),
    ('vâng ạ, em cảm ơn', None, {}),
    ('ok anh', None, {}),
    ('Dạ em nhận được rồi ạ', None, {}),
    ('chào đồng chí', None, {}),
    ('👌', None, {}),
    ('em xin lỗi vì trả lời muộn', None, {}),
    ('để em xem lại đã nhé', None, {}),
    ('Dạ, em sẽ báo cáo lại sau ạ', None, {}),
    ('đã gửi rồi, anh xem nhận được chưa ạ?', 'done', {}),  # the question is offered aside
    ('xong rồi. Cho em hỏi bc quý II hạn khi nào?', 'done', {}),  # the question is offered aside
    ('chưa đâu anh', 'ask', {}),
    ('rồi ạ', 'ask', {}),
    ('hình như văn thư gửi rồi', 'ask', {}),
    ('Kính gửi đồng chí, Chi bộ đã hoàn thành báo cáo sơ kết và gửi về Văn phòng ngày 19/3/2024.',
     'done', {'date': '2024-03-19'}),
    ('Đảng bộ xã đã ban hành Báo cáo số 112-BC/ĐU ngày 15 tháng 3 năm 2024',
     'done', {'evidence': '112-BC/ĐU', 'date': '2024-03-15'}),
    ('da nop roi nhe anh', 'done', {}),
    ('bc so ket da gui hom qua', 'done', {'date': '2024-03-19'}),
    ('nop r a', 'done', {}),
    ('hoàn thành 100% kế hoạch', 'done', {'percent': 100}),
    ('vâng, đã gửi rồi ạ', 'done', {}),
    ('xong rồi anh, gửi qua zalo cho chị Mai rồi', 'done', {}),
    ('Đã gửi bản mềm qua hộp thư, bản giấy gửi sau', 'done', {}),
    ('báo cáo đã trình Thường trực ký, đã phát hành số 77-BC/ĐU', 'done', {'evidence': '77-BC/ĐU'}),
    ('Sáng nay em gửi rồi ạ', 'done', {'date': '2024-03-20'}),
    ('đã gửi theo Kế hoạch số 103-KH/ĐUK', 'done', {'evidence': None}),
    ('nộp hôm 15 rồi anh', 'done', {'date': '2024-03-15'}),
    ('đang làm nhé', 'in_progress', {}),
    ('dang tong hop so lieu cac chi bo', 'in_progress', {}),
    ('được tầm 60% rồi ạ', 'in_progress', {'percent': 60}),
    ('còn thiếu 2 đơn vị chưa nộp', 'in_progress', {}),
    ('xong phần đánh giá rồi, còn phần phương hướng', 'in_progress', {}),
    ('Bên em đang tiến hành, dự kiến 25/3 xong', 'in_progress', {}),
    ('chưa xong, khoảng 50%', 'in_progress', {'percent': 50}),
    ('chưa gửi được vì còn chờ chữ ký', 'blocked', {}),
    ('chua lam gi ca', 'not_started', {}),
    ('chưa bắt tay vào làm', 'not_started', {}),
    ('Chưa triển khai được do chưa nhận được văn bản hướng dẫn', 'blocked', {}),
    ('bí thư đi vắng nên chưa ký được, xin gia hạn đến thứ 4 tuần sau',
     'extension', {'date': '2024-03-27'}),
    ('cho em thêm 2 ngày nữa nhé', 'extension', {'date': '2024-03-22'}),
    ('Đề nghị cho phép đơn vị nộp báo cáo chậm đến ngày 29/3/2024',
     'extension', {'date': '2024-03-29'}),
    ('xin hoan den 2/4', 'extension', {'date': '2024-04-02'}),
    ('em xin lui han nop bc sang 28/3 a', 'extension', {'date': '2024-03-28'}),
    ('cho bên em lùi thêm 1 tuần được không ạ?', 'extension', {'date': '2024-03-27'}),
    ('thứ 6 em nộp nhé anh', 'extension', {'date': '2024-03-22'}),
    ('hạn báo cáo quý I là ngày nào?', None, {}),
    ('báo cáo này có cần đóng dấu không ạ', None, {}),
    ('ai là người tổng hợp vậy anh', None, {}),
    ('em gửi vào email nào ạ', None, {}),
    ('bc 6 thang nop truoc ngay nao', None, {}),
    ('chi bộ em được giao nhiệm vụ gì trong kế hoạch 103?', None, {}),
    ('cho mình xin mẫu báo cáo nhé', None, {}),
    ('anh hướng dẫn em cách gửi với', None, {}),
    ('em cảm ơn anh nhiều ạ', None, {}),
    ('Dạ vâng', None, {}),
    ('ok a', None, {}),
    ('alo anh ơi', None, {}),
    ('🙏🙏', None, {}),
    ('Chúc đồng chí sức khỏe', None, {}),
    ('Để em hỏi lại chị văn thư đã', None, {}),
    ('em đã nhận được nhắc việc', None, {}),
    ('dạ rõ ạ', None, {}),
    ('Chắc là xong rồi anh ạ', 'ask', {}),
    ('đã gửi nhưng chưa làm gì', 'ask', {}),
    ('làm rồi', 'done', {}),
    ('nộp chung trong báo cáo 6 tháng rồi anh', 'ask', {}),
    # a question after a report is offered aside, the report saved
    ('đã xong, nhưng anh cho em hỏi hạn nộp bản giấy là khi nào', 'done', {}),
    ('Dạ em tưởng gửi rồi, hóa ra chưa gửi', 'in_progress', {}),
    ('gửi rồi, à mà chưa, em gửi chiều nay', 'in_progress', {}),
    ('đã xong chưa anh', None, {}),
    ('bc của chi bộ em gửi rồi thì phải làm gì tiếp ạ', None, {}),
    ('gửi xong thì báo ai ạ', None, {}),
    ('nếu nộp muộn thì sao ạ', None, {}),
    ('em gửi rồi mà sao hệ thống báo chưa nhận', 'done', {}),  # the question is offered aside
    ('đã gửi chưa nhỉ', None, {}),
    ('xong rồi à anh?', None, {}),
    ('báo cáo hoàn thành trước ngày nào ạ', None, {}),
    ('hoàn thành khi nào thì được ạ', None, {}),
    ('gửi giúp em bản word của kế hoạch 107 nhé', None, {}),
    ('anh ơi gửi lại em cái mẫu', None, {}),
    ('cho em xin số điện thoại văn phòng', None, {}),
    ('làm ơn gửi em đề cương báo cáo', None, {}),
    ('xin anh hướng dẫn em cách nộp', None, {}),
    ('ok rồi anh', 'ask', {}),
    ('vâng em rõ rồi ạ', None, {}),
    ('dạ em biết rồi ạ, cảm ơn anh', None, {}),
    ('dạ vâng em nhận được rồi', None, {}),
    ('cảm ơn anh, em gửi rồi nhé', 'done', {}),
    ('chưa làm xong', 'in_progress', {}),
    ('không kịp xong đúng hạn', 'in_progress', {}),
    ('còn lâu mới xong anh ơi', 'in_progress', {}),
    ('xong gì đâu anh', 'in_progress', {}),
    ('có làm đâu mà xong', 'not_started', {}),
    ('chưa nộp được vì máy in hỏng', 'blocked', {}),
    ('đã làm 3/5 mục', 'in_progress', {}),
    ('thu được 10 trên 12 bản', 'in_progress', {}),
    ('đã có 15/15 đảng viên nộp', 'done', {}),
    ('chi bộ 12/15 đảng viên đã nộp', 'in_progress', {}),
    ('đã gửi báo cáo theo đề cương của KH 103-KH/ĐUK, số 14-BC/CB',
     'done', {'evidence': '14-BC/CB'}),
    ('thực hiện KH số 107-KH/ThU, đã gửi', 'done', {'evidence': None}),
    ('gửi theo công văn 45-CV/ĐUK rồi ạ', 'done', {'evidence': None}),
    ('đã nộp, văn bản số 23/BC-CB ngày 18/3/2024',
     'done', {'evidence': '23/BC-CB', 'date': '2024-03-18'}),
    ('dạ đã gửi hôm thứ ba', 'done', {'date': '2024-03-19'}),
    ('em nộp chiều hôm qua rồi', 'done', {'date': '2024-03-19'}),
    ('gửi từ tối qua rồi anh', 'done', {'date': '2024-03-19'}),
    ('em xin nộp bổ sung sau ạ', 'ask', {}),
    ('cuối tuần sau em nộp được không anh', 'extension', {'date': '2024-03-31'}),
    ('em sẽ gửi trước 28/3', 'extension', {'date': '2024-03-28'}),
    ('xin nộp chậm đến hết tháng', 'extension', {'date': '2024-03-31'}),
    ('đang làm, chắc mai xong', 'in_progress', {}),
    ('chắc chắn là xong rồi', 'done', {}),
    ('dạ', None, {}),
    ('ơ', None, {}),
    ('?', None, {}),
    ('...', None, {}),
    ('hi', None, {}),
    ('bác ơi', None, {}),
    ('đang làm 45%, đang chờ số liệu phòng kế toán', 'in_progress', {'percent': 45}),
    ('xong rồi nhé, khoảng 100%', 'done', {'percent': 100}),
    ('Báo cáo quý I đã gửi, báo cáo 6 tháng đang làm', 'ask', {}),
    ('Dạ, Chi bộ Văn phòng đã gửi báo cáo số 15-BC/CB ngày 22/3/2024 về Ban Tuyên giáo ĐUK ạ',
     'done', {'evidence': '15-BC/CB', 'date': '2024-03-22'}, '2024-03-25'),
    ('đã gửi bc qua email btg rồi a, sáng nay', 'done', {'date': '2024-03-20'}),
    ('Báo cáo chuyên đề quý II đã nộp hôm thứ năm tuần trước',
     'done', {'date': '2023-06-15'}, '2023-06-20'),
    ('Thành ủy đã nhận được báo cáo của bên em chưa ạ?', None, {}),
    ('em gui roi, so 22-BC/DU', 'done', {'evidence': '22-BC/DU'}),
    ('BC số 05/BC-MTTQ đã gửi ngày 12/6/2023',
     'done', {'evidence': '05/BC-MTTQ', 'date': '2023-06-12'}, '2023-06-14'),
    ('Căn cứ Kế hoạch 107-KH/ThU, Đảng ủy phường đã xây dựng kế hoạch thực hiện số 12-KH/ĐU'
     ' và gửi về BTG',
     'done', {'evidence': None}, '2023-02-10'),
    ('Hội nghị học tập chuyên đề đã tổ chức xong vào ngày 28/2',
     'done', {'date': '2023-02-28'}, '2023-03-02'),
    ('đã hoàn thành học tập chuyên đề quý I cho 45/45 đảng viên', 'done', {}, '2023-03-30'),
    ('mới học được 30/45 đảng viên, còn lại học bù', 'in_progress', {}, '2023-03-30'),
    ('dạ đang tổ chức cho các chi bộ học, khoảng 2/3 rồi', 'in_progress', {}),
    ('Báo cáo đang trình Thường trực cho ý kiến', 'in_progress', {}),
    ('đang lấy số liệu, khoảng bảy mươi lăm phần trăm', 'in_progress', {'percent': 75}),
    ('chắc tuần sau mới xong được anh', 'in_progress', {}),
    ('vẫn đang làm ạ', 'in_progress', {}),
    ('làm xong phần đánh giá rồi, phần kiến nghị đang viết', 'in_progress', {}),
    ('chưa có gì anh ạ, bí thư đi học chưa về', 'not_started', {}),
    ('chưa tổ chức học tập được ạ', 'not_started', {}),
    ('Chi bộ chưa xây dựng kế hoạch', 'not_started', {}),
    ('chưa làm được vì không có kinh phí', 'blocked', {}),
    ('vướng quá anh ạ, không tổng hợp được số liệu các xã', 'blocked', {}),
    ('máy chủ lỗi, em gửi mãi không được', 'blocked', {}),
    ('đang chờ các chi bộ gửi số liệu lên', 'blocked', {}),
    ('Đề nghị Ban cho phép Đảng ủy lùi thời hạn nộp báo cáo đến 30/4/2024',
     'extension', {'date': '2024-04-30'}),
    ('xin gia hạn đến ngày mùng 10 tháng 4 ạ', 'extension', {'date': '2024-04-10'}),
    ('anh cho em hoãn đến thứ hai nhé', 'extension', {'date': '2024-03-25'}),
    ('bc này cho em nộp muộn vài hôm được không anh', 'extension', {'date': None}),
    ('xin nộp chậm 1 tuần do đợi số liệu', 'extension', {'date': '2024-03-27'}),
    ('em xin khất đến cuối tháng sau', 'extension', {'date': '2024-04-30'}),
    ('xin lùi đến ngày 2 tháng 4', 'extension', {'date': '2024-04-02'}),
    ('hạn nộp báo cáo sơ kết là 25/3 đúng không anh', None, {}),
    ('bc 6 tháng thì nộp cho Ban Tuyên giáo hay Văn phòng ạ', None, {}),
    ('kế hoạch 107 có yêu cầu báo cáo quý không anh', None, {}),
    ('chuyên đề năm nay là gì vậy anh', None, {}),
    ('báo cáo gồm những nội dung gì ạ', None, {}),
    ('bên em nộp rồi thì có cần gửi bản giấy không ạ?', None, {}),
    ('anh cho em xin lại kế hoạch 103 bản word', None, {}),
    ('em nhờ anh gửi giúp em mẫu biểu số liệu', None, {}),
    ('gửi em cái đề cương với anh ơi', None, {}),
    ('dạ em cảm ơn đồng chí nhiều', None, {}),
    ('ok đồng chí', None, {}),
    ('👍👍👍', None, {}),
    ('xin chào', None, {}),
    ('dạ vâng, để em báo lại chị bí thư', None, {}),
    ('Dạ rõ, em sẽ nhắc các chi bộ', None, {}),
    ('em gửi rồi nhưng không biết đã đến chưa', 'done', {}),
    ('hình như bên em nộp rồi', 'ask', {}),
    ('cái này văn phòng lo, em không rõ', None, {}),
    ('xong', 'done', {}),
    ('chưa', 'ask', {}),
    # a question after a report is offered aside, the report saved
    ('đã nộp ạ, cho em hỏi bao giờ có kết quả khen thưởng?', 'done', {}),
    # Rhetoric and irony: "làm gì mà chưa" affirms; "V gì mà V" denies.
    ('làm gì có chuyện chưa nộp, em nộp hôm kia rồi mà', 'done', {'date': '2024-03-18'}),
    ('sao mà chưa được, bên em gửi từ thứ 2 rồi', 'done', {'date': '2024-03-18'}),
    ('nộp lâu rồi còn gì anh', 'done', {}),
    ('nộp gì mà nộp, còn chưa viết', 'not_started', {}),
    ('Hoàn thành gì đâu anh, chưa ai đụng tới', 'not_started', {}),
    ('làm gì đã bắt đầu đâu chị', 'not_started', {}),
    # A date met on time is the report's own.
    ('em nộp đúng hạn ngày 18/3 rồi', 'done', {'date': '2024-03-18'}),
    ('Dạ bên em gửi từ thứ 3 rồi ạ', 'done', {'date': '2024-03-19'}),
    ('Rồi chị ạ, em gửi từ tuần trước', 'done', {}),
    ('ok rồi chị, em up lên hệ thống hôm qua', 'done', {'date': '2024-03-19'}),
    # A percent below 100 beside a part done: in progress, however the share is hedged.
    ('đã xong phần đánh giá, còn thiếu kiến nghị, được chừng 70%', 'in_progress',
     {'percent': 70}),
    ('cỡ 40% thôi ạ', 'in_progress', {'percent': 40}),
    ('đang lam ạ, khoảng 1 nửa', 'in_progress', {'percent': 50}),
    # What is left: "còn 1 buổi", "còn buổi cuối", "một số chưa".
    ('tổ chức được 3 buổi rồi, còn 2 buổi nữa', 'in_progress', {}),
    ('được 3 buổi rồi, còn buổi cuối', 'in_progress', {}),
    ('một số chi bộ xong rồi, một số chưa', 'in_progress', {}),
    ('đã học 3/4 chuyên đề', 'in_progress', {}),
    ('đã xong 2 trong 3 nội dung', 'in_progress', {}),
    ('đã có báo cáo nhưng còn phải sửa theo góp ý', 'in_progress', {}),
    # Waiting: beside work going on, or only for a signature, in progress; as the reason the
    # work stopped, blocked; beside work done, the reply awaited.
    ('chờ 3 chi bộ nộp nốt là tổng hợp xong', 'in_progress', {}),
    ('còn thiếu số liệu 1 chi bộ nữa là xong', 'in_progress', {}),
    ('đang đợi phòng tài chính gửi số liệu, có là xong ngay', 'in_progress', {}),
    ('Báo cáo đã xây dựng xong, chờ đồng chí Bí thư ký ban hành', 'in_progress', {}),
    ('đã xin ý kiến thường trực, chờ phản hồi', 'in_progress', {}),
    ('đã trình ký, chờ bí thư ký', 'in_progress', {}),
    ('Dự thảo đã xong, đang xin ý kiến các đồng chí trong cấp ủy', 'in_progress', {}),
    ('đã trình lãnh đạo ký, chưa phát hành', 'in_progress', {}),
    ('hoàn thành rồi ạ, đang chờ cấp trên phản hồi', 'done', {}),
    ('Báo cáo số 17-BC/ĐU đã trình ký và phát hành ngày 18/3',
     'done', {'evidence': '17-BC/ĐU', 'date': '2024-03-18'}),
    # Obstacles: no access, a system or network down, nobody to do it or to sign it.
    ('không đăng nhập được vào phần mềm', 'blocked', {}),
    ('ko upload dc file, he thong bao loi', 'blocked', {}),
    ('mạng chập chờn quá, gửi mãi không được', 'blocked', {}),
    ('bí thư nằm viện, không ai ký', 'blocked', {}),
    ('Chưa làm được vì đồng chí phụ trách nghỉ ốm', 'blocked', {}),
    ('chưa có chữ ký của bí thư nên chưa gửi', 'blocked', {}),
    ('máy tính nhiễm virus, mất hết file', 'blocked', {}),
    ('làm xong rồi mà không gửi lên được, mạng yếu quá', 'blocked', {}),
    # Not begun: a start still to come, or the work itself denied.
    ('sang tháng mới bắt đầu triển khai', 'not_started', {}),
    ('chưa triển khai ạ, đầu tháng sau mới làm', 'not_started', {}),
    ('mai mới bắt đầu làm', 'not_started', {}),
    ('em chưa kịp làm', 'not_started', {}),
    ('chưa ai viết gì cả', 'not_started', {}),
    # Doubt: asked about, never saved.
    ('em nghĩ là gửi rồi, em không chắc lắm', 'ask', {}),
    ('gửi rồi, mà em cũng không chắc', 'ask', {}),
    ('em không chắc đã gửi chưa', 'ask', {}),
    ('chưa chắc đã xong đâu anh', 'ask', {}),
    ('làm xong rồi, chắc chưa gửi', 'ask', {}),
    ('em nhớ là đã nộp rồi', 'ask', {}),
    ('em tưởng văn thư gửi rồi, để em hỏi lại đã', 'ask', {}),
    # Several works, one done and one not: asked about.
    ('quý I gửi rồi còn quý II thì chưa', 'ask', {}),
    ('bản mềm nộp rồi, bản giấy thì chưa', 'ask', {}),
    ('báo cáo 6 tháng gửi rồi, báo cáo chuyên đề thì chưa', 'ask', {}),
    # Dates said in words.
    ('cho bên em khất đến 25 nhé', 'extension', {'date': '2024-03-25'}),
    ('cho em nộp muộn 2 hôm nhé', 'extension', {'date': '2024-03-22'}),
    ('Cho em hẹn đến thứ sáu nhé', 'extension', {'date': '2024-03-22'}),
    ('xin gia hạn đến 15 tháng sau', 'extension', {'date': '2024-04-15'}),
    ('xin nộp vào đầu tháng 4 ạ', 'extension', {'date': '2024-04-01'}),
    ('anh cho em thêm vài ngày nữa nhé', 'extension', {}),
    ('gửi hôm 15 tháng trước rồi chị', 'done', {'date': '2024-02-15'}),
    ('sắp xong rồi, chắc chiều mai gửi', 'in_progress', {}),
    # The date of the plan cited is not the report's.
    ('Thực hiện Kế hoạch số 103-KH/ĐUK ngày 15/01/2024 của Ban Thường vụ, Chi bộ đã gửi báo cáo'
     ' ngày 18/3/2024', 'done', {'date': '2024-03-18'}),
    ('Căn cứ KH 107-KH/ThU ngày 10/2/2023, đảng ủy đã gửi BC số 15-BC/ĐU ngày 12/6/2023',
     'done', {'evidence': '15-BC/ĐU', 'date': '2023-06-12'}, '2023-06-14'),
    # "không được" alone is a no; "gửi không được" is stuck; a draft sent is no report sent.
    ('Không được ạ, em chưa làm', 'not_started', {}),
    ('hệ thống quá tải, gửi không được', 'blocked', {}),
    ('chỉ còn đợi 2 đơn vị nữa thôi', 'in_progress', {}),
    ('học xong 2 buổi, còn buổi tổng kết', 'in_progress', {}),
    ('em đã nộp bản dự thảo, chờ góp ý', 'in_progress', {}),
    ('đã gửi bản nháp cho chị xem trước', 'in_progress', {}),
    ('sắp gửi rồi anh', 'in_progress', {}),
    ('Gửi rồi mà, sao lại bảo chưa', 'done', {}),
    ('Xong từ đời nào rồi ạ 😂', 'done', {}),
    ('Làm gì có ai làm đâu chị', 'not_started', {}),
    ('em đoán là xong rồi', 'ask', {}),
    ('t6 tuan sau e nop dc k a', 'extension', {'date': '2024-03-29'}),
    ('mang mat, chua gui dc', 'blocked', {}),
    ('em đang viết báo cáo, còn thiếu số liệu của 1 chi bộ', 'in_progress', {}),
    ('chưa hoàn chỉnh, đang bổ sung số liệu', 'in_progress', {}),
    ('đủ cả rồi chị', 'done', {}),
    ('hệ thống đang bảo trì, chưa nộp được', 'blocked', {}),
    ('em gửi rồi mà chị bảo chưa nhận được', 'ask', {}),
    ('đã gửi nhưng quên đính kèm file', 'in_progress', {}),
    ('xong rồi, chỉ chưa đóng dấu', 'in_progress', {}),
    ('Bên em xin phép nộp vào sáng thứ 2', 'extension', {'date': '2024-03-25'}),
    ('cho em nợ báo cáo đến thứ 6 nhé', 'extension', {'date': '2024-03-22'}),
    ('Chi bộ đã tổ chức hội nghị sơ kết 3 năm vào ngày 16/3', 'done', {'date': '2024-03-16'}),
    ('chưa lựa chọn được mô hình nào', 'not_started', {}),
    ('Chi bộ đã tổ chức học tập chuyên đề cho 25/28 đảng viên, 3 đồng chí vắng sẽ học bù',
     'in_progress', {}),
    ('em gửi lên hệ thống rồi, anh kiểm tra giúp em nhé', 'done', {}),
    ('đã nộp đủ, không có vướng mắc gì', 'done', {}),
    ('đang triển khai, chưa có gì vướng', 'in_progress', {}),
    ('em vừa bắt đầu làm hôm qua', 'in_progress', {}),
    ('tuần sau bắt đầu làm ạ', 'not_started', {}),
    ('Rồi ạ, hôm 18/3', 'done', {'date': '2024-03-18'}),
    ('rồi, đến 25/3', 'ask', {}),
    ('Em nghe văn thư nói gửi rồi', 'ask', {}),
    # Not reports.
    ('Chị ơi, hạn 25/3 có lùi không chị?', None, {}),
    ('anh kiểm tra giúp em nhé', None, {}),
    ('xong rồi ư', None, {}),
    ('cho mình hỏi nộp trước 25/3 hay 30/3', None, {}),
    ('cho em xin lịch họp tuần sau', None, {}),
    ('báo cáo gửi về đâu trước 25/3 ạ', None, {}),
    ('em xin tuần sau ạ', 'extension', {}),
    ('cho em hỏi hạn đến thứ 6 phải không', None, {}),
    ('xin hỏi hạn nộp đến 25/3 đúng không ạ', None, {}),
    ('cho em hỏi có được gia hạn không', None, {}),
    ('đã có 5/7 chi bộ nộp, 2 chi bộ còn lại hẹn thứ 6', 'in_progress', {}),
    ('chị ơi em nộp muộn có bị sao không', None, {}),
    ('đợi em chút nhé', None, {}),
    ('em đang họp, lát em trả lời nhé', None, {}),
    ('em mới được phân công, chưa biết gì về việc này', None, {}),
    # Probes written after fresh7: a complaint at the reminder, an obstacle said with "chưa
    # biết", a signer away, forgetting, "nhớ" that is not "nhỡ".
    ('sao lại nhắc, bên em gửi từ lâu rồi', 'done', {}),
    ('Dạ em chưa nhận được công văn nên chưa biết làm thế nào', 'blocked', {}),
    ('Báo cáo của chi bộ đã xong, đang chờ đồng chí bí thư đi công tác về ký',
     'in_progress', {}),
    ('Xin lỗi anh, em quên mất, để em làm luôn', 'not_started', {}),
    ('em không nhớ đã gửi chưa', 'ask', {}),
    ('nhỡ nộp muộn thì sao ạ', None, {}),
    # Probes written after fresh10: the reminder read or passed on, preparation done, "với"
    # of a plea, "vi" typed bare, a day no sooner than which, a premise that is a report.
    ('Dạ e nhận được tin rồi, chưa kịp đọc kĩ, tối e xem ạ', None, {}),
    ('E chuyển tin nhắn này cho đ/c Hoà phụ trách tuyên giáo rồi a nhé', None, {}),
    ('Hội nghị chi bộ e chốt cuối tuần sau tổ chức, tài liệu chuẩn bị xong rồi a',
     'in_progress', {}),
    ('Tài liệu bên e chưa nhận được nên chưa sinh hoạt dc, a gửi lại giúp e với', 'blocked', {}),
    ('chi bo chua xac dinh duoc noi dung vi dang cho y kien chi dao, chua biet khi nao co',
     'blocked', {}),
    ('Báo cáo số 87-BC/ĐU e đã trình ký và gửi Ban Tuyên giáo ThU từ hôm mùng 6 rồi ạ.',
     'done', {'evidence': '87-BC/ĐU', 'date': '2024-03-06'}),
    ('a ơi bc gửi qua mail rồi thì có cần gửi thêm bản giấy ko ạ?', 'ask', {}),
    ('nếu gửi rồi thì có cần gửi lại không', None, {}),
    # Probes written after fresh11: an event held is done; its own notice is the evidence;
    # a day made precise; leave to hold it later; postponed with nowhere to hold it.
    ('Chi bộ đã sinh hoạt chuyên đề quý II vào ngày hai mươi tháng ba rồi ạ', 'done',
     {'date': '2024-03-20'}),
    ('Đã tổ chức hội nghị chiều qua. Thông báo kết quả số 31-TB/ĐU bọn e cũng gửi Ban rồi nhé',
     'done', {'evidence': '31-TB/ĐU'}),
    ('ĐU Sở xin lùi hội nghị sơ kết sang đầu tháng 5, cụ thể là ngày 7/5 ạ', 'extension',
     {'date': '2024-05-07'}),
    ('Hội nghị sơ kết phải hoãn do hội trường đang sửa chữa, chưa tìm được địa điểm khác ạ',
     'blocked', {}),
    ('cuon tai lieu dang tac vi cac huyen chua gui bai', 'blocked', {}),
    ('chắc cuối tuần này xong', 'in_progress', {}),  # a day to come: expected, not done
    ('bc số 77-BC/ĐU gửi Ban TG sáng thứ Hai rồi ạ', 'done',  # a weekday gone by
     {'evidence': '77-BC/ĐU', 'date': '2024-03-18'}),
    ('nhắc lần thứ 2 rồi đấy', None, {}),  # a count of times, no day
]


def _case_id(case: Case) -> str:
    return str(case[0])[:40]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_reading(case: Case) -> None:
    text, wanted, fields = str(case[0]), case[1], case[2]
    assert isinstance(fields, Mapping)
    today = dt.date.fromisoformat(str(case[3]) if len(case) > 3 else TODAY)
    reading = read_status(text, today)
    if wanted is None:
        assert not reading.saves, reading
        return
    if wanted == "ask":
        assert not reading.saves, reading
        assert reading.intent is Intent.REPORT_OR_QUESTION or reading.candidates, reading
        return
    status = ReportStatus.EXTENSION.value if wanted == "extension" else wanted
    assert reading.saves and reading.status is not None, reading
    assert reading.status.value == status, reading
    got = {"percent": reading.percent, "evidence": reading.evidence_number,
           "date": reading.date.isoformat() if reading.date else None}
    assert {k: got[k] for k in fields} == dict(fields), reading


def test_nothing_is_saved_as_done_unless_it_is() -> None:
    wrong = []
    for case in CASES:
        today = dt.date.fromisoformat(str(case[3]) if len(case) > 3 else TODAY)
        reading = read_status(case[0], today)
        if case[1] != "done" and reading.saves and reading.status is ReportStatus.DONE:
            wrong.append(case[0])
    assert wrong == []


@pytest.mark.parametrize(("text", "today", "date"), [
    ("5/4", "2024-03-20", "2024-04-05"), ("05-04-2024", "2024-03-20", "2024-04-05"),
    ("ngày 5 tháng 4", "2024-03-20", "2024-04-05"), ("mồng 8/4", "2024-03-20", "2024-04-08"),
    ("cuối tháng", "2024-03-20", "2024-03-31"), ("thêm 10 ngày", "2024-03-20", "2024-03-30"),
    ("thứ 6 tuần sau", "2024-03-20", "2024-03-29"), ("hết ngày hai mươi tám", "2024-03-20",
                                                     "2024-03-28"),
    ("đến 3/1", "2024-12-20", "2025-01-03"), ("không rõ", "2024-03-20", None),
])
def test_read_date_answers_until_when(text: str, today: str, date: str | None) -> None:
    found = read_date(text, dt.date.fromisoformat(today))
    assert (found.isoformat() if found else None) == date


def test_cue_phrases_keep_their_meaning_once_folded() -> None:
    """Every cue, folded and through the aliases, is still a phrase of its own: no status cue
    turns into a bare negation, filler or placeholder ("hỏng" once became "không")."""
    data = load_cue_data()
    words = wording()
    bare = {"khong", "chua", "a", "anh", "em", "da", "roi", ""}
    groups = ("finish_verbs", "completive", "in_progress", "not_started", "blocked",
              "extension", "hedges", "merged", "requests", "deferrals", "question_words")
    for group in groups:
        for phrase in data.get(group) or ():
            assert words.words(str(phrase)) not in bare, (group, phrase)
    status_cues()  # every pattern compiles


def test_a_cue_typed_without_diacritics_is_the_same_cue() -> None:
    today = dt.date(2024, 3, 20)
    for accented, plain in (("đã gửi báo cáo", "da gui bao cao"),
                            ("xin gia hạn đến 5/4", "xin gia han den 5/4"),
                            ("chưa triển khai gì", "chua trien khai gi"),
                            ("đang làm khoảng 70%", "dang lam khoang 70%")):
        one, two = read_status(accented, today), read_status(plain, today)
        assert (one.status, one.percent, one.date) == (two.status, two.percent, two.date)
