# Dutch is the default language and must be complete. Respondent texts are written at B1
# level: short sentences, everyday words, "je". Where a project addresses an audience with
# "u", messages choose with `{ ADDRESS() -> [u] … *[je] … }` (src/i18n.rs).

language-name = Nederlands
site-name = Samenspraak

## Respondent pages: frame

respondent-language-nav = Kies een taal
respondent-skip-link = Ga naar de vragen
respondent-footer = { ADDRESS() ->
        [u] Uw antwoorden zijn anoniem. We bewaren geen naam, geen IP-adres en geen cookies.
       *[je] Je antwoorden zijn anoniem. We bewaren geen naam, geen IP-adres en geen cookies.
    }

## Respondent pages: introduction

respondent-intro-why = Waarom deze vragen?
respondent-intro-how = Hoe werkt het?
respondent-intro-anonymous = { ADDRESS() ->
        [u] U vult de vragen anoniem in. We vragen niet naar uw naam. We bewaren niet wie u bent of welk apparaat u gebruikt.
       *[je] Je vult de vragen anoniem in. We vragen niet naar je naam. We bewaren niet wie je bent of welk apparaat je gebruikt.
    }
respondent-intro-voluntary = { ADDRESS() ->
        [u] Meedoen mag, het hoeft niet. U mag altijd stoppen. Vragen met "mag u overslaan" hoeft u niet te beantwoorden.
       *[je] Meedoen mag, het hoeft niet. Je mag altijd stoppen. Vragen met "mag je overslaan" hoef je niet te beantwoorden.
    }
respondent-intro-duration = { $minutes ->
        [one] Het duurt ongeveer 1 minuut.
       *[other] Het duurt ongeveer { $minutes } minuten.
    } Er zijn { $questions } vragen.
respondent-intro-group = Deze link is voor: { $group }.
respondent-start = Beginnen

## Respondent pages: questions

respondent-progress = Deel { $page } van { $pages }
respondent-question-number = Vraag { $number } van { $total }
respondent-optional = { ADDRESS() ->
        [u] (mag u overslaan)
       *[je] (mag je overslaan)
    }
respondent-listen-question = Luister naar de vraag
respondent-listen-page = Luister naar alle vragen van dit deel
respondent-listen-device = Voorlezen met dit toestel
respondent-listen-stop = Stoppen met voorlezen
respondent-choose-more = { ADDRESS() ->
        [u] U mag meer dan één antwoord kiezen.
       *[je] Je mag meer dan één antwoord kiezen.
    }
respondent-condition-note = { ADDRESS() ->
        [u] Alleen invullen als u bij vraag { $number } "{ $answer }" hebt gekozen.
       *[je] Alleen invullen als je bij vraag { $number } "{ $answer }" hebt gekozen.
    }
respondent-counter = { $count } van { $max } tekens
respondent-next = Volgende
respondent-back = Vorige
respondent-submit = Versturen
respondent-error-title-prefix = Let op:
respondent-error-summary = Kijk nog even naar deze vragen:
respondent-not-kept = { ADDRESS() ->
        [u] Het lukt ons nu even niet om uw antwoorden te bewaren. Uw antwoorden staan hieronder nog. Probeer het over een paar minuten nog eens.
       *[je] Het lukt ons nu even niet om je antwoorden te bewaren. Je antwoorden staan hieronder nog. Probeer het over een paar minuten nog eens.
    }
respondent-error-choose = Kies een antwoord.
respondent-error-write = Schrijf een antwoord.
respondent-error-too-long = { ADDRESS() ->
        [u] Uw antwoord is te lang. Gebruik niet meer dan { $max } tekens.
       *[je] Je antwoord is te lang. Gebruik niet meer dan { $max } tekens.
    }

respondent-agree-helemaal-oneens = Helemaal oneens
respondent-agree-oneens = Oneens
respondent-agree-neutraal = Niet eens, niet oneens
respondent-agree-eens = Eens
respondent-agree-helemaal-eens = Helemaal eens
respondent-agree-weet-niet = Weet ik niet
respondent-yes = Ja
respondent-no = Nee
respondent-mark-hint = 1 is heel slecht, 10 is heel goed.

## Respondent pages: the end

respondent-thanks-title = Bedankt!
respondent-thanks-body = { ADDRESS() ->
        [u] Uw antwoorden zijn goed aangekomen. U kunt deze pagina nu sluiten.
       *[je] Je antwoorden zijn goed aangekomen. Je kunt deze pagina nu sluiten.
    }
respondent-thanks-next = We leggen alle antwoorden naast elkaar. Zo zien we wat jongeren, ouders en professionals belangrijk vinden.

## Error pages (respondents see these)

error-not-found-title = Deze link werkt niet
error-not-found-body = { ADDRESS() ->
        [u] We kennen deze link niet. Kijk of u de link goed hebt overgenomen. Of vraag een nieuwe link aan wie u hem gaf.
       *[je] We kennen deze link niet. Kijk of je de link goed hebt overgenomen. Of vraag een nieuwe link aan wie je hem gaf.
    }
error-closed-title = Deze vragenlijst is gesloten
error-closed-body = { ADDRESS() ->
        [u] U kunt deze vragenlijst niet meer invullen. Bedankt dat u wilde meedoen!
       *[je] Je kunt deze vragenlijst niet meer invullen. Bedankt dat je wilde meedoen!
    }
error-not-open-title = Deze vragenlijst is nog niet open
error-not-open-body = { ADDRESS() ->
        [u] U kunt deze vragenlijst invullen vanaf { $date }.
       *[je] Je kunt deze vragenlijst invullen vanaf { $date }.
    }
error-expired-title = Deze pagina is verlopen
error-expired-body = { ADDRESS() ->
        [u] We hebben uw antwoorden niet meer. Begin opnieuw met de vragenlijst.
       *[je] We hebben je antwoorden niet meer. Begin opnieuw met de vragenlijst.
    }
error-expired-restart = Opnieuw beginnen
error-bad-request-title = Het formulier kwam niet goed aan
error-bad-request-body = Er ging iets mis met het formulier. Ga terug en probeer het nog een keer.
error-internal-title = Er ging iets mis bij ons
error-internal-body = { ADDRESS() ->
        [u] Probeer het over een paar minuten nog een keer. Antwoorden die u al hebt verstuurd, zijn bewaard.
       *[je] Probeer het over een paar minuten nog een keer. Antwoorden die je al hebt verstuurd, zijn bewaard.
    }
error-too-many-starts-title = Het is nu erg druk
error-too-many-starts-body = Er beginnen nu heel veel mensen tegelijk met deze vragenlijst. Wacht een minuut en probeer het dan opnieuw.

## Researcher pages

