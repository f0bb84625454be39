"""Word lists for generated benchmark text: common English words plus invented names and places.

Written for this generator (no text from any sample or evaluation article). Inflections are made by
rule in textgen.py, so the distinct word forms number in the thousands.
"""

from __future__ import annotations

NOUNS = """
account action activity address administration advice agency agreement aid aim airport allowance
ambulance amount analysis anger answer appeal application approach area argument army arrangement arrival
assessment asset association attack attempt attention audience audit authority average award balance ban
bank bargain barrier basis battle beach bed benefit bid bill board boat body bond border borrowing branch
breach bridge brief budget building burden bus business cabinet cable camp campaign campus canal candidate
capacity capital car care career cargo case cash cause ceiling centre ceremony chain chair challenge chamber
champion chance change channel chapter charge charity chart check child choice church circle citizen city
claim class clause climate clinic coalition coast code colleague collection college column commission
commitment committee community company comparison competition complaint concern conference conflict
congress consent consequence constituency constitution consultation contact contract contribution control
convention corridor cost council count country county couple course court crash credit crew crime crisis
critic crop crowd culture currency customer cut cycle damage danger data date deadline deal debate debt
decade decision deficit delay delegation demand department deposit deputy design detail development device
dialogue difference difficulty direction director disaster discount discussion dispute distance district
document doctor donation door draft drainage drought duty economy edition education effect effort election
electricity emergency employer energy engine engineer enquiry entrance environment episode equipment error
estate estimate evening event evidence examination example exchange exercise exhibition exit expansion
expense experience expert explanation export extension factory failure family farm farmer fashion fault
favour feature fee festival field figure film finance fine fire firm fleet flight flood floor focus food
forecast forest form formula forum foundation framework freight fuel function fund future gallery game gap
garden gas gate generation gift goal government grant ground group growth guarantee guard guidance guide
habit harbour harvest hazard headline health hearing heat height highway hill history holiday home
hospital hotel hour house household housing idea impact import incident income increase index industry
inflation influence information infrastructure initiative injury inquiry inspection inspector instance
institute institution instruction insurance interest interview investigation investment investor island
issue item job journey judge judgment jury justice key kitchen label labour lake land landlord language
law lawyer layer leader leadership lease lecture ledger legacy legislation lender lesson letter level
liability library licence limit line link list loan lobby location lorry loss majority manager mandate
manifesto margin market matter mayor meal measure mechanism media meeting member memory message method
migration mile military mine minister ministry minority minute mission mistake model moment month mood
morning mortgage motion motorway mountain movement museum nation network news newspaper night notice
number nurse object obligation occasion offer office officer official operation opinion opponent option
order organisation outcome output owner package page panel parent park parliament partner party passenger
path patient pattern payment penalty pension period permit person petition phase pipeline pitch place plan
planet plant platform player pledge plot point police policy pool population port position post pound
poverty power practice premium presence president pressure price principle priority prison problem
procedure process producer product profit programme progress project promise property proposal prosecutor
protest province provision public purpose quality quarter question queue race rail range rate reaction
reader reason recession record recovery referendum reform region register regulation regulator relation
release relief remedy rent repair report request rescue research reserve resident resolution resource
response result return revenue review right risk river road role route rule safety salary sale sample
savings scale scandal scheme school science season seat sector security senate sentence series service
session settlement share shelter shift shop shortage signal site situation size skill slope society
soldier solution source space speech spending sport staff stage standard station statement status step
stock storm strategy street strength strike structure student study subsidy success suggestion summit
supplier supply support surface survey suspect system table talk target task tax teacher team technology
tenant term territory test theatre threat ticket tide timber timetable title tool total tourism tower town
trade tradition traffic train transport treasury treaty trend trial trip troop truck trust truth tunnel
turnout union unit university valley value van vehicle verdict vessel victim view village visit voice
volume vote voter wage warehouse warning waste water wave way wealth weapon week welfare well wind window
winter witness worker workshop world yard year youth zone
""".split()

