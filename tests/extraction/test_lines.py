"""Line labelling on small hand-written pages in five languages."""

from __future__ import annotations

from storyline.extraction.lines import label_lines, line_features, line_key
from storyline.types import KEPT_KINDS


def kinds(text: str, **kw: object) -> dict[str, str]:
    """text of each non-blank line -> its kind."""
    return {ln.text.strip(): ln.kind for ln in label_lines(text, **kw) if ln.kind != "blank"}  # type: ignore[arg-type]


FR_PAGE = """Le Petit Observateur
Accueil Monde Politique Économie Sport Culture
Publicité

Inondations : la Loire déborde, trois communes évacuées

Les pompiers ont évacué dans la nuit plus de deux cents habitants menacés par la crue du fleuve.

Par Marie Lambert avec AFP
Publié le 14/02/2025 à 08h30
Une rue inondée de Saumur, vendredi matin.
Une rue inondée de Saumur, vendredi matin. (Jean Martin / AFP)
Partager sur Facebook

La Loire est sortie de son lit dans la nuit de jeudi à vendredi, obligeant les autorités à évacuer trois communes du Maine-et-Loire.

Selon la préfecture, le niveau du fleuve a atteint 6,20 mètres à Saumur, un record depuis 1982.

Une décrue lente attendue

Les services météorologiques prévoient une baisse progressive des eaux à partir de dimanche, si la pluie cesse comme annoncé.

Les habitants évacués ont été hébergés dans des gymnases, où la Croix-Rouge leur a distribué des repas chauds.

À lire aussi
Tempête : des milliers de foyers privés d'électricité en Bretagne
Sécheresse : le préfet restreint l'usage de l'eau
Commentaires (4)
Connectez-vous pour commenter
© Le Petit Observateur 2025"""


def test_french_page_furniture_and_article() -> None:
    k = kinds(FR_PAGE)
    assert k["Inondations : la Loire déborde, trois communes évacuées"] == "title"
    assert k[
        "Les pompiers ont évacué dans la nuit plus de deux cents habitants menacés par la crue du fleuve."
    ] == ("standfirst")
    assert k["Par Marie Lambert avec AFP"] == "credit"
    assert k["Publié le 14/02/2025 à 08h30"] == "dateline"
    assert k["Une rue inondée de Saumur, vendredi matin."] == "caption"
    assert k["Une rue inondée de Saumur, vendredi matin. (Jean Martin / AFP)"] == "caption"
    assert k["Une décrue lente attendue"] == "subheading"
    for furniture in (
        "Accueil Monde Politique Économie Sport Culture",
        "Publicité",
        "Partager sur Facebook",
        "À lire aussi",
        "Tempête : des milliers de foyers privés d'électricité en Bretagne",
        "Commentaires (4)",
        "Connectez-vous pour commenter",
    ):
        assert k[furniture] == "boilerplate", furniture
    assert k["© Le Petit Observateur 2025"] == "credit"
    body = [t for t, kind in k.items() if kind == "body"]
    assert len(body) == 4


EN_PAGE = """THE MORNING COURIER
News  World  Business  Sport  Opinion
Advertisement
Factory fire forces evacuation of 3,000 residents near Leeds
Published 2 May 2025 • Updated 14:10 BST
By Reuters
LEEDS, England, May 2 (Reuters) - A fire at a chemical plant near Leeds forced the evacuation of about 3,000 residents on Friday, police said.
Firefighters brought the blaze under control by mid-morning, but a plume of black smoke could be seen for miles.
"We are asking people to keep their windows closed until further notice," West Yorkshire Police said in a statement.
Reporting by Tom Ellis; Editing by Anna White
Support independent journalism. Your donation keeps our reporting free for everyone who needs it.
We rely on readers like you to fund the work of our newsroom, every single day of the year.
Share this article
Related: Warehouse blaze closes motorway for six hours"""


