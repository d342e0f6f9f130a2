"""Closed word classes of the resolution genre (EN, ES, FR, PT; RU, ZH, AR), used to read texts.

These are grammatical classes, not lists of openers: openers are an open class recognised by
their shape (a participle, an adjective, a verb in the third person or the infinitive, with
the adverbs and particles around it). What is listed here is what shape cannot tell: which
verbs are light verbs that keep their noun ("Taking note", "Expressing grave concern"),
which words are adverbs without an -ly/-mente/-ment ending, which words end an opener.
"""
from __future__ import annotations

import re

# Words that name an authoring organ; a body line ("The General Assembly,") contains one.
ORGAN_WORDS = frozenset("""
assembly council conference committee commission board meeting parties summit forum group
executive commissioners governing states ministers heads session
assemblée conseil conférence comité commission réunion parties sommet groupe
asamblea consejo conferencia comité comisión reunión partes cumbre grupo junta
assembleia conselho conferência comitê comissão reunião partes cúpula grupo
ассамблея совет конференция комитет комиссия совещание сессия
مجلس الجمعية جمعية مؤتمر المؤتمر اللجنة لجنة الهيئة هيئة
""".split())

# Chinese writes no spaces: a body line ("安全理事会，", "大会，", "缔约方会议，") ends with
# one of these organ words.
ORGAN_ENDINGS_ZH = ("会", "会议", "委员会", "理事会", "大会")

# Arabic body lines open with this particle: "إن مجلس الأمن،", "إن الجمعية العامة،".
BODY_PARTICLES_AR = ("إن",)

# Articles a body line starts with.
BODY_ARTICLES = frozenset("the el la le les los las a o os as l' l’".split())

# Light verbs: they keep the noun that follows them in the opener.
LIGHT_VERBS = frozenset("""
taking takes take expressing expresses express paying pays placing places giving gives
lending lends attaching attaches
tomando toma tomar expresando expresa expresar rindiendo rinde haciendo hace
prenant prend prendre exprimant exprime exprimer rendant rend
tomando toma expressando expressa
""".split())

# Words after a light verb that belong to its noun phrase ("its concern", "grave concern").
LIGHT_NOUN_MODIFIERS = frozenset("""
its their his her deep deepest grave serious profound sincere full strong great particular
utmost gravest sincerest
su sus profunda profundo grave seria sincero sincera
sa son ses vive vif profonde profond grave sincère
""".split())

# Adverbs that do not end in -ly / -mente / -ment.
ADVERBS = frozenset("""
also further again once still moreover furthermore likewise too thus
además también asimismo nuevamente igualmente
aussi encore enfin
""".split())

ADVERB_ENDINGS = ("ly", "mente", "ment")

# Particles that belong to the verb ("Calls upon", "Bearing in mind", "Takes into account").
PARTICLE_PHRASES = (
    ("upon",), ("on",), ("for",), ("in", "mind"), ("into", "account"),
    ("en", "cuenta"), ("presente",), ("à", "l'esprit"), ("à", "l’esprit"),
)
PARTICLE_HEADS = frozenset("""
calls call calling bearing bear bears keeping keep keeps taking takes take
teniendo tiene tener ayant
""".split())

# Auxiliaries and pronouns that open a compound opener ("Having considered", "Se déclarant").
COMPOUND_HEADS = frozenset("having habiendo ayant tras se s' s’ to para being siendo étant "
                           "إذ وإذ".split())

# Chinese openers cannot be told by shape without word breaks: the verbs of the genre that
# open paragraphs ("回顾", "严重关切", "决定"), and the adverbs that may come before them
# ("又回顾", "还决定", "再次重申"). The opener is the longest match at the start.
OPENER_VERBS_ZH = tuple(sorted("""
回顾 重申 确认 认识到 意识到 注意到 表示注意到 关切 严重关切 深表关切 深切关注 关注 震惊 深感震惊 强调
欢迎 赞扬 赞赏 感谢 表示感谢 铭记 考虑到 审议了 审议 申明 相信 深信 决心 认为 承认 满意地 遗憾地
决定 要求 呼吁 吁请 请 敦促 促请 鼓励 支持 谴责 强烈谴责 表示 宣布 核可 核准 通过 授权 邀请
""".split(), key=len, reverse=True))
OPENER_ADVERBS_ZH = ("又", "还", "并", "再次", "另外", "进一步", "也", "同时")


# Adverbial idioms that stay with the verb ("Condemns in the strongest terms").
ADVERBIAL_IDIOMS = (
    ("in", "the", "strongest", "possible", "terms"), ("in", "the", "strongest", "terms"),
    ("en", "los", "términos", "más", "enérgicos"), ("dans", "les", "termes", "les", "plus", "énergiques"),
    ("once", "again"), ("una", "vez", "más"), ("de", "nouveau"), ("en", "outre"),
)

# "with" + noun ("Noting with concern", "Notes with alarm") until one of these words.
WITH_WORDS = frozenset("with con avec com".split())
PHRASE_STOPS = frozenset("""
that the of its their a an this these those to at in on for by from about regarding over
concerning which whose all any
que la el los las lo le les un une una de del des du à a al au aux en por para sobre con
""".split())

