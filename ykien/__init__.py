"""Ý Kiến — nền tảng giám sát, phản biện xã hội và tiếp nhận ý kiến Nhân dân."""
