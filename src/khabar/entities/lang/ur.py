"""Urdu. Arabic script with its own letters (ٹ ڈ ڑ ں ے ہ ھ), folded by ``normalise``."""

SCRIPT = "arabic"

STOP = """
کا کی کے نے کو میں سے پر اور ہے ہیں تھا تھی تھے ہو گا گی گے کہ یہ وہ ان اس جو بھی نہیں کیا
کہا کہتے کہنا بتایا کرتے کر رہا رہی رہے لیے لئے ساتھ بعد پہلے دوران بارے مطابق تک ایک دو
پیر منگل بدھ جمعرات جمعہ ہفتہ اتوار آج کل گزشتہ روز سال ماہ
جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر
"""

TITLES = """
صدر وزیر وزیراعظم ترجمان سفیر جنرل جناب محترمہ ڈاکٹر سیکرٹری سربراہ رہنما گورنر میئر چیئرمین
تجزیہ کار صحافی کمانڈر مشیر
""".split()

ORG_TITLES = """
ایجنسی اخبار چینل جماعت تنظیم پارٹی
""".split()

OFFICES = {
    "head_of_state": ["صدر", "صدر مملکت"],
    "head_of_government": ["وزیر اعظم", "وزیراعظم"],
    "foreign_minister": ["وزیر خارجہ", "وزیرخارجہ", "وزیر برائے امور خارجہ"],
    "defence_minister": ["وزیر دفاع"],
    "interior_minister": ["وزیر داخلہ"],
    "foreign_ministry_spokesperson": ["دفتر خارجہ کے ترجمان", "وزارت خارجہ کے ترجمان",
                                      "دفتر خارجہ کی ترجمان", "وزارت خارجہ کی ترجمان"],
    "spokesperson": ["ترجمان"],
    "secretary_general": ["سیکرٹری جنرل"],
}

BODIES = {
    "foreign_ministry": ["دفتر خارجہ", "وزارت خارجہ"],
    "defence_ministry": ["وزارت دفاع"],
    "interior_ministry": ["وزارت داخلہ"],
    "government": ["حکومت", "حکام"],
    "military": ["فوج"],
}

IMPLIED_BODIES = {
    "کریملن": ("government", "RU"),
    "وائٹ ہاؤس": ("government", "US"),
    "پینٹاگون": ("defence_ministry", "US"),
}

CONNECTORS = "کے کی کا"

QUALIFIER_BEFORE = True

JOINERS = "عبد ابو بن"
