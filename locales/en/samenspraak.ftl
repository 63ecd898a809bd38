language-name = English
site-name = Samenspraak

## Respondent pages: frame

respondent-language-nav = Choose a language
respondent-skip-link = Go to the questions
respondent-footer = Your answers are anonymous. We keep no name, no IP address and no cookies.

## Respondent pages: introduction

respondent-intro-why = Why these questions?
respondent-intro-how = How does it work?
respondent-intro-anonymous = You answer anonymously. We do not ask for your name. We do not keep who you are or which device you use.
respondent-intro-voluntary = Taking part is your choice. You can stop at any time. You may skip questions marked "you may skip this".
respondent-intro-duration = { $minutes ->
        [one] It takes about 1 minute.
       *[other] It takes about { $minutes } minutes.
    } There are { $questions } questions.
respondent-intro-group = This link is for: { $group }.
respondent-start = Start

## Respondent pages: questions

respondent-progress = Part { $page } of { $pages }
respondent-question-number = Question { $number } of { $total }
respondent-optional = (you may skip this)
respondent-choose-more = You may choose more than one answer.
respondent-condition-note = Only answer this if you chose "{ $answer }" at question { $number }.
respondent-counter = { $count } of { $max } characters
respondent-next = Next
respondent-back = Back
respondent-submit = Send
respondent-error-title-prefix = Please check:
respondent-error-summary = Please look at these questions again:
respondent-error-choose = Choose an answer.
respondent-error-write = Write an answer.
respondent-error-too-long = Your answer is too long. Use no more than { $max } characters.

respondent-agree-helemaal-oneens = Strongly disagree
respondent-agree-oneens = Disagree
respondent-agree-neutraal = Neither agree nor disagree
respondent-agree-eens = Agree
respondent-agree-helemaal-eens = Strongly agree
respondent-agree-weet-niet = I don't know
respondent-yes = Yes
respondent-no = No
respondent-mark-hint = 1 is very bad, 10 is very good.

## Respondent pages: the end

respondent-thanks-title = Thank you!
respondent-thanks-body = Your answers have arrived. You can close this page now.
respondent-thanks-next = We lay all answers side by side, to see what young people, parents and professionals find important.

## Error pages (respondents see these)

error-not-found-title = This link does not work
error-not-found-body = We do not know this link. Check that you copied it correctly, or ask whoever gave it to you for a new one.
error-closed-title = This questionnaire is closed
error-closed-body = You can no longer fill in this questionnaire. Thank you for wanting to take part!
error-not-open-title = This questionnaire is not open yet
error-not-open-body = You can fill in this questionnaire from { $date }.
error-expired-title = This page has expired
error-expired-body = We no longer have your answers. Please start the questionnaire again.
error-expired-restart = Start again
error-bad-request-title = The form did not arrive correctly
error-bad-request-body = Something went wrong with the form. Go back and try again.
error-internal-title = Something went wrong on our side
error-internal-body = Please try again in a few minutes. Answers you already sent have been kept.
