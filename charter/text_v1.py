# ruff: noqa: E501  (prose paragraphs are data; one line each keeps them easy to compare)
"""The first version of the charter, as adopted in 2020: Dutch original (from the seed text, with the
line breaks of the PDF extraction repaired) and the portal's English translation.

Read by the data migration ``0002_first_version``; never edit it after that migration ran anywhere,
because the published version's hash is computed from exactly this text.
"""

LABEL = "2020"
PUBLISHED_ON = "2020-03-01"

INTRODUCTION_NL = """\
Van juni 2019 tot en met januari 2020 liep het traject ‘Jeugdwerk voor kinderen en jongeren in kwetsbare situaties’. Een stadsbreed participatief traject met middenveldactoren, stadsdiensten en beleidsmakers met als initiële doelvraag: hoe kunnen we anders/beter (samen)werken om meer impact te hebben op de noden van kwetsbare kinderen en jongeren?

Dit charter bevat 10 visiepunten en 10 werkprincipes waarin het traject resulteerde.

Dit charter geeft aan welke richting we met de Groep Gent én alle betrokken middenveldactoren uit willen. Het zal gebruikt worden als kompas om te garanderen dat in de toekomst deze weg verder bewandeld wordt. Het creëert een gemeenschappelijke taal en dus de mogelijkheid om hierover constructief verder in overleg te gaan om zodoende visie en werkprincipes verder te vertalen in concrete acties en keuzes gedurende de komende beleidsperioden.

Centraal in dit charter staat het verbindende aspect. Het betreft een gemeenschappelijk engagement, een gedeelde verantwoordelijkheid, een gedragen wens om een grotere impact te realiseren op de noden van de meest kwetsbare kinderen en jongeren. Dat kunnen we enkel samen.

Dit charter werd ook uitgeschreven in een nota met alle bijhorende gedetailleerde informatie en de vereiste aandacht voor de verschillende nuances.

Deze nota is het einde van een traject, maar slechts het begin van een nieuw verhaal dat verder geschreven zal worden door alle ondertekenaars van dit charter."""

INTRODUCTION_EN = """\
From June 2019 to January 2020 the process ‘Youth work for children and young people in vulnerable situations’ took place. A city-wide participatory process with civil-society actors, city services and policy makers, with as its initial question: how can we work (together) differently and better, so as to have more impact on the needs of vulnerable children and young people?

This charter contains the 10 vision points and 10 working principles that the process resulted in.

This charter sets out the direction in which we want to go with the Ghent city group and all the civil-society actors involved. It will be used as a compass to make sure that this road is followed in the future. It creates a common language, and so the opportunity to keep talking constructively about it, in order to translate the vision and working principles further into concrete actions and choices during the coming policy periods.

At the heart of this charter lies what connects us. It is a shared commitment, a shared responsibility, a common wish to achieve a greater impact on the needs of the most vulnerable children and young people. We can only do that together.

This charter was also written out in a memorandum with all the detailed information that goes with it and the necessary attention to the various nuances.

This memorandum is the end of a process, but only the beginning of a new story that will be written further by all the signatories of this charter."""

