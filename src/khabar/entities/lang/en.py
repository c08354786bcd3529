"""English. Names are capitalised; every phrase here is matched without regard to case."""

SCRIPT = "latin"

STOP = """
the a an of in on at to for from by with and or but said says say told tells stated added adds
has have had is was were be been being will would could should may might must can that this
these those who whom which what when where while as after before during about against over under
into onto than then there here it its he she they we you i his her their our your him them us
not no also only just very more most some any all each both such said on monday tuesday wednesday
thursday friday saturday sunday today yesterday tomorrow january february march april june july
august september october november december week month year statement news reuters afp ap
according however meanwhile
"""

TITLES = """
mr mrs ms dr president minister secretary spokesman spokeswoman spokesperson ambassador envoy
general gen colonel col chancellor king queen prince princess sheikh senator sen rep governor
mayor premier director chairman chairwoman chair leader commissioner deputy adviser advisor
lieutenant captain admiral pope emir sultan analyst expert professor prof journalist reporter
activist lawyer economist researcher scholar official diplomat envoy commander lawmaker mp
candidate opposition
""".split()

ORG_TITLES: list[str] = []

OFFICES = {
    "head_of_state": ["president", "head of state", "king", "queen", "emir"],
    "head_of_government": ["prime minister", "premier", "chancellor"],
    "foreign_minister": ["foreign minister", "minister of foreign affairs", "foreign affairs minister",
                         "secretary of state", "foreign secretary", "top diplomat"],
    "defence_minister": ["defence minister", "defense minister", "minister of defence",
                         "minister of defense", "defense secretary", "defence secretary"],
    "interior_minister": ["interior minister", "minister of interior", "minister of the interior",
                          "home secretary"],
    "foreign_ministry_spokesperson": ["foreign ministry spokesperson", "foreign ministry spokesman",
                                      "foreign ministry spokeswoman", "state department spokesperson",
                                      "state department spokesman", "state department spokeswoman"],
    "government_spokesperson": ["government spokesperson", "government spokesman",
                                "government spokeswoman"],
    "presidential_spokesperson": ["kremlin spokesman", "kremlin spokesperson",
                                  "presidential spokesman", "presidential spokesperson"],
    "press_secretary": ["press secretary", "white house press secretary"],
    "spokesperson": ["spokesperson", "spokesman", "spokeswoman"],
    "secretary_general": ["secretary general", "secretary-general"],
    "high_commissioner_human_rights": ["high commissioner for human rights",
                                       "human rights chief", "rights chief"],
    "high_representative": ["high representative", "foreign policy chief"],
    "commission_president": ["commission president"],
    "vice_president": ["vice president", "vice-president"],
    "deputy_prime_minister": ["deputy prime minister"],
    "security_council_secretary": ["security council secretary"],
}

IMPLIED_OFFICES = {
    "secretary of state": ("foreign_minister", "US"),
    "foreign secretary": ("foreign_minister", "GB"),
    "home secretary": ("interior_minister", "GB"),
    "defense secretary": ("defence_minister", "US"),
    "state department spokesperson": ("foreign_ministry_spokesperson", "US"),
    "state department spokesman": ("foreign_ministry_spokesperson", "US"),
    "state department spokeswoman": ("foreign_ministry_spokesperson", "US"),
    "kremlin spokesman": ("presidential_spokesperson", "RU"),
    "kremlin spokesperson": ("presidential_spokesperson", "RU"),
    "white house press secretary": ("press_secretary", "US"),
    "high commissioner for human rights": ("high_commissioner_human_rights", "UN"),
    "human rights chief": ("high_commissioner_human_rights", "UN"),
}

BODIES = {
    "foreign_ministry": ["foreign ministry", "ministry of foreign affairs", "foreign affairs ministry",
                         "foreign office"],
    "defence_ministry": ["defence ministry", "defense ministry", "ministry of defence",
                         "ministry of defense"],
    "interior_ministry": ["interior ministry", "ministry of interior", "ministry of the interior"],
    "government": ["government", "authorities", "officials", "administration", "presidency"],
    "state_media": ["state television", "state tv", "state media", "state news agency"],
    "military": ["army", "military", "armed forces"],
    "parliament": ["parliament"],
}

IMPLIED_BODIES = {
    "kremlin": ("government", "RU"),
    "white house": ("government", "US"),
    "state department": ("foreign_ministry", "US"),
    "pentagon": ("defence_ministry", "US"),
    "downing street": ("government", "GB"),
    "elysee": ("government", "FR"),
    "elysee palace": ("government", "FR"),
    "quai d'orsay": ("foreign_ministry", "FR"),
    "akorda": ("government", "KZ"),
    "foreign office": ("foreign_ministry", "GB"),
}

CONNECTORS = "of the s for"

QUALIFIER_BEFORE = True

JOINERS = "al el bin ben ibn abu abd de da di del della van von der le la du dos das"
