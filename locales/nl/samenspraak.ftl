# Dutch is the default language and must be complete. Respondent texts are written at B1
# level: short sentences, everyday words, "je".

language-name = Nederlands
site-name = Samenspraak

## Respondent pages: frame

respondent-language-nav = Kies een taal
respondent-skip-link = Ga naar de vragen
respondent-footer = Je antwoorden zijn anoniem. We bewaren geen naam, geen IP-adres en geen cookies.

## Respondent pages: introduction

respondent-intro-why = Waarom deze vragen?
respondent-intro-how = Hoe werkt het?
respondent-intro-anonymous = Je vult de vragen anoniem in. We vragen niet naar je naam. We bewaren niet wie je bent of welk apparaat je gebruikt.
respondent-intro-voluntary = Meedoen mag, het hoeft niet. Je mag altijd stoppen. Vragen met "mag je overslaan" hoef je niet te beantwoorden.
respondent-intro-duration = { $minutes ->
        [one] Het duurt ongeveer 1 minuut.
       *[other] Het duurt ongeveer { $minutes } minuten.
    } Er zijn { $questions } vragen.
respondent-intro-group = Deze link is voor: { $group }.
respondent-start = Beginnen

## Respondent pages: questions

respondent-progress = Deel { $page } van { $pages }
respondent-question-number = Vraag { $number } van { $total }
respondent-optional = (mag je overslaan)
respondent-choose-more = Je mag meer dan één antwoord kiezen.
respondent-condition-note = Alleen invullen als je bij vraag { $number } "{ $answer }" hebt gekozen.
respondent-counter = { $count } van { $max } tekens
respondent-next = Volgende
respondent-back = Vorige
respondent-submit = Versturen
respondent-error-title-prefix = Let op:
respondent-error-summary = Kijk nog even naar deze vragen:
respondent-error-choose = Kies een antwoord.
respondent-error-write = Schrijf een antwoord.
respondent-error-too-long = Je antwoord is te lang. Gebruik niet meer dan { $max } tekens.

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
respondent-thanks-body = Je antwoorden zijn goed aangekomen. Je kunt deze pagina nu sluiten.
respondent-thanks-next = We leggen alle antwoorden naast elkaar. Zo zien we wat jongeren, ouders en professionals belangrijk vinden.

## Error pages (respondents see these)

error-not-found-title = Deze link werkt niet
error-not-found-body = We kennen deze link niet. Kijk of je de link goed hebt overgenomen. Of vraag een nieuwe link aan wie je hem gaf.
error-closed-title = Deze vragenlijst is gesloten
error-closed-body = Je kunt deze vragenlijst niet meer invullen. Bedankt dat je wilde meedoen!
error-not-open-title = Deze vragenlijst is nog niet open
error-not-open-body = Je kunt deze vragenlijst invullen vanaf { $date }.
error-expired-title = Deze pagina is verlopen
error-expired-body = We hebben je antwoorden niet meer. Begin opnieuw met de vragenlijst.
error-expired-restart = Opnieuw beginnen
error-bad-request-title = Het formulier kwam niet goed aan
error-bad-request-body = Er ging iets mis met het formulier. Ga terug en probeer het nog een keer.
error-internal-title = Er ging iets mis bij ons
error-internal-body = Probeer het over een paar minuten nog een keer. Antwoorden die je al hebt verstuurd, zijn bewaard.
