"""German. Every noun is capitalised, so a capitalised run is trusted only after a title."""

SCRIPT = "latin"

STOP = """
der die das den dem des ein eine einen einem einer und oder aber in im an am auf aus bei mit
nach von vom zu zum zur für über unter gegen zwischen sagte erklärte teilte mit hat haben ist
sind war wurde werden sich nicht auch am montag dienstag mittwoch donnerstag freitag samstag
sonntag januar februar märz april juni juli august september oktober november dezember
gestern heute
"""

TITLES = """
präsident präsidentin minister ministerin außenminister außenministerin sprecher sprecherin
botschafter general kanzler kanzlerin könig königin prinz abgeordnete bürgermeister analyst
experte
""".split()

OFFICES = {
    "head_of_state": ["präsident", "präsidentin", "staatschef", "staatsoberhaupt"],
    "head_of_government": ["regierungschef", "kanzler", "kanzlerin", "ministerpräsident"],
    "foreign_minister": ["außenminister", "außenministerin"],
    "defence_minister": ["verteidigungsminister", "verteidigungsministerin"],
    "spokesperson": ["sprecher", "sprecherin"],
    "secretary_general": ["generalsekretär"],
}

BODIES = {
    "foreign_ministry": ["außenministerium", "auswärtiges amt"],
    "government": ["regierung", "behörden"],
}

JOINERS = "von van der de zu"

CAPITALISED_NOUNS = True
