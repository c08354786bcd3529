"""Turkish (titles and stop words for names the knowledge base lacks)."""

SCRIPT = "latin"

STOP = """
ve ile bir bu şu o da de ki için gibi kadar sonra önce göre karşı arasında dedi söyledi açıkladı
belirtti ifade etti ise olan olarak pazartesi salı çarşamba perşembe cuma cumartesi pazar ocak
şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık dün bugün
"""

TITLES = """
cumhurbaşkanı başbakan bakan bakanı sözcü sözcüsü büyükelçi general sayın kral prens vali
milletvekili analist uzman
""".split()

OFFICES = {
    "head_of_state": ["cumhurbaşkanı", "devlet başkanı"],
    "head_of_government": ["başbakan"],
    "foreign_minister": ["dışişleri bakanı"],
    "defence_minister": ["savunma bakanı", "milli savunma bakanı"],
    "spokesperson": ["sözcüsü", "sözcü"],
    "foreign_ministry_spokesperson": ["dışişleri bakanlığı sözcüsü"],
    "secretary_general": ["genel sekreteri", "genel sekreter"],
}

BODIES = {
    "foreign_ministry": ["dışişleri bakanlığı"],
    "government": ["hükümet", "hükümeti", "yetkililer", "yetkilileri"],
}

QUALIFIER_BEFORE = True

JOINERS = "bin el"