# Words after which a number is a reference, not a footnote mark ("paragraph 1 (a)",
# "article 1 of", "July 10 to").
NUMBERING_WORDS = frozenset("""
paragraph paragraphs para paras article articles section sections resolution resolutions
decision decisions rule rules annex annexes chapter chapters part parts item items no number
page pages principle principles goal goals target targets line lines table figure session vol
volume protocol protocols phase level levels grade january february march april may june july
august september october november december
""".split())

# Plural nouns that look like a decision's verb at the head of a lettered item ("(a)
# States Members of the United Nations;" is a list, not "(a) Approves ...").
PLURAL_NOUNS = frozenset("""States Parties Members Organizations Governments Nations Agencies
Countries Entities Bodies Observers Representatives Experts Funds Programmes Commissions
Committees Councils Institutions Stakeholders Women Persons Peoples""".split())

# Member States and observers whose names contain " and ": a sponsor list is split on
# commas and the final " and ", never inside these names.
COMPOUND_STATE_NAMES = (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland", "Turks and Caicos Islands",
    "Heard Island and McDonald Islands", "Wallis and Futuna",
    "Antigua y Barbuda", "Bosnia y Herzegovina", "Saint Kitts y Nevis", "Trinidad y Tabago",
    "San Vicente y las Granadinas", "Santo Tomé y Príncipe",
    "Antigua-et-Barbuda", "Trinité-et-Tobago", "Saint-Kitts-et-Nevis",
)

# The names of the Member States of the United Nations and its observer States, as the
# United Nations prints them in English (with both apostrophes): where a list of sponsors
# begins when a degraded extraction runs it together with the agenda item's title.
STATE_NAMES = frozenset((
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
    "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas",
    "Bahamas (The)", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize",
    "Benin", "Bhutan", "Bolivia (Plurinational State of)", "Bosnia and Herzegovina",
    "Botswana", "Brazil", "Brunei Darussalam", "Bulgaria", "Burkina Faso", "Burundi",
    "Cabo Verde", "Cambodia", "Cameroon", "Canada", "Central African Republic", "Chad",
    "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba",
    "Cyprus", "Czechia", "Côte d'Ivoire", "Côte d’Ivoire",
    "Democratic People's Republic of Korea", "Democratic People’s Republic of Korea",
    "Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominica",
    "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon",
    "Gambia", "Gambia (Republic of The)", "Georgia", "Germany", "Ghana", "Greece",
    "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Holy See",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran (Islamic Republic of)",
    "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan",
    "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan", "Lao People's Democratic Republic",
    "Lao People’s Democratic Republic", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya",
    "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico",
    "Micronesia (Federated States of)", "Monaco", "Mongolia", "Montenegro", "Morocco",
    "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands",
    "Netherlands (Kingdom of the)", "New Zealand", "Nicaragua", "Niger", "Nigeria",
    "North Macedonia", "Norway", "Oman", "Pakistan", "Palau", "Panama", "Papua New Guinea",
    "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Republic of Korea",
    "Republic of Moldova", "Romania", "Russian Federation", "Rwanda",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa",
    "San Marino", "Sao Tome and Principe", "Saudi Arabia", "Senegal", "Serbia",
    "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands",
    "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka", "State of Palestine",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Syrian Arab Republic", "Tajikistan",
    "Thailand", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
    "Turkmenistan", "Tuvalu", "Türkiye", "Uganda", "Ukraine", "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland", "United Republic of Tanzania",
    "United States of America", "Uruguay", "Uzbekistan", "Vanuatu",
    "Venezuela (Bolivarian Republic of)", "Viet Nam", "Yemen", "Zambia", "Zimbabwe",
))

# Sponsors that are no State: they may open or close a list of sponsors' names.
OTHER_SPONSORS = frozenset((
    "European Union", "African Union", "Sovereign Military Order of Malta",
    "International Committee of the Red Cross",
))

# Languages told by their script, before function words are counted.
SCRIPTS = (("ru", re.compile(r"[\u0400-\u04FF]")), ("zh", re.compile(r"[\u4E00-\u9FFF]")),
           ("ar", re.compile(r"[\u0600-\u06FF]")))

# Frequent function words per language, to tell the language of a text.
STOPWORDS = {
    "en": frozenset("the of and to in that its for with on by as be are is".split()),
    "es": frozenset("el la los las de del y en que por con para su sus se una".split()),
    "fr": frozenset("le la les de des du et en que qui pour par au aux sur une est l d qu sa son ses leur".split()),
    "pt": frozenset("o a os as de da do dos das e em que para com por uma não".split()),
}

# Operative transitions of OAS texts ("RESOLVES:"), in the four OAS languages.
TRANSITION = re.compile(
    r"^(?:RESOLVES|RESOLVE|RESUELVE|DECIDES|DECIDE|DÉCIDE|ACUERDA|AGREES|RÉSOUT|DECLARES|DECLARA)\s*:\s*$",
    re.IGNORECASE)