# (section, number, body_nl, bullets_nl, body_en, bullets_en)
ARTICLES = [
    (
        "vision",
        1,
        "Gent is een kind- en jeugdvriendelijke stad. Kinderen en jongeren staan centraal bij alles wat we "
        "ondernemen. Kind- en jeugdvriendelijkheid is daarom niet alleen een doel op zich, maar ook een toetssteen "
        "voor een verantwoord maatschappelijk beleid. We gaan uit van een offensieve, positieve kijk op jeugd met "
        "een sterk geloof in de kracht en de potenties van jonge mensen. Op een participatieve wijze bepalen "
        "kinderen en jongeren mee (samen met hun organisaties) de toekomstige richting van het jeugdwelzijnswerk.",
        [],
        "Ghent is a child- and youth-friendly city. Children and young people are at the centre of everything we "
        "undertake. Child and youth friendliness is therefore not only a goal in itself, but also a touchstone for "
        "responsible social policy. We start from an offensive, positive view of youth, with a strong belief in "
        "the strength and potential of young people. In a participatory way, children and young people (together "
        "with their organisations) help decide the future direction of youth welfare work.",
        [],
    ),
    (
        "vision",
        2,
        "Wij dragen in het bijzonder zorg voor kinderen en jongeren in kwetsbare situaties aangezien dit een "
        "specifieke aanpak vereist. We dragen bij aan het verhogen van hun levenskwaliteit en verbinden hiertoe "
        "mensen, diensten en organisaties (sociale synergie).",
        [],
        "We take particular care of children and young people in vulnerable situations, since this requires a "
        "specific approach. We contribute to improving their quality of life and, to that end, connect people, "
        "services and organisations (social synergy).",
        [],
    ),
    (
        "vision",
        3,
        "Alle kinderen en jongeren hebben recht op invulling van de vier functies van het jeugdwelzijnswerk. Zowel "
        "de vrijetijdsfunctie, de welzijnsfunctie, de brugfunctie, als de signaalfunctie moeten worden "
        "gegarandeerd voor alle kinderen en jongeren in kwetsbare situaties",
        [],
        "All children and young people are entitled to the four functions of youth welfare work. The leisure "
        "function, the welfare function, the bridge function and the signal function must all be guaranteed for "
        "all children and young people in vulnerable situations.",
        [],
    ),
    (
        "vision",
        4,
        "De vier functies van het jeugdwelzijnswerk vormen een integraal verhaal. De 4 functies dienen telkens in "
        "een integraal verhaal samen aanwezig te zijn:",
        [
            "Ofwel binnen één organisatie (= jeugdwelzijnswerking)",
            "Ofwel binnen een samenwerkingsverband van meerdere organisaties",
        ],
        "The four functions of youth welfare work form one integral whole. The 4 functions must always be present "
        "together, as one integral whole:",
        [
            "Either within one organisation (= a youth welfare work organisation)",
            "Or within a collaboration of several organisations",
        ],
    ),
    (
        "vision",
        5,
        "De vier functies samen vormen een unieke werkwijze. Ze zijn evenwaardig en vormen als samenhangend geheel "
        "een specifieke aanpak. De ingangspoort is hierbij steeds vrijetijd.",
        [],
        "Together, the four functions form a unique way of working. They are of equal value and, as a coherent "
        "whole, form a specific approach. The entry gate is always leisure.",
        [],
    ),
    (
        "vision",
        6,
        "We geloven in de kruisbestuiving tussen jeugdwerk en welzijnswerk. De welzijnsfunctie is moeilijk af te "
        "bakenen (waar eindigt de opdracht van het jeugdwerk en waar begint de opdracht van de hulpverlening?), "
        "maar de kernrollen dienen wel uitgeklaard te worden. Zo kunnen we het spanningsveld tussen jeugdwerk en "
        "welzijnswerk ombuigen tot een opportuniteitenveld ten voordele van de doelgroep.",
        [],
        "We believe in cross-fertilisation between youth work and welfare work. The welfare function is hard to "
        "delimit (where does the task of youth work end and where does the task of professional care begin?), but "
        "the core roles do need to be clarified. That way we can turn the tension between youth work and welfare "
        "work into a field of opportunities for the benefit of the target group.",
        [],
    ),
    (
        "vision",
        7,
        "Middenveldactoren werken vanuit een vertrouwensband met kinderen en jongeren en krijgen het mandaat om "
        "deze band te vrijwaren.",
        [],
        "Civil-society actors work from a bond of trust with children and young people, and are given the mandate "
        "to safeguard that bond.",
        [],
    ),
    (
        "vision",
        8,
        "We werken aan maatschappelijke structuren en systemen achter sociale uitsluiting.",
        [],
        "We work on the social structures and systems behind social exclusion.",
        [],
    ),
    (
        "vision",
        9,
        "We geloven in een sterk, kritisch en politiserend middenveld als motor, waarbij de Stad Gent als geheel "
        "de rol van facilitator opneemt.",
        [],
        "We believe in a strong, critical and politicising civil society as the driving force, with the City of "
        "Ghent as a whole taking on the role of facilitator.",
        [],
    ),
    (
        "vision",
        10,
        "We hechten belang aan een divers personeelsbestand. De samenleving is ons werkveld en superdiversiteit is "
        "een kenmerk van die samenleving. Een evenredige vertegenwoordiging van de kansengroepen, zowel bij "
        "stadsdiensten als middenveldorganisaties, vinden wij daarom een meerwaarde.",
        [],
        "We value a diverse workforce. Society is our field of work, and superdiversity is a feature of that "
        "society. We therefore consider a proportional representation of disadvantaged groups, in city services "
        "and civil-society organisations alike, an added value.",
        [],
    ),
    (
        "principle",
        1,
        "Objectieve data, indicaties en signalen bepalen op welke wijken/beweegcirkels prioritair dient ingezet te "
        "worden.",
        [
            "In prioritaire wijken dient te worden ingezet op alle 4 de facetten van het jeugdwelzijnswerk zodat er "
            "een integraal aanbod aanwezig is.",
            "In niet-prioritaire wijken is er minimaal een basisaanbod aanwezig, hieronder verstaan we enkel de "
            "eerste functie, zijnde het vrijetijdsaanbod.",
            "Aanvullend op dit basisaanbod wordt de mogelijkheid gecreëerd om flexibel in te spelen op specifieke "
            "noden, uitdagingen en signalen.",
        ],
        "Objective data, indications and signals determine which neighbourhoods and movement circles get priority.",
        [
            "In priority neighbourhoods, effort goes into all 4 facets of youth welfare work, so that an integral "
            "offer is present.",
            "In non-priority neighbourhoods there is at least a base offer; by this we mean only the first "
            "function, the leisure offer.",
            "On top of this base offer, room is made to respond flexibly to specific needs, challenges and signals.",
        ],
    ),
    (
        "principle",
        2,
        "We voorzien ondersteuning voor de kleinere (zelf)organisaties en zien hen als volwaardige partners. Alle "
        "kleinere (zelf)organisaties die op zichzelf of in een samenwerkingsverband werk maken van de 4 functies "
        "van het jeugdwelzijnswerk verdienen erkenning, waardering en ondersteuning.",
        [],
        "We provide support for the smaller (self-)organisations and see them as full partners. All smaller "
        "(self-)organisations that, on their own or in a collaboration, work on the 4 functions of youth welfare "
        "work deserve recognition, appreciation and support.",
        [],
    ),
    (
        "principle",
        3,
        "We werken dienst- en organisatie overschrijdend. We doen dit via open en constructieve dialoog, via het "
        "delen van expertise en kennis, door het stimuleren en/of verplichten van structurele samenwerkingen en "
        "door het delen van infrastructuur.",
        [],
        "We work across services and organisations. We do this through open and constructive dialogue, by sharing "
        "expertise and knowledge, by encouraging and/or requiring structural collaborations, and by sharing "
        "infrastructure.",
        [],
    ),
    (
        "principle",
        4,
        "We werken sector overschrijdend. Het is onze taak om bruggen te slaan naar welzijn, onderwijs, werk, "
        "politie, justitie, sport, cultuur, brede school, etc.",
        [],
        "We work across sectors. It is our task to build bridges to welfare, education, work, police, justice, "
        "sport, culture, brede school (community schools), etc.",
        [],
    ),
    (
        "principle",
        5,
        "Hoe we ons organiseren t.a.v. kinderen en jongeren in kwetsbare situaties:",
        [
            "In iedere prioritaire wijk / beweegcirkel is er een warme plek voor kinderen en jongeren, waar ze zich "
            "thuis voelen en zich verder kunnen ontplooien.",
            "Aanvullend hanteren we mobiele en outreachende werkvormen.",
            "We werken emancipatorisch en verbindend.",
        ],
        "How we organise ourselves towards children and young people in vulnerable situations:",
        [
            "In every priority neighbourhood / movement circle there is a warm place for children and young people, "
            "where they feel at home and can develop further.",
            "In addition, we use mobile and outreach ways of working.",
            "We work in an emancipatory and connecting way.",
        ],
    ),
    (
        "principle",
        6,
        "Jeugd(welzijns)werkers zijn geen hulpverleners, maar kunnen goed hulp verlenen als het noodzakelijk is. We "
        "moeten daarom de kernrollen van jeugd- en welzijnswerk helder krijgen. Hiertoe willen we eerst met de "
        "welzijnsactoren in overleg om aanbod en werkwijze op elkaar af te stemmen zodat deze denkoefening kan "
        "resulteren in het coherent op elkaar afstemmen van jeugd- en welzijnsbeleid.",
        [],
        "Youth (welfare) workers are not care professionals, but they can give help well when it is needed. We "
        "therefore need to get the core roles of youth work and welfare work clear. To that end, we first want to "
        "consult the welfare actors to align offer and way of working, so that this exercise can result in youth "
        "policy and welfare policy being coherently aligned.",
        [],
    ),
    (
        "principle",
        7,
        "De signaalfunctie van de middenveldactoren dient gehanteerd te worden als een effectief instrument. "
        "Politiserend werken moet resulteren in het snel en concreet ageren van stadsdiensten en beleid. De "
        "middenveldactoren zijn bereid om als partners mee te bepalen welke signalen prioritair zijn zonder daarbij "
        "perse aan ambitie in te boeten.",
        [],
        "The signal function of the civil-society actors must be used as an effective instrument. Politicising work "
        "must result in quick and concrete action by city services and policy. The civil-society actors are willing "
        "to decide, as partners, which signals have priority, without necessarily lowering their ambition.",
        [],
    ),
    (
        "principle",
        8,
        "We willen op een andere manier omgaan met convenanten:",
        [
            "Flexibelere convenanten als gedeelde verantwoordelijkheid",
            "Naast kwantitatieve indicatoren voldoende aandacht voor kwalitatieve indicatoren",
            "Opmaak en opvolging van de convenanten gebeurt als volwaardige partners met een gedeelde "
            "verantwoordelijkheid",
        ],
        "We want to handle covenants differently:",
        [
            "More flexible covenants as a shared responsibility",
            "Besides quantitative indicators, enough attention for qualitative indicators",
            "Covenants are drafted and followed up by full partners with a shared responsibility",
        ],
    ),
    (
        "principle",
        9,
        "We willen meer uren aanbod binnen de vrijetijdsfunctie in het jeugdwelzijnswerk. Hierdoor wordt de "
        "‘ingangspoort’ breder en kunnen we voor meer kinderen en jongeren ook de invulling garanderen van de 4 "
        "functies van het jeugdwelzijnswerk. Dit mag dus niet ten koste gaat van de andere 3 functies want samen "
        "vormen zij een unieke werkwijze.",
        [],
        "We want more hours of offer within the leisure function of youth welfare work. This widens the ‘entry "
        "gate’, so that we can also guarantee the 4 functions of youth welfare work for more children and young "
        "people. This must therefore not come at the expense of the other 3 functions, because together they form "
        "a unique way of working.",
        [],
    ),
    (
        "principle",
        10,
        "We maken werk van een divers personeelsbestand bij stad en middenveldorganisaties. Diversiteit in het "
        "personeelsbestand vinden wij een vanzelfsprekend streven. We willen een weerspiegeling zijn van de "
        "samenleving en een integer voorbeeld op het gebied van gelijke kansen en diversiteit.",
        [],
        "We work towards a diverse workforce in the city and in civil-society organisations. We consider diversity "
        "in the workforce a self-evident aim. We want to be a reflection of society and an example of integrity in "
        "equal opportunities and diversity.",
        [],
    ),
]