VERBS = """
accept achieve act add address admit adopt affect agree aim allow announce answer appeal appear apply
approve argue arrange arrive ask assess assist assume attack attend avoid back balance ban bear beat begin
believe belong benefit block blame boost borrow break bring build burn buy calculate call campaign cancel
care carry cause challenge change charge check choose claim clean clear close collect combine come commit
compare compete complain complete concern confirm connect consider consult contain continue contribute
control convince cost count cover create criticise cross cut damage deal debate decide declare defend
delay deliver demand deny depend describe deserve design destroy determine develop die discover discuss
dismiss divide double doubt draft draw drive drop earn ease eat educate elect eliminate emerge employ
enable encourage end enforce engage enjoy ensure enter escape establish estimate evaluate examine exceed
expand expect explain explore export express extend face fail fall fear feed feel fight file fill finance
find finish fix flood focus follow force forget form found freeze fund gain gather generate give govern
grant grow guarantee handle happen harm head hear help hire hold hope host identify ignore imagine impose
improve include increase indicate inform insist inspect install intend introduce invest invite involve
issue join judge keep kill know lack land last launch lead learn leave lend let lift limit link list live
load lobby lock lose maintain manage mark matter measure meet mention merge miss monitor move name need
negotiate notice obtain occupy offer open operate oppose order organise overturn owe own pass pay perform
permit pick place plan play pledge point prefer prepare present preserve press prevent produce promise
promote propose protect protest prove provide publish pull push question raise reach react read receive
recognise recommend record recover reduce reflect refuse regulate reject release rely remain remember
remove renew repair repeat replace report represent request require rescue reserve resign resist resolve
respond restore restrict retain return reveal review reward ride rise risk run save say schedule search
secure see seek select sell send serve settle share shift show shut sign solve speak spend split
spread stand start state stay stop strengthen struggle study submit succeed suffer suggest supply support
suppose survive suspend sustain take talk target teach tell tend test think threaten tighten touch trade
train transfer travel treat trust try turn understand undermine unite update urge use value visit vote
wait walk want warn waste watch weaken welcome win wish withdraw witness work worry write
""".split()

ADJECTIVES = """
able absolute academic acceptable accurate active actual additional adequate administrative advanced
affordable afraid aggressive agricultural alternative ambitious ancient angry annual anxious apparent
appropriate armed automatic available average aware bad basic beautiful big bitter blind bold brief bright
brilliant broad broken busy calm capable careful central certain cheap chemical chief civil clean clear
close coastal cold commercial common competitive complete complex comprehensive concerned confident
conservative considerable constant constitutional constructive contemporary controversial conventional
correct costly critical crucial cultural current daily damaged dangerous dark dead deep defensive
deliberate democratic dependent desperate detailed difficult digital direct dirty disabled distinct
domestic dominant dramatic dry due dull early eastern economic educational effective efficient elderly
electoral electric emotional empty encouraging endless enormous entire environmental equal essential
ethical european evident exact excellent excessive exciting existing expensive experienced external extra
extreme fair false familiar famous fast fatal federal fierce final financial firm fiscal flat flexible
foreign formal former fragile free frequent fresh friendly frustrated full fundamental funny future
general generous genuine global good gradual grand grateful great green gross growing guilty happy hard
harsh healthy heavy helpful hidden high historic honest hopeful hostile huge human illegal immediate
important impossible inadequate independent indirect industrial inevitable informal initial innocent
intense internal international invisible key large late lawful leading legal legitimate liberal likely
limited literary little live local logical long loud low loyal main major manual marginal maritime
massive mature medical mental mild military minimal minor missing mobile moderate modern modest moral
municipal mutual narrow national natural necessary negative nervous neutral new nice noble normal northern
notable nuclear numerous obvious odd official open operational opposite ordinary organic original
outstanding overall painful parliamentary partial particular patient peaceful permanent personal
physical plain pleasant political poor popular positive possible potential powerful practical precise
premature present previous primary prime private productive professional profitable profound prominent
proper proud provincial public quick quiet radical rapid rare rational raw real reasonable recent regional
regular relevant reliable reluctant remote repeated residential responsible rich right rigid rising
risky rival robust rough round routine rural sad safe satisfied scientific seasonal secondary secret
secure senior sensible sensitive separate serious severe sharp short significant silent similar simple
single slow small smart social soft solid sound southern special specific stable standard steady steep
strange strategic strict strong structural stupid substantial successful sudden sufficient suitable
superb supreme sure surprising suspicious sustainable swift symbolic technical temporary tender terrible
thin thorough tight tiny total tough toxic traditional transparent tremendous tropical true typical ugly
unable unclear uncomfortable unfair unique united universal unknown unlikely unpopular unusual upper
urban urgent useful usual valid valuable various vast verbal viable vital vocal vulnerable warm weak
wealthy weekly western wet whole wide wild wise wooden worried worse wrong young
""".split()