researcher-site = Samenspraak beheer
researcher-nav = Hoofdmenu
researcher-nav-projects = Projecten
researcher-nav-accounts = Accounts
researcher-logged-in-as = Ingelogd als { $email }
researcher-logout = Uitloggen
researcher-login-title = Inloggen
researcher-login-email = E-mailadres
researcher-login-password = Wachtwoord
researcher-login-submit = Inloggen
researcher-login-failed = Het e-mailadres of het wachtwoord klopt niet. Na 5 foute pogingen kunt u het pas na 15 minuten opnieuw proberen.
researcher-login-busy = Er wordt nu veel tegelijk ingelogd. Probeer het over een paar seconden opnieuw.
researcher-login-throttled = Er is te vaak een verkeerd wachtwoord gebruikt. Probeer het over 15 minuten opnieuw.
researcher-projects-title = Projecten
researcher-projects-empty = Je bent nog geen lid van een project. Vraag een beheerder of eigenaar om je toe te voegen.
researcher-role = Rol
researcher-role-owner = eigenaar
researcher-role-researcher = onderzoeker
researcher-role-viewer = kijker
researcher-role-none = geen lid (beheerder)
researcher-audience-youth = jongeren
researcher-audience-parent = ouders
researcher-audience-professional = professionals
researcher-questionnaires = Vragenlijsten
researcher-questionnaire = Vragenlijst
researcher-version = Versie
researcher-questions-per-audience = Vragen per doelgroep
researcher-waves = Meetmomenten
researcher-wave = Meetmoment
researcher-opens = Open vanaf
researcher-closes = Open tot en met
researcher-links = Uitnodigingslinks
researcher-link = Link
researcher-audience = Doelgroep
researcher-group = Groep
researcher-status = Status
researcher-responses = Ingevuld
researcher-responses-suppressed = minder dan { $threshold }
researcher-responses-protecting = verborgen
researcher-actions = Acties
researcher-link-open = open
researcher-link-closed = gesloten
researcher-link-close = Sluiten
researcher-link-reopen = Heropenen
researcher-qr-svg = QR-code (SVG)
researcher-qr-png = QR-code (PNG)
researcher-flyer = Flyer
researcher-new-link = Nieuwe link
researcher-new-link-group-hint = Bijvoorbeeld een school of locatie. Laat leeg voor iedereen.
researcher-new-link-submit = Link maken
researcher-members = Leden
researcher-member-email = E-mailadres
researcher-member-add = Lid toevoegen
researcher-member-remove = Verwijderen
researcher-member-unknown = Er is geen account met dit e-mailadres. Een beheerder kan het aanmaken.
researcher-audit = Logboek
researcher-audit-at = Wanneer
researcher-audit-who = Wie
researcher-audit-what = Wat
researcher-audit-detail = Details
researcher-accounts-title = Accounts
researcher-account-admin = beheerder
researcher-account-new = Nieuw account
researcher-account-password = Wachtwoord (minstens 12 tekens)
researcher-account-is-admin = Beheerder
researcher-account-create = Account maken
researcher-account-exists = Er is al een account met dit e-mailadres.
researcher-account-bad-email = Vul een geldig e-mailadres in.
researcher-password-too-short = Het wachtwoord moet minstens 12 tekens hebben.
researcher-password-too-long = Het wachtwoord mag hoogstens 256 tekens hebben.
researcher-password-common = Dit wachtwoord komt te vaak voor. Kies een ander.
researcher-password-contains-email = Het wachtwoord mag het e-mailadres niet bevatten.
researcher-membership = Toegang tot een project
researcher-project = Project
researcher-membership-submit = Toegang geven
researcher-error-summary = Er ging iets mis:
researcher-saved = Opgeslagen.

## Flyer (printed for schools and waiting rooms; B1)

flyer-title = Doe mee en laat je stem horen!
flyer-youth = Wat vind jij? Vul de korte vragenlijst in. Het is anoniem en duurt een paar minuten.
flyer-parent = Wat vindt u? Vul de korte vragenlijst in. Het is anoniem en duurt een paar minuten.
flyer-professional = Wat ziet u in uw werk? Vul de korte vragenlijst in. Het duurt een paar minuten.
flyer-scan = Scan de QR-code met je telefoon, of typ dit adres:
flyer-print = Afdrukken

## Researcher pages: responses

researcher-responses-title = Ingevulde vragenlijsten
researcher-responses-link = Ingevulde vragenlijsten bekijken
researcher-filter = Filteren
researcher-filter-all = alle
researcher-filter-from = Vanaf (datum)
researcher-filter-until = Tot en met (datum)
researcher-filter-submit = Toon
researcher-responses-none = Er zijn (nog) geen ingevulde vragenlijsten die bij dit filter passen.
researcher-responses-limit = De nieuwste { $count } worden getoond.
researcher-response-date = Ingevuld op
researcher-response-open = Bekijken
researcher-response-title = Ingevulde vragenlijst { $id }
researcher-response-question = Vraag
researcher-response-answer = Antwoord
researcher-response-not-answered = (niet beantwoord)
researcher-response-delete = Verwijderen
researcher-response-delete-reason = Reden van verwijderen
researcher-response-delete-hint = Bijvoorbeeld: dubbel ingevuld, of het antwoord is duidelijk niet serieus. De reden komt in het logboek.
researcher-response-reason-missing = Schrijf een reden op.

## Researcher pages: authoring