def test_english_wire_story_with_donation_appeal_after_signoff() -> None:
    k = kinds(EN_PAGE)
    assert k["Factory fire forces evacuation of 3,000 residents near Leeds"] == "title"
    assert k["By Reuters"] == "credit"
    assert k["Reporting by Tom Ellis; Editing by Anna White"] == "credit"
    # The appeal after the sign-off reads like prose but is not the article.
    assert k[
        "We rely on readers like you to fund the work of our newsroom, every single day of the year."
    ] == ("boilerplate")
    assert k[
        "Support independent journalism. Your donation keeps our reporting free for everyone who needs it."
    ] != ("body")
    assert k["Related: Warehouse blaze closes motorway for six hours"] == "boilerplate"
    assert sum(1 for v in k.values() if v == "body") == 3


DE_PAGE = """Nordsee-Bote
Startseite Politik Wirtschaft Region Sport
Anzeige
Sturmflut: Hamburger Fischmarkt unter Wasser
Stand: 03.01.2025, 07:15 Uhr
Von Jonas Petersen
HAMBURG (dpa) - Eine Sturmflut hat in der Nacht zum Freitag den Hamburger Fischmarkt überschwemmt, die Feuerwehr sperrte mehrere Straßen.
Der Pegel stieg nach Angaben des Bundesamts für Seeschifffahrt auf 3,10 Meter über dem mittleren Hochwasser.
Verletzt wurde nach ersten Erkenntnissen niemand, die Aufräumarbeiten sollen am Vormittag beginnen.
Artikel teilen
Kommentare
Mehr zum Thema
Orkanböen an der Küste: Fähren fallen aus
© Nordsee-Bote 2025"""


def test_german_page() -> None:
    k = kinds(DE_PAGE)
    assert k["Sturmflut: Hamburger Fischmarkt unter Wasser"] == "title"
    assert k["Stand: 03.01.2025, 07:15 Uhr"] == "dateline"
    assert k["Von Jonas Petersen"] == "credit"
    assert k["Orkanböen an der Küste: Fähren fallen aus"] == "boilerplate"
    assert k["Artikel teilen"] == "boilerplate"
    assert sum(1 for v in k.values() if v == "body") == 3


ES_IT_PAGES = {
    "es": """Diario del Norte
Portada Nacional Internacional Deportes
Publicidad
Un terremoto de magnitud 5,1 sacude la costa de Almería
Por Carmen Ruiz
El temblor se sintió a las 3:20 de la madrugada en varios municipios de la provincia, sin causar daños personales.
Los servicios de emergencia recibieron más de cien llamadas de vecinos alarmados durante la primera hora.
Comparte esta noticia
Te puede interesar
Alerta amarilla por lluvias en toda la comunidad""",
    "it": """Il Corriere del Lago
Home Cronaca Politica Sport
Pubblicità
Frana sulla statale, isolati due paesi in Valtellina
di Luca Bianchi
La frana si è staccata nella notte dopo due giorni di pioggia intensa e ha bloccato la strada statale per trecento metri.
I vigili del fuoco hanno evacuato dodici famiglie, mentre i tecnici valutano la stabilità del versante.
Condividi
Leggi anche
Maltempo, allerta rossa in tre regioni del Nord""",
}


def test_spanish_and_italian_pages() -> None:
    for lang, page in ES_IT_PAGES.items():
        k = kinds(page)
        titles = [t for t, v in k.items() if v == "title"]
        assert len(titles) == 1, lang
        assert sum(1 for v in k.values() if v == "body") == 2, lang
        assert k["Por Carmen Ruiz" if lang == "es" else "di Luca Bianchi"] == "credit"
        last = page.strip().split("\n")[-1]
        assert k[last] == "boilerplate", lang  # related headline at the end


def test_text_without_furniture_is_all_kept() -> None:
    page = (
        "Les négociations ont repris lundi à Genève entre les deux délégations, après trois semaines d'interruption.\n\n"
        "Un nouveau cycle de discussions\n\n"
        "Les médiateurs espèrent un accord avant la fin du mois, selon une source diplomatique citée par la presse."
    )
    lines = [ln for ln in label_lines(page) if ln.kind != "blank"]
    assert [ln.kind for ln in lines] == ["body", "subheading", "body"]
    assert [ln.n for ln in lines] == [1, 3, 5]


