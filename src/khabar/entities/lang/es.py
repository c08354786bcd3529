"""Spanish (titles and stop words for names the knowledge base lacks)."""

SCRIPT = "latin"

STOP = """
el la los las un una unos unas de del al y o pero en con sin por para según tras ante contra
entre que quien cuyo donde este esta estos estas ese esa su sus dijo afirmó declaró añadió
lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio
agosto septiembre octubre noviembre diciembre ayer hoy
"""

TITLES = """
presidente presidenta ministro ministra portavoz embajador general secretario canciller rey
reina príncipe diputado senador alcalde gobernador director analista experto
""".split()

OFFICES = {
    "head_of_state": ["presidente", "presidenta", "jefe de estado"],
    "head_of_government": ["primer ministro", "primera ministra", "jefe de gobierno"],
    "foreign_minister": ["ministro de asuntos exteriores", "ministro de relaciones exteriores", "canciller"],
    "defence_minister": ["ministro de defensa"],
    "spokesperson": ["portavoz"],
    "secretary_general": ["secretario general"],
}

BODIES = {
    "foreign_ministry": ["ministerio de asuntos exteriores", "cancillería"],
    "government": ["gobierno", "autoridades"],
}

CONNECTORS = "de del la"

JOINERS = "de del la y al el ben bin"