researcher-new-project = Nieuw project
researcher-project-name = Naam
researcher-project-description = Nul-doelen en beschrijving
researcher-address = Aanspreken: { $audience }
researcher-address-je = met "je"
researcher-address-u = met "u"
researcher-project-create = Project maken
researcher-project-settings = Project
researcher-save = Opslaan
researcher-themes = Vraagstukken
researcher-theme = Vraagstuk
researcher-theme-title = Vraagstuk
researcher-theme-description = Toelichting
researcher-theme-add = Vraagstuk toevoegen
researcher-move-up = Omhoog
researcher-move-down = Omlaag
researcher-wave-name = Naam
researcher-wave-add = Meetmoment toevoegen
researcher-wave-dates = De sluitdatum ligt voor de openingsdatum.
researcher-new-questionnaire = Nieuwe vragenlijst
researcher-questionnaire-title = Titel
researcher-questionnaire-minutes = Duur in minuten
researcher-questionnaire-create = Vragenlijst maken
researcher-edit = Bewerken
researcher-duplicate = Dupliceren
researcher-copy-suffix = (kopie)
researcher-purpose = Waarom deze vragen? ({ $audience })
researcher-questions = Vragen
researcher-question-new = Nieuwe vraag
researcher-question-key = Sleutel (kolomnaam in exports)
researcher-question-key-hint = Laat leeg: dan maken we hem uit de tekst.
researcher-question-type = Soort vraag
researcher-question-theme = Vraagstuk
researcher-question-required = Verplicht
researcher-question-wording = Tekst voor { $audience }
researcher-question-wording-hint = Laat leeg als deze doelgroep de vraag niet krijgt.
researcher-question-help = Uitleg voor { $audience }
researcher-question-options = Antwoorden (één per regel)
researcher-question-options-hint = Schrijf "sleutel: antwoord" of alleen het antwoord.
researcher-question-max = Hoogstens zoveel tekens
researcher-question-condition = Alleen tonen als deze vraag…
researcher-question-condition-none = altijd tonen
researcher-question-condition-value = …dit antwoord heeft (sleutel)
researcher-question-save = Vraag opslaan
researcher-question-delete = Verwijderen
researcher-question-preview = Voorbeeld op een telefoon
researcher-type-agreement = Eens/oneens (5 punten en weet ik niet)
researcher-type-single = Eén antwoord kiezen
researcher-type-multiple = Meer antwoorden kiezen
researcher-type-mark = Rapportcijfer 1–10
researcher-type-yes-no = Ja of nee
researcher-type-short = Korte tekst
researcher-type-long = Lange tekst
researcher-readability = Misschien te moeilijk voor B1: leesgemak { $ease }, langste zin { $words } woorden.
researcher-readability-long-words = Lange woorden: { $words }.
researcher-version-new = Er zijn al antwoorden op versie { $old }. Je wijziging staat in versie { $new }; oude antwoorden houden hun versie.
researcher-problem-key = De sleutel mag alleen kleine letters, cijfers, - en _ hebben.
researcher-problem-duplicate-key = Deze sleutel bestaat al in de vragenlijst.
researcher-problem-theme = Kies een vraagstuk.
researcher-problem-no-wording = Schrijf de vraag voor minstens één doelgroep.
researcher-problem-empty-wording = De tekst voor { $audience } is leeg.
researcher-problem-options = Geef minstens twee verschillende antwoorden.
researcher-problem-option = Antwoord "{ $option }" heeft geen geldige sleutel of tekst.
researcher-problem-max = Het aantal tekens moet tussen 1 en { $limit } liggen.
researcher-problem-condition = De voorwaarde moet verwijzen naar een eerdere ja/nee-vraag of keuzevraag, met een antwoord dat daarbij hoort, voor dezelfde doelgroepen.
researcher-translations = Vertalingen
researcher-translations-intro = Een link biedt een taal pas aan als alles wat die doelgroep leest vertaald is. Verouderde vertalingen tellen mee; kijk ze na.
researcher-translation-offered = wordt aangeboden
researcher-translation-progress = { $audience }: { $done } van { $texts } teksten vertaald{ $outdated ->
        [0] {""}
       *[other] , waarvan { $outdated } verouderd
    }
researcher-translate = Vertalen: { $language }
researcher-translation-text = Tekst
researcher-translation-dutch = Nederlands
researcher-translation-missing = Nog niet vertaald.
researcher-translation-outdated = Verouderd: het Nederlands is veranderd nadat dit vertaald is.
researcher-translation-current = Vertaald.
researcher-translation-still-right = De vertaling klopt nog
researcher-translation-saved = { $count ->
        [one] 1 tekst opgeslagen.
       *[other] { $count } teksten opgeslagen.
    }