def test_a_caption_printed_twice_is_never_body() -> None:
    page = (
        "Le ministre lors de sa visite à Brest, le 3 mars 2025.\n"
        "Le ministre lors de sa visite à Brest, le 3 mars 2025. Photo Jean Dupont\n"
        "Le ministre de la Défense a annoncé mardi la commande de deux nouvelles frégates pour la Marine nationale.\n"
        "La livraison est prévue en 2029, a-t-il précisé devant les ouvriers du chantier naval."
    )
    k = kinds(page)
    assert k["Le ministre lors de sa visite à Brest, le 3 mars 2025."] == "caption"
    assert k["Le ministre lors de sa visite à Brest, le 3 mars 2025. Photo Jean Dupont"] == "caption"


def test_furniture_checker_is_consulted() -> None:
    page = (
        "Notre lettre du soir : l'essentiel de l'actualité chaque jour à 18 heures dans votre messagerie\n"
        "Le conseil municipal a voté jeudi soir le budget de l'année, après quatre heures de débats animés.\n"
        "L'opposition a dénoncé une hausse des impôts locaux de trois pour cent, jugée injustifiée."
    )
    furniture = {line_key(page.split("\n")[0])}
    k = kinds(page, is_furniture=lambda key: key in furniture)
    assert k[page.split("\n")[0]] == "boilerplate"


def test_html_mode_keeps_lists_and_tables() -> None:
    text = (
        "The festival announced its summer tour on Monday, with dates across the country.\n"
        "June 9 -- Riverside Arena, Springfield\n"
        "June 12 -- Lakeside Pavilion, Shelbyville\n"
        "| 1 | Team A | 42 |\n"
        "Tickets go on sale Friday at 10 a.m. local time."
    )
    assert all(ln.kind in KEPT_KINDS for ln in label_lines(text, html_mode=True))


def test_html_mode_drops_promo_and_related_lists() -> None:
    text = (
        "The council approved the new bus lanes on Tuesday after a long debate about parking.\n"
        "Related stories\n"
        "- City to review parking fees\n"
        "- Cyclists welcome new lanes\n"
        "Work on the first lane will start in March, the transport department said.\n"
        "Follow us on Twitter and Facebook for the latest local news.\n"
        "CLICK HERE TO GET THE CITY NEWS APP ON YOUR PHONE"
    )
    k = kinds(text, html_mode=True)
    assert k["- City to review parking fees"] == "boilerplate"
    assert k["Follow us on Twitter and Facebook for the latest local news."] == "boilerplate"
    assert k["CLICK HERE TO GET THE CITY NEWS APP ON YOUR PHONE"] == "boilerplate"
    assert k["Work on the first lane will start in March, the transport department said."] == "body"


def test_line_features_and_key() -> None:
    f = line_features("Le gouvernement a annoncé une réforme des retraites.")
    assert f.terminal and f.stop_ratio > 0.2 and f.n_words == 8
    menu = line_features("News World Business Sport Opinion")
    assert menu.stop_ratio == 0.0 and not menu.terminal
    assert line_key("Publié le 12/03/2025") == line_key("Publié le 14/03/2025")
    assert line_key("") == ""


def test_headline_repeated_as_lead_is_not_a_caption() -> None:
    page = (
        "Incendie dans un entrepôt de Rungis\n"
        "Incendie dans un entrepôt de Rungis : les pompiers ont maîtrisé le feu dans la nuit, sans faire de blessé.\n"
        "L'activité du marché n'a pas été perturbée, a indiqué la direction lundi matin."
    )
    k = kinds(page)
    assert k["Incendie dans un entrepôt de Rungis"] == "title"
    assert k[page.split("\n")[1]] == "body"


def test_russian_prose_with_few_function_words_is_kept() -> None:
    page = (
        "Главная Политика Экономика Спорт\n"
        "Пожар на складе в Подмосковье\n"
        "Пожар на складе потушили утром в понедельник, сообщили в МЧС. Пострадавших нет.\n"
        "По словам спасателей, площадь возгорания составила около двух тысяч квадратных метров.\n"
        "Поделиться"
    )
    k = kinds(page)
    assert k["Пожар на складе в Подмосковье"] == "title"
    assert sum(1 for v in k.values() if v == "body") == 2
    assert k["Главная Политика Экономика Спорт"] == "boilerplate"
