"""French (titles and stop words for names the knowledge base lacks)."""

SCRIPT = "latin"

STOP = """
le la les un une des du de d l au aux et ou mais a été est sont était ont avait dans sur par
pour avec sans selon après avant pendant contre entre qui que quoi dont où ce cette ces il elle
ils elles nous vous on son sa ses leur leurs a dit déclaré affirmé ajouté lundi mardi mercredi
jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre
octobre novembre décembre hier aujourd
"""

TITLES = """
président présidente ministre porte-parole ambassadeur général secrétaire chancelier roi reine
prince émir sultan député sénateur maire gouverneur directeur analyste expert
""".split()

OFFICES = {
    "head_of_state": ["président", "présidente", "chef de l'état"],
    "head_of_government": ["premier ministre", "première ministre", "chancelier"],
    "foreign_minister": ["ministre des affaires étrangères", "chef de la diplomatie"],
    "defence_minister": ["ministre de la défense", "ministre des armées"],
    "spokesperson": ["porte-parole"],
    "secretary_general": ["secrétaire général"],
}

BODIES = {
    "foreign_ministry": ["ministère des affaires étrangères", "quai d'orsay"],
    "government": ["gouvernement", "autorités"],
}

CONNECTORS = "de du des la l"

JOINERS = "de du le la al el ben bin"