researcher-translation-download = Voor een vertaler: download alle teksten als XLIFF (voor vertaalprogramma's) of als spreadsheet (Excel of CSV).
researcher-translation-file = Vertaling van een vertaler inlezen
researcher-translation-file-label = Plak hier het XLIFF- of CSV-bestand. Het wordt alleen ingelezen als alles klopt.
researcher-translation-file-take = Inlezen
researcher-translation-upload-label = Of stuur het bestand zelf (Excel, CSV of XLIFF). Het wordt alleen ingelezen als alles klopt.
researcher-translation-upload = Bestand sturen
researcher-translation-upload-empty = Kies een bestand.
researcher-recordings = Voorlezen: { $language }
researcher-recordings-intro = Neem een vraag op met je telefoon en stuur het bestand hier. Wie de vragenlijst in deze taal invult, hoort dan jouw stem in plaats van de computerstem. Lees de vraag, de uitleg en de antwoorden voor zoals ze hieronder staan. Verandert de tekst later, dan hoort men weer de computerstem tot je de vraag opnieuw opneemt.
researcher-recording-heading = { $question } ({ $audience })
researcher-recording-script = Wat je voorleest:
researcher-recording-synthetic = Nu hoort men de computerstem.
researcher-recording-current = Nu hoort men jouw opname ({ $size } kB).
researcher-recording-outdated = De opname leest een oudere tekst voor. Nu hoort men de computerstem. Neem de vraag opnieuw op.
researcher-recording-file = Opname (MP3, M4A, Ogg, WebM of WAV, tot 8 MB)
researcher-recording-save = Opname opslaan
researcher-recording-delete = Opname verwijderen
researcher-recording-listen = Luister naar de opname
researcher-recording-saved = De opname is opgeslagen.
researcher-recording-deleted = De opname is verwijderd. Nu hoort men weer de computerstem.
researcher-recording-not-audio = Dit bestand is geen geluid dat we kennen. Kies een MP3-, M4A-, Ogg-, WebM- of WAV-bestand.
researcher-recording-empty = Kies een bestand met de opname.
researcher-recording-unknown = Deze vraag bestaat niet (meer) voor deze groep.
researcher-recordings-heading = Voorlezen
researcher-recordings-list = Zelf voorlezen in plaats van de computerstem:
researcher-definition = Definitiebestand
researcher-definition-export = Definitiebestand downloaden (TOML)
researcher-definition-import = Definitiebestand inlezen
researcher-definition-import-hint = Plak hier een definitiebestand van dit project. Zie docs/questionnaire-format.md.
researcher-definition-import-submit = Inlezen
researcher-definition-other-project = Dit bestand hoort bij een ander project.
researcher-definition-owner-only = Alleen een eigenaar van het project kan de naam en de beschrijving van het project veranderen. Laat ze in het bestand zoals ze zijn.
researcher-definition-line = Regel { $line }: { $message }

## Researcher pages: own account

researcher-password-title = Wachtwoord wijzigen
researcher-password-current = Huidig wachtwoord
researcher-password-new = Nieuw wachtwoord (minstens 12 tekens)
researcher-password-submit = Wachtwoord wijzigen
researcher-password-wrong = Het huidige wachtwoord klopt niet.
researcher-password-changed = Je wachtwoord is gewijzigd.
researcher-logout-everywhere-title = Overal uitloggen
researcher-logout-everywhere-text = Bent u ingelogd op een computer die niet van u is, of bent u een apparaat kwijt? Dan logt u hier op elk apparaat tegelijk uit.
researcher-logout-everywhere = Overal uitloggen
researcher-nav-password = Wachtwoord
researcher-account-delete = Account verwijderen
researcher-account-delete-self = Je kunt je eigen account niet verwijderen.
researcher-wave-save = Opslaan

## Researcher pages: personal data in open answers

researcher-flag = Mogelijk persoonsgegevens: { $kinds }.
researcher-flag-redact = Weglaten
researcher-flag-keep = Is in orde
researcher-flags-open = Let op: { $count } open antwoord(en) met mogelijk persoonsgegevens.
researcher-kind-email = e-mailadres
researcher-kind-phone = telefoonnummer
researcher-kind-postcode = postcode
researcher-kind-bsn = BSN
researcher-kind-name = naam

## Researcher pages: codebook and coding

researcher-codebook = Codeboek
researcher-codebook-link = Codeboek bekijken
researcher-code = Code
researcher-code-name = Naam van de code
researcher-code-description = Omschrijving
researcher-code-parent = Valt onder
researcher-code-parent-none = (hoofdcode)
researcher-code-theme = Vraagstuk
researcher-code-theme-none = (geen)
researcher-code-add = Code toevoegen
researcher-code-used = Gebruikt
researcher-code-merge = Samenvoegen met
researcher-code-merge-submit = Samenvoegen
researcher-code-delete = Verwijderen
researcher-code-exists = Er is al een code met deze naam.
researcher-code-name-missing = Geef de code een naam.
researcher-code-apply = Code toekennen
researcher-code-fragment = Stukje tekst (laat leeg voor het hele antwoord)
researcher-code-fragment-missing = Dit stukje staat niet in het antwoord.
researcher-code-remove = Code weghalen
researcher-codes-applied = Codes:

## Researcher pages: meetings and insights

researcher-meetings = Bijeenkomsten van professionals
researcher-meetings-link = Bijeenkomsten van professionals
researcher-meeting-new = Bijeenkomst vastleggen
researcher-meeting-title = Titel
researcher-meeting-date = Datum
researcher-meeting-sectors = Aantal deelnemers per sector (geen namen)
researcher-meeting-save = Bijeenkomst opslaan
researcher-meeting-insights = Inzichten
researcher-meeting-none = Er zijn nog geen bijeenkomsten.
researcher-meeting-missing = Geef de bijeenkomst een titel en een datum.
researcher-insight-kind = Soort
researcher-insight-statement = Uitspraak
researcher-insight-sector = Sector
researcher-insight-priority = Prioriteit
researcher-insights-add = Inzichten toevoegen
researcher-insights-lines = Eén inzicht per regel
researcher-insights-lines-hint = Bijvoorbeeld: knelpunt: Lange wachtlijsten bij jeugdhulp [jeugdhulp] (5). Soort, [sector] en (stemmen) mag je weglaten. In een gezamenlijke bijeenkomst: afspraak: … of reactie: ….
researcher-insights-default-kind = Soort als de regel er geen noemt
researcher-insights-submit = Toevoegen
researcher-insights-csv = CSV-bestand inlezen
researcher-insights-csv-hint = Kolommen: thema, soort, uitspraak, en eventueel sector en prioriteit. Komma of puntkomma. Bij een fout wordt niets opgeslagen.
researcher-insights-csv-submit = Inlezen
researcher-line-problem = Regel { $line }: { $problem }
researcher-line-empty = de uitspraak is leeg.
researcher-line-too-long = de uitspraak is te lang.
researcher-line-kind = soort "{ $value }" bestaat niet.
researcher-line-sector = sector "{ $value }" bestaat niet.
researcher-line-theme = vraagstuk "{ $value }" bestaat niet in dit project.
researcher-line-priority = prioriteit "{ $value }" is geen getal.
researcher-line-column = de kolom "{ $value }" ontbreekt.
researcher-line-malformed = deze regel kon niet gelezen worden.
researcher-kind-knelpunt = knelpunt
researcher-kind-kans = kans
researcher-kind-voorbeeld = voorbeeld
researcher-kind-oplossingsrichting = oplossingsrichting
researcher-kind-vraag = vraag
researcher-sector-onderwijs = onderwijs
researcher-sector-jeugdhulp = jeugdhulp
researcher-sector-gemeente = gemeente
researcher-sector-zorg = zorg
researcher-sector-politie-justitie = politie/justitie
researcher-sector-ervaringsdeskundige = ervaringsdeskundige
researcher-sector-anders = anders

## Researcher pages: coding queue

researcher-queue = Codeerwachtrij
researcher-queue-link = Open antwoorden coderen
researcher-queue-question = Open vraag
researcher-queue-choose = Kies
researcher-queue-remaining = Nog { $count } antwoord(en) zonder code.
researcher-queue-done = Alle antwoorden op deze vraag hebben een code.
researcher-queue-codes = Codes voor dit antwoord
researcher-queue-save = Opslaan en volgende
researcher-queue-skip = Overslaan
researcher-queue-keys = Sneltoetsen: cijfer 1 tot 9 kiest een code, Enter slaat op, S slaat over.
researcher-queue-no-codes = Er zijn nog geen codes. Maak ze eerst in het codeboek.

## Researcher pages: interviews and group conversations

researcher-interviews = Gesprekken met jongeren en ouders
researcher-interviews-link = Gesprekken met jongeren en ouders
researcher-interview-new = Gesprek vastleggen
researcher-interview-label = Naam zonder naam (bijvoorbeeld "jongere A" of "groep 2")
researcher-interview-size = Aantal deelnemers (1 is een één-op-één-gesprek)
researcher-interview-guide = Vragenlijst als leidraad
researcher-interview-language = Taal van het gesprek
researcher-interview-start = Gesprek beginnen
researcher-interview-missing = Vul een label, een datum, een meetmoment en een vragenlijst in.
researcher-interview-none = Er zijn nog geen gesprekken.
researcher-interview-group = groep van { $size }
researcher-interview-individual = één-op-één
researcher-interview-notes = Aantekeningen
researcher-interview-quotes = Letterlijke uitspraken (één per regel)
researcher-interview-general = Algemeen
researcher-interview-save = Opslaan
researcher-interview-saved = Opgeslagen.
researcher-interview-names = Schrijf geen namen op.
researcher-interview-restored = Aantekeningen die nog niet waren opgeslagen, zijn teruggezet uit dit apparaat.
researcher-interview-autosaved = Automatisch opgeslagen.
researcher-interview-themes = De vraagstukken van het project

## Vergelijking, rapport en exports
comparison-link = Vergelijking
comparison-title = Vergelijking: { $theme }
comparison-theme = Thema
comparison-wave = Meetmoment
comparison-all-waves = Alle meetmomenten
comparison-against = Vergelijk met meetmoment
comparison-no-against = Niet vergelijken
comparison-filter = Alleen wie antwoordde
comparison-no-filter = Iedereen
comparison-show = Toon
comparison-view = Weergave
comparison-view-charts = Grafieken
comparison-view-table = Tabellen
comparison-report = Rapport om te printen
comparison-report-all = Rapport van alle thema’s
comparison-back = Terug naar de vergelijking
comparison-filter-note = Het filter geldt voor vragenlijsten en gesprekken. Inzichten van professionals zijn niet gefilterd.
comparison-filter-language = Taal: { $language }
comparison-filter-language-note = Het filter op taal geldt voor vragenlijsten. Gesprekken hebben geen taal van een vragenlijst en tellen dan niet mee. Inzichten van professionals zijn niet gefilterd.
comparison-unknown-wave = Dit meetmoment bestaat niet in dit project.
comparison-unknown-filter = Dit filter bestaat niet in dit project.
comparison-codes-heading = Wat noemen professionals, jongeren en ouders?
comparison-codes-caption = Hoe vaak elke groep een code van { $theme } noemde
comparison-codes-none = Er zijn nog geen codes bij dit thema.
comparison-code = Code
comparison-pattern = Overeenkomst of verschil
comparison-quotes = Citaten
comparison-pattern-shared = Overeenkomst: alle groepen noemen dit
comparison-pattern-differs = Verschil: { $raised } wel, { $silent } niet
comparison-pattern-rare = Weinig genoemd
comparison-pattern-none = Niet te vergelijken: minder dan twee groepen
comparison-questions-heading = Gesloten vragen naast elkaar
comparison-questions-none = Bij dit thema zijn geen gesloten vragen aan meer dan één groep gesteld.
comparison-differences = Verschillen
comparison-difference-share = { $first } tegenover { $second }: { $value } procentpunt (95%-interval { $low } tot { $high }).
comparison-difference-marks = { $first } tegenover { $second }: { $value } punt in het gemiddelde cijfer (95%-interval { $low } tot { $high }).
comparison-difference-clear = Een duidelijk verschil.
comparison-difference-unclear = Geen duidelijk verschil: het kan toeval zijn.
comparison-n = n = { $n }
comparison-mean = Gemiddeld cijfer
comparison-median = Mediaan
comparison-marks-note = gemiddeld { $mean } · mediaan { $median }
comparison-group = Groep
comparison-answered = Beantwoord
comparison-share-agree = Aandeel (helemaal) eens
comparison-share-yes = Aandeel ja
comparison-share-pass = Aandeel voldoende (6 of hoger)
comparison-hidden-part = deel verborgen
comparison-table-caption = Antwoorden op: { $question }
comparison-trend-caption = Verloop over de meetmomenten: { $measure } bij “{ $question }”
comparison-method = Werkwijze
comparison-method-audience = { $audience } ({ $round }): { $responses } vragenlijsten, { $conversations } gesprekken.
comparison-method-meetings = Professionals ({ $round }): { $meetings } bijeenkomsten met { $insights } inzichten.
comparison-method-filter = Filter: { $filter }.
comparison-method-threshold = Aantallen onder de { $threshold } tonen we niet, ook niet als je ze zou kunnen uitrekenen uit andere aantallen.
comparison-rules-link = Hoe lezen we overeenkomsten en verschillen?
comparison-rules = Regels van de vergelijking
comparison-rule-raised = Een groep noemt een code als professionals het in minstens één inzicht noemden, of als minstens { $threshold } jongeren of ouders het noemden (in antwoorden of in gesprekken).
comparison-rule-shared = Overeenkomst: alle groepen die iets over dit thema zeiden, noemen de code (en dat zijn er minstens twee).
comparison-rule-differs = Verschil: sommige groepen noemen de code, andere groepen die wel iets over dit thema zeiden niet.
comparison-rule-difference = Bij gesloten vragen vergelijken we het aandeel dat het (helemaal) eens is of ja zegt, in procentpunten, met een 95%-interval (Newcombe). Bij rapportcijfers het verschil in gemiddelde (95%-interval). Valt 0 buiten het interval, dan noemen we het verschil duidelijk.
comparison-rule-suppressed = Aantallen van jongeren en ouders onder de { $threshold } tonen we niet. Is er maar één klein aantal, dan verbergen we ook het volgende kleinste, zodat niemand het kan uitrekenen uit het totaal. Bij een filter verbergen we ook aantallen waarvan de rest buiten het filter klein is.
comparison-threshold = Drempel voor aantallen
comparison-threshold-label = Kleinste aantal dat we tonen
comparison-threshold-hint = Minstens 3. Voor dit project geldt het overal: in de vergelijking, het rapport en de export van aantallen.
comparison-threshold-save = Drempel opslaan
comparison-threshold-invalid = De drempel moet een heel getal zijn van 3 tot en met 100.
comparison-exports = Exporteren
comparison-export-aggregates = Aantallen van de vergelijking (CSV, met de drempel)
comparison-export-questionnaire = Vragenlijst
comparison-export-format = Bestand
comparison-format-csv-semicolon = Antwoorden, CSV met puntkomma (Nederlandse Excel)
comparison-format-csv-comma = Antwoorden, CSV met komma
comparison-format-xlsx = Antwoorden, Excel (XLSX) met codeboek
comparison-format-json = Antwoorden, JSON
comparison-format-codebook = Codeboek (variabelen en labels), CSV
comparison-format-r = R-script dat de CSV met labels inleest
comparison-format-spss = SPSS-syntax die de CSV met labels inleest
comparison-format-fragments = Gecodeerde fragmenten en inzichten, CSV
comparison-export-download = Downloaden
report-title = Rapport { $project }
report-made-on = Gemaakt op { $day }
report-scope-against = { $first } tegenover { $second }
report-method-rules = Een groep noemt iets als professionals het in minstens één inzicht noemden, of minstens { $threshold } jongeren of ouders. Aantallen onder de { $threshold } staan er niet in. Verschillen bij gesloten vragen staan in procentpunten met een 95%-interval.
export-var-response = Nummer van de respons
export-var-version = Versie van de vragenlijst
export-var-audience = Doelgroep
export-var-wave = Meetmoment
export-var-group = Groep (school, locatie)
export-var-language = Taal
export-var-date = Datum van insturen
export-chosen = gekozen
export-not-chosen = niet gekozen
export-awaiting-review = [nog niet nagekeken op persoonsgegevens]
export-sheet-data = Antwoorden
export-sheet-codebook = Codeboek
export-source-answer = antwoord
export-source-insight = inzicht
export-source-quote = citaat

## Errors in the workspace
workspace-error-forbidden-title = Geen toegang
workspace-error-forbidden = U heeft geen toegang tot deze pagina. Vraag de eigenaar van het project of een beheerder om toegang.
workspace-error-not-found-title = Niet gevonden
workspace-error-not-found = Dit onderdeel bestaat niet (meer) in dit project.
workspace-error-invalid-title = Het formulier klopt niet
workspace-error-invalid = Dit formulier kon niet worden verwerkt. Ga terug, laad de pagina opnieuw en probeer het nog eens.
workspace-error-csrf-title = Formulier verlopen
workspace-error-csrf = Dit formulier is verlopen of kwam van een andere website. Ga terug, laad de pagina opnieuw en probeer het nog eens.
workspace-error-internal-title = Er ging iets mis
workspace-error-internal = Er ging iets mis aan onze kant. Er is niets veranderd. Probeer het later opnieuw.
workspace-error-home = Naar mijn projecten

front-title = Samen in gesprek over opgroeien
front-what = Met Samenspraak vragen gemeenten en organisaties jongeren en ouders wat zij belangrijk vinden. Hun antwoorden leggen we naast wat professionals zeggen, zodat we samen zien wat beter kan.
front-anonymous = Je vult de vragen in zonder je naam. Niemand kan zien welke antwoorden van jou zijn.
front-code-label = Heb je een code?
front-code-hint = Je vindt de code op de flyer of in de brief. Bijvoorbeeld: VERZ-M26J.
front-code-go = Naar de vragen
front-code-missing = Typ de code die je kreeg.
front-code-unknown = We kennen deze code niet. Kijk of je hem goed hebt overgenomen.
front-researchers = Werk je mee aan een onderzoek?
front-workspace = Naar het werkgedeelte voor onderzoekers

first-run-title = Eerste beheerder
first-run-intro = Samenspraak heeft nog geen accounts. Maak hier het account van de eerste beheerder. Deze link werkt één keer en een uur lang.
first-run-again = Wachtwoord nog een keer
first-run-submit = Beheerder maken
first-run-differ = De twee wachtwoorden zijn niet gelijk.

# The linkage code (koppelcode): a few stable questions that become a secret code
respondent-code-explain =
    { ADDRESS() ->
        [u] We vragen niet naar uw naam. Van uw antwoorden hieronder maken we een geheime code. Zo kunnen we uw antwoorden van nu en later naast elkaar leggen. Niemand kan aan de code zien wie u bent, wij ook niet.
       *[je] We vragen niet naar je naam. Van je antwoorden hieronder maken we een geheime code. Zo kunnen we je antwoorden van nu en later naast elkaar leggen. Niemand kan aan de code zien wie je bent, wij ook niet.
    }
respondent-code-decline =
    { ADDRESS() ->
        [u] Liever niet. Ik maak geen code.
       *[je] Liever niet. Ik maak geen code.
    }
respondent-code-kept =
    { ADDRESS() ->
        [u] Uw code is bewaard. Vul alleen iets in als u iets wilt veranderen.
       *[je] Je code is bewaard. Vul alleen iets in als je iets wilt veranderen.
    }
respondent-code-choose = Kies
respondent-code-or-more = { $n } of meer
respondent-code-letter-hint = Eén letter
respondent-error-code-incomplete =
    { ADDRESS() ->
        [u] Beantwoord elke vraag van de code. Of kies ‘Liever niet’.
       *[je] Beantwoord elke vraag van de code. Of kies ‘Liever niet’.
    }
respondent-error-code-letter = Vul bij een letter één letter in, van A tot Z.
linkage-part-moeder-letter =
    { ADDRESS() ->
        [u] Met welke letter begint de voornaam van uw moeder?
       *[je] Met welke letter begint de voornaam van je moeder (of verzorger)?
    }
linkage-part-vader-letter =
    { ADDRESS() ->
        [u] Met welke letter begint de voornaam van uw vader?
       *[je] Met welke letter begint de voornaam van je vader (of een andere verzorger)?
    }
linkage-part-eigen-letter =
    { ADDRESS() ->
        [u] Met welke letter begint uw eigen voornaam?
       *[je] Met welke letter begint je eigen voornaam?
    }
linkage-part-geboortemaand =
    { ADDRESS() ->
        [u] In welke maand bent u geboren?
       *[je] In welke maand ben je geboren?
    }
linkage-part-geboortedag =
    { ADDRESS() ->
        [u] Op welke dag van de maand bent u geboren?
       *[je] Op welke dag van de maand ben je geboren?
    }
linkage-part-achternaam-tweede-letter =
    { ADDRESS() ->
        [u] Wat is de tweede letter van uw achternaam?
       *[je] Wat is de tweede letter van je achternaam?
    }
linkage-part-oudere-broers-zussen =
    { ADDRESS() ->
        [u] Hoeveel oudere broers en zussen hebt u?
       *[je] Hoeveel oudere broers en zussen heb je?
    }
linkage-part-geboorteplaats-letter =
    { ADDRESS() ->
        [u] Met welke letter begint de plaats waar u bent geboren?
       *[je] Met welke letter begint de plaats waar je bent geboren?
    }
linkage-part-oogkleur =
    { ADDRESS() ->
        [u] Welke kleur hebben uw ogen?
       *[je] Welke kleur hebben je ogen?
    }
respondent-month-1 = januari
respondent-month-2 = februari
respondent-month-3 = maart
respondent-month-4 = april
respondent-month-5 = mei
respondent-month-6 = juni
respondent-month-7 = juli
respondent-month-8 = augustus
respondent-month-9 = september
respondent-month-10 = oktober
respondent-month-11 = november
respondent-month-12 = december
respondent-eye-bruin = Bruin
respondent-eye-blauw = Blauw
respondent-eye-groen = Groen
respondent-eye-grijs = Grijs
respondent-eye-anders = Een andere kleur

# Linkage code: the editor and its catalogue
researcher-type-linkage = Koppelcode (dezelfde jongeren volgen)
researcher-question-parts-hint = Bij een koppelcode: één onderdeel per regel. Een sleutel uit de catalogus hieronder, of een eigen onderdeel: ‘sleutel: vraag’ (een letter) of ‘sleutel [0-20]: vraag’ (een getal).
researcher-problem-code-parts = Een koppelcode heeft 4 tot 10 onderdelen.
researcher-problem-code-part = Onderdeel { $part } staat niet in de catalogus, staat er twee keer in, of mist (als eigen onderdeel) een vraag.
researcher-problem-second-code = Een vragenlijst heeft hoogstens één koppelcode.
researcher-problem-code-condition = Een koppelcode kan niet afhangen van een ander antwoord.
researcher-linkage-catalogue = Catalogus: onderdelen voor een koppelcode
researcher-linkage-catalogue-intro = Kies 6 tot 8 onderdelen die elke ronde hetzelfde antwoord geven en die de jongere zelf weet. Uit onderzoek: een maand later gaf 71% precies dezelfde code, en 88% als één onderdeel mocht verschillen (Grube e.a.). Met 8 onderdelen en 2 verschillen werd 95,7% gevonden. Over 12 tot 18 maanden zakt dat naar 50 tot 75% (Yurek e.a. 2008).
researcher-linkage-privacy = Van de antwoorden bewaren we niets. Per onderdeel bewaren we alleen een vingerafdruk, gemaakt met een geheime sleutel die buiten de database staat. Niemand kan de antwoorden of de code terugzien, u ook niet.
researcher-linkage-key = Sleutel
researcher-linkage-question = Vraag aan de jongere
researcher-linkage-stability = Hoe stabiel
researcher-linkage-why = Waarom
researcher-linkage-recommended = aanbevolen
researcher-linkage-very-stable = Zeer stabiel: bijna nooit anders
researcher-linkage-stable = Stabiel: soms anders
researcher-linkage-less-stable = Minder stabiel: vaker anders, alleen naast andere onderdelen
researcher-linkage-why-moeder-letter = Een naam verandert niet, en bijna iedereen weet hem. Alleen de eerste letter: weinig te raden.
researcher-linkage-why-vader-letter = Net zo stabiel als de moeder; een jongere zonder vader kiest een andere verzorger.
researcher-linkage-why-eigen-letter = De eigen naam weet iedereen. Alleen samen met andere onderdelen; op zich zegt één letter weinig.
researcher-linkage-why-geboortemaand = Verandert nooit; wordt zelden verkeerd ingevuld.
researcher-linkage-why-geboortedag = Verandert nooit, maar wordt vaker verkeerd gekozen in een lange lijst.
researcher-linkage-why-achternaam-tweede-letter = Stabiel, maar verandert bij een andere achternaam (bijvoorbeeld na een adoptie).
researcher-linkage-why-oudere-broers-zussen = Verandert soms (een nieuw gezin, halfbroers en -zussen); jongeren tellen niet altijd hetzelfde.
researcher-linkage-why-geboorteplaats-letter = Niet iedereen weet zijn geboorteplaats zeker, en sommigen noemen de eerste woonplaats.
researcher-linkage-why-oogkleur = Kleuren worden verschillend genoemd (grijs of blauw?). Alleen als extra onderdeel.

# Following the same people between rounds (linkage codes)
following-title = Dezelfde mensen gevolgd
following-intro = Wie in twee rondes dezelfde koppelcode gaf, is waarschijnlijk dezelfde persoon. Hier ziet u hoeveel mensen we zo konden volgen, of zij verschillen van de anderen, en hoe hun antwoorden veranderden. Niemand kan zien wie zij zijn, u ook niet.
following-to-comparison = Vergelijking
following-questionnaire = Vragenlijst
following-first = Eerste ronde
following-second = Latere ronde
following-show = Tonen
following-no-code = Geen vragenlijst van dit project vraagt een koppelcode. Voeg in de editor een vraag van het type ‘Koppelcode’ toe.
following-two-rounds = Kies twee verschillende rondes.
following-unknown-questionnaire = Deze vragenlijst vraagt geen koppelcode.
following-report = Wie konden we volgen?
following-report-caption = Koppelcodes van { $audience } per ronde
following-followed = Gevolgd
following-exact = · met precies dezelfde code
following-one-difference = · met 1 onderdeel anders
following-more-differences = · met 2 of meer onderdelen anders
following-not-followed = Niet gevolgd
following-declined = Koos ‘liever niet’
following-without = Geen code (niet gevraagd of leeg gelaten)
following-not-shown = niet getoond
following-bias = Verschillen de gevolgden van de anderen?
following-bias-intro = Uit onderzoek weten we dat wie niet gevolgd kan worden vaak anders is (vaker jongens, vaker zorgen). Vergelijk daarom eerst de antwoorden in de eerste ronde. Is er een duidelijk verschil, lees de veranderingen hieronder dan met voorzichtigheid: ze gelden voor de gevolgden, niet voor iedereen.
following-bias-caption = Antwoorden in { $round }: gevolgd en niet gevolgd
following-bias-none = Te weinig mensen om gevolgden en anderen te vergelijken.
following-question = Vraag (aandeel eens, ja of 6 of hoger)
following-not-followed-all = Niet gevolgd (alle anderen)
following-difference = Verschil
following-clear = duidelijk verschil
following-not-clear = geen duidelijk verschil, het kan toeval zijn
following-points = { $value } procentpunt (95%-interval { $low } tot { $high }): { $verdict }
following-mean = Gemiddeld { $value } punt (95%-interval { $low } tot { $high }): { $verdict }.
following-changes = Wat veranderde bij dezelfde mensen?
following-changes-intro = Alleen wie in beide rondes de vraag beantwoordde telt mee. Een verandering zegt niet waardoor die kwam.
following-change-not-shown = Niet getoond: dan zou een groep van minder dan { $threshold } mensen te herleiden zijn.
following-two-by-two = { $question }: antwoord in de eerste en de latere ronde
following-yes-change = Aandeel ja: { $first } en later { $second }. Verandering: { $change }. McNemar-toets: p = { $p }.
following-moves = { $question }: hoeveel mensen gingen omhoog, bleven gelijk of gingen omlaag
following-people = Mensen
following-up = Hoger (positiever)
following-same = Gelijk
following-down = Lager
following-unknown = ‘Weet ik niet’ in een van beide rondes
following-sign-test = Tekentoets (omhoog tegen omlaag): p = { $p }.
following-method = Hoe we volgen
following-method-matching = Twee antwoorden uit verschillende rondes horen bij elkaar als hun codes in hoogstens { $tolerance } onderdelen verschillen, en als elk voor de ander de enige dichtstbijzijnde is. Codes die in één ronde vaker voorkomen, of met meer even goede kandidaten, koppelen we niet: zo koppelen we liever te weinig dan verkeerd.
following-method-privacy = Van een koppelcode bewaren we per onderdeel alleen een vingerafdruk, gemaakt met een geheime sleutel die buiten de database staat. De code staat nergens in een export, pagina of log.
following-method-threshold = Elk getal op deze pagina is 0 of minstens { $threshold }, en wat overblijft als u het aftrekt van een getal uit de vergelijking ook. Anders tonen we het niet.
following-tolerance = Hoeveel onderdelen mogen verschillen?
following-tolerance-label = Onderdelen die mogen verschillen (0 tot 3)
following-tolerance-hint = Standaard 1. Met 1 verschil vond onderzoek 88% terug in plaats van 71%. Meer verschillen vinden meer mensen terug, maar koppelen ook vaker verkeerd.
following-tolerance-save = Opslaan
following-tolerance-invalid = Kies 0, 1, 2 of 3.
comparison-following-link = Dezelfde mensen volgen tussen rondes

following-duplicates = · dezelfde code twee keer in deze ronde
following-ambiguous = · meer dan één even goede kandidaat
following-no-partner = · geen code die genoeg lijkt
researcher-kind-afspraak = afspraak
researcher-kind-reactie = reactie
action-status-gepland = gepland
action-status-bezig = bezig
action-status-klaar = klaar
action-status-gestopt = gestopt
action-plan = Plan van aanpak
action-plan-intro = De acties die de gezamenlijke bijeenkomst afsprak, per thema: wie ze oppakt, vanaf wanneer, hoe ver ze zijn, en hoe de cijfers die ze moeten verbeteren bewogen.
action-none = Nog geen acties bij dit thema.
action-to-comparison = Naar de vergelijking van dit thema
action-new = Nieuwe actie
action-save-new = Actie opslaan
action-save = Wijzigingen opslaan
action-change = Actie wijzigen
action-delete = Actie verwijderen
action-remove = Weghalen
action-from-insight = Naar aanleiding van { $insight }
action-title-label = Wat is de actie?
action-taken-on-by = Wie pakt het op?
action-taken-on-by-hint = Een organisatie of rol, zoals ‘Wijkteam Noord’ of ‘mentoren van het Da Vinci College’. Geen namen van personen.
action-starts-on = Vanaf
action-status = Stand van zaken
action-description = Toelichting (niet verplicht)
action-facts = { $who } · vanaf { $from } · { $status }
action-answers = Waar deze actie op antwoordt
action-answers-none = Nog niets gekoppeld. Koppel de knelpunten, kansen of codes waar de actie op antwoordt.
action-code-linked = Code: { $code }
action-link-label = Koppel een code of inzicht
action-link-codes = Codes
action-link-insights = Inzichten bij dit thema
action-link-save = Koppelen
action-indicators = Indicatoren
action-indicators-intro = Wat deze actie zou moeten verbeteren, over alle meetmomenten, met dezelfde cijfers en drempel als de vergelijking.
action-no-indicators = Nog geen indicatoren.
action-indicator = Indicator
action-indicators-caption = Indicatoren van “{ $action }” per meetmoment
action-indicator-measure = Wat meten we?
action-indicator-audience = Bij wie?
action-indicator-save = Indicator toevoegen
action-measure-question = { $measure } bij “{ $question }”
action-measure-code = aandeel dat “{ $code }” noemt
action-measure-gone = (niet meer in het project)
action-round-started-during = actie gestart
action-round-first-after = eerste meting na de start
action-not-measured = niet gemeten
action-code-share = { $count } van { $of } ({ $percent })
action-code-count = { $count } van { $of }
action-caution = Let op: als een cijfer na de start van een actie verandert, is dat geen bewijs dat de actie het deed. Ook andere dingen veranderen, en wie meedoet verschilt per meetmoment.
action-log = Logboek
action-log-intro = Wat we beschikbaar stellen en wat de actie oplevert.
action-log-none = Nog niets in het logboek.
action-log-caption = Logboek van “{ $action }”
action-log-date = Datum
action-log-text = Wat
action-log-text-hint = Bijvoorbeeld: ‘Spreekuur elke dinsdag, 12 jongeren kwamen’.
action-log-number = Aantal (niet verplicht)
action-log-number-hint = Een getal dat erbij hoort, zoals uren, euro’s of deelnemers.
action-log-new = Iets toevoegen aan het logboek
action-log-save = Toevoegen
action-problem-title = Schrijf in een paar woorden wat de actie is.
action-problem-taken-on-by = Schrijf welke organisatie of rol de actie oppakt.
action-problem-log-text = Schrijf wat er beschikbaar kwam of wat het opleverde.
action-problem-theme = Kies een thema van dit project.
action-problem-status = Kies een stand van zaken uit de lijst.
action-problem-date = Vul een datum in, bijvoorbeeld 2027-03-01.
action-problem-number = Vul een getal in, bijvoorbeeld 12 of 3,5. Of laat het leeg.
action-problem-personal = Hier lijkt een naam, e-mailadres of telefoonnummer in te staan. Noem een organisatie of rol, geen persoon.
action-problem-too-long = Dit is te lang. Maak het korter.
action-problem-missing = Vul dit in.
action-problem-measure = Kies een vraag of code uit de lijst.
action-problem-audience = Deze vraag is niet aan die groep gesteld, of het is een code bij professionals (hun inzichten zijn uitspraken, geen mensen). Kies een andere groep.
action-make-from-insight = Maak een actie
researcher-actions-link = Plan van aanpak
comparison-actions-heading = Acties bij dit thema
summary-heading = In het kort
summary-shared = Dit noemen alle groepen
summary-shared-none = Geen code die alle groepen vaak noemen.
summary-differs = Dit noemen niet alle groepen
summary-differs-none = Geen duidelijke verschillen in wat de groepen noemen.
summary-quotes = In hun eigen woorden
summary-differences = Waar de groepen duidelijk verschillen
summary-differences-none = Bij de gesloten vragen geen duidelijke verschillen tussen de groepen.
summary-changes = Wat veranderde van { $before } naar { $after }
summary-no-change = Geen duidelijke veranderingen sinds { $round }.
summary-mean = gemiddeld { $mean }
summary-share-agree = { $percent } eens
summary-share-yes = { $percent } ja
summary-size-points = { $value } procentpunt (waarschijnlijk tussen { $low } en { $high })
summary-size-marks = { $value } punt in het gemiddelde cijfer (waarschijnlijk tussen { $low } en { $high })
summary-difference = Bij “{ $question }”: { $high } { $high_value }, { $low } { $low_value }. Een verschil van { $size }.
summary-up = Gestegen
summary-down = Gedaald
summary-change = { $audience } bij “{ $question }”: van { $before } naar { $after }. { $direction } met { $size }.
summary-actions = Acties
summary-method-note = “Duidelijk” betekent: ook de onzekerheid meegeteld, is er een verschil. De cijfers en de werkwijze staan in het volledige rapport.
report-version-summary = Samenvatting (één pagina per thema)
report-version-full = Volledig rapport
report-details = De cijfers
comparison-quotes-heading = Citaten per code
presentation-link = Presentatie voor de beamer
presentation-nav = Schermen
presentation-first = Eerste
presentation-last = Laatste
presentation-previous = Vorige
presentation-next = Volgende
presentation-counter = { $number } van { $count }
presentation-stop = Stoppen
presentation-keys = Met het toetsenbord: pijltjes of spatie voor het volgende scherm, Home en End voor het eerste en laatste.
presentation-quotes = { $audience } in hun eigen woorden
presentation-title = { $theme } ({ $number } van { $count })