ADVERBS = """
absolutely actually almost already always apparently barely carefully certainly clearly closely
completely constantly deeply definitely deliberately directly easily effectively entirely equally
especially eventually exactly fairly finally firmly frankly fully generally genuinely gradually greatly
hardly heavily highly honestly immediately increasingly largely likely mainly merely mostly naturally
nearly necessarily normally obviously occasionally openly partly perfectly personally plainly possibly
precisely previously primarily probably properly publicly quickly quietly rarely readily really recently
regularly relatively repeatedly seriously sharply significantly simply slightly slowly strongly suddenly
surely thoroughly truly typically ultimately unfortunately urgently usually widely
""".split()

GIVEN_FEMALE = """
Ada Agnes Aiko Alba Alma Amara Anika Ayla Beatrix Bettina Brigid Calla Camila Carys Cleo Dalia Delphine
Edda Elif Elin Elsa Emmi Esme Fenna Freya Gwen Hana Hedda Ilse Imani Ines Iris Isla Jana Juno Kaia Kamala
Keziah Lena Lina Liora Lotte Lucia Maren Marit Mila Mira Nadia Nell Nia Noor Odile Olga Oona Petra Rhea
Rosa Runa Saoirse Selma Signe Sunniva Talia Tamsin Thea Ulla Vera Wren Yara Zara Zofia
""".split()

GIVEN_MALE = """
Abel Adem Alban Aldo Anders Arlo Arvid Aurel Bastian Benedek Bram Caius Casimir Cormac Dario Desmond Eamon
Edgar Einar Elias Emil Ennis Ezra Felix Florin Gideon Goran Gustav Hakon Hamish Idris Ignatius Ivo Jasper
Joachim Jonas Kasper Kofi Lars Leander Lorcan Luca Magnus Malik Matteo Milo Nico Nils Obi Olek Osian Otto
Pavel Quentin Rafael Rasmus Roald Ruben Silas Soren Stellan Tarik Teodor Tobias Ulf Viktor Wendell Yusuf
""".split()

SURNAME_PARTS = (
    "Ash Bal Bel Bram Cal Car Cor Dal Dun El Fen Gar Hal Har Hol Kel Kil Lan Mar Mor Nor Ol Pen Quil Ral Ren "
    "Sal Tam Tor Val Wen Wil Yar Zel Ok Ad Bre Fal Gil Lor".split(),
    "a e i o u an en in on ar er ir or".split(),
    "ford wick ley more ston dale by field wood ham shaw combe ridge well ton win ric vane dov sby".split(),
)
PLACE_PARTS = (
    "Elm Ash Oak Bright Cold Stone Mill Bridge North South East West Green Red Black White High Low Fair "
    "Glen Hazel Marsh Iron Salt Thorn Willow Amber Copper Silver Frost Rain Sun".split(),
    "town ford field bury wick mere haven port dale brook ton stead hurst cliff gate vale".split(),
)
OUTLET_FORMS = ("The {P} Courier", "{P} Post", "The {P} Herald", "{P} Daily", "The {P} Chronicle",
                "{P} Evening News", "The {P} Ledger", "{P} Radio News", "The {P} Observer", "{P} Gazette")  # fmt: skip
OFFICES = """
mayor councillor spokesperson minister senator governor treasurer director secretary commissioner
chairwoman chairman adviser economist analyst professor researcher lawyer prosecutor judge surgeon
nurse teacher farmer engineer organiser coach captain inspector auditor planner
""".split()
FIELDS = """
economics history law medicine engineering chemistry geology sociology finance planning transport
ecology politics architecture statistics agriculture
""".split()
ORG_FORMS = ("{P} Council", "{P} Water Authority", "{P} Transport Board", "{P} Chamber of Commerce",
             "{P} Police", "{P} Hospital Trust", "{P} Farmers Union", "{P} Port Authority",
             "{P} Housing Association", "{P} Energy Company", "Ministry of {F}", "{P} Teachers Union")  # fmt: skip
UNNAMED_FORMS = ("a woman from {P}", "a man from {P}", "a {O} in {P}", "one resident of {P}",
                 "a local {O}", "a senior official", "an elderly man", "a young woman", "a shop owner in {P}")  # fmt: skip
GROUPS = ("residents of {P}", "protesters in {P}", "farmers near {P}", "{O}s in {P}", "local traders",
          "parents at the school", "workers at the plant")  # fmt: skip
CUES = ("said", "said", "said", "said", "told reporters", "added", "explained", "warned", "insisted",
        "argued", "noted", "wrote", "told the newspaper", "recalled", "admitted")  # fmt: skip
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
