"""Short polite replies to small talk: thanks, greetings, acknowledgements, wishes."""

from __future__ import annotations

REPLIES = {
    "thanks": "Dạ, không có gì ạ. Khi cần, đồng chí cứ nhắn cho tôi.",
    "greeting": (
        "Xin chào đồng chí. Đồng chí có thể hỏi về kế hoạch hoặc báo cáo tình hình thực hiện "
        "nhiệm vụ; gõ /trogiup để xem hướng dẫn."
    ),
    "ack": "Dạ, cảm ơn đồng chí ạ.",
    "wish": "Dạ, cảm ơn đồng chí. Chúc đồng chí sức khỏe, công tác tốt.",
    "apology": "Dạ, không sao ạ. Khi cần, đồng chí cứ nhắn cho tôi.",
    "goodbye": "Dạ, chào đồng chí. Khi cần, đồng chí cứ nhắn cho tôi.",
    "later": "Dạ vâng. Khi có thông tin, đồng chí nhắn lại cho tôi là được ạ.",
}
DEFAULT = "Dạ, cảm ơn đồng chí ạ."
