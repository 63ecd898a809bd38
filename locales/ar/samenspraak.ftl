# Arabic. Review by a native speaker: not yet.
# What respondents read (the frame, the introduction, the questions, the end, error pages
# and the front page) is translated. The workspace for researchers is shown in Dutch, so
# its messages below are kept in English until someone translates them.

language-name = العربية
site-name = Samenspraak

## Respondent pages: frame

respondent-language-nav = اختر لغة
respondent-skip-link = انتقل إلى الأسئلة
respondent-footer = إجاباتك مجهولة الاسم. لا نحفظ اسمًا ولا عنوان IP ولا ملفات تعريف الارتباط.

## Respondent pages: introduction

respondent-intro-why = لماذا هذه الأسئلة؟
respondent-intro-how = كيف يعمل ذلك؟
respondent-intro-anonymous = تجيب دون ذكر اسمك. لا نسأل عن اسمك. ولا نحفظ من أنت أو أي جهاز تستخدم.
respondent-intro-voluntary = المشاركة اختيارية. يمكنك التوقف في أي وقت. الأسئلة المكتوب عندها "يمكنك تخطيه" لا يجب أن تجيب عنها.
respondent-intro-duration = { $minutes ->
        [zero] يستغرق ذلك أقل من دقيقة.
        [one] يستغرق ذلك دقيقة واحدة تقريبًا.
        [two] يستغرق ذلك دقيقتين تقريبًا.
        [few] يستغرق ذلك { $minutes } دقائق تقريبًا.
        [many] يستغرق ذلك { $minutes } دقيقة تقريبًا.
       *[other] يستغرق ذلك { $minutes } دقيقة تقريبًا.
    } عدد الأسئلة: { $questions }.
respondent-intro-group = هذا الرابط مخصص لـ: { $group }.
respondent-start = ابدأ

## Respondent pages: questions

respondent-progress = الجزء { $page } من { $pages }
respondent-question-number = السؤال { $number } من { $total }
respondent-optional = (يمكنك تخطيه)
respondent-listen-question = استمع إلى السؤال
respondent-listen-page = استمع إلى كل أسئلة هذا الجزء
respondent-listen-device = القراءة بصوت عالٍ على هذا الجهاز
respondent-listen-stop = إيقاف القراءة
respondent-choose-more = يمكنك اختيار أكثر من إجابة واحدة.
respondent-condition-note = أجب عن هذا السؤال فقط إذا اخترت "{ $answer }" في السؤال { $number }.
respondent-counter = { $count } من { $max } حرفًا
respondent-next = التالي
respondent-back = السابق
respondent-submit = إرسال
respondent-error-title-prefix = انتبه:
respondent-error-summary = انظر مرة أخرى إلى هذه الأسئلة:
respondent-not-kept = لا نستطيع الآن حفظ إجاباتك. ما زالت إجاباتك موجودة في الأسفل. حاول مرة أخرى بعد بضع دقائق.
respondent-error-choose = اختر إجابة.
respondent-error-write = اكتب إجابة.
respondent-error-too-long = إجابتك طويلة جدًا. لا تستخدم أكثر من { $max } حرفًا.

respondent-agree-helemaal-oneens = لا أوافق أبدًا
respondent-agree-oneens = لا أوافق
respondent-agree-neutraal = لا أوافق ولا أرفض
respondent-agree-eens = أوافق
respondent-agree-helemaal-eens = أوافق تمامًا
respondent-agree-weet-niet = لا أعرف
respondent-yes = نعم
respondent-no = لا
respondent-mark-hint = 1 سيئ جدًا، و10 جيد جدًا.

## Respondent pages: the end

respondent-thanks-title = شكرًا لك!
respondent-thanks-body = وصلت إجاباتك بنجاح. يمكنك الآن إغلاق هذه الصفحة.
respondent-thanks-next = نضع كل الإجابات جنبًا إلى جنب. هكذا نرى ما هو مهم للشباب والآباء والمهنيين.

## Error pages (respondents see these)

error-not-found-title = هذا الرابط لا يعمل
error-not-found-body = لا نعرف هذا الرابط. تأكد أنك نسخته بشكل صحيح، أو اطلب رابطًا جديدًا ممن أعطاك إياه.
error-closed-title = هذا الاستبيان مغلق
error-closed-body = لم يعد بإمكانك ملء هذا الاستبيان. شكرًا لأنك أردت المشاركة!
error-not-open-title = هذا الاستبيان لم يُفتح بعد
error-not-open-body = يمكنك ملء هذا الاستبيان ابتداءً من { $date }.
error-expired-title = انتهت صلاحية هذه الصفحة
error-expired-body = لم تعد إجاباتك محفوظة لدينا. ابدأ الاستبيان من جديد.
error-expired-restart = ابدأ من جديد
error-bad-request-title = لم يصل النموذج بشكل صحيح
error-bad-request-body = حدث خطأ في النموذج. ارجع إلى الخلف وحاول مرة أخرى.
error-internal-title = حدث خطأ من جهتنا
error-internal-body = حاول مرة أخرى بعد بضع دقائق. الإجابات التي أرسلتها محفوظة.
error-too-many-starts-title = الضغط كبير جدًا الآن
error-too-many-starts-body = كثير من الناس يبدؤون هذا الاستبيان في الوقت نفسه. انتظر دقيقة وحاول مرة أخرى.

## (English below: the workspace is shown in Dutch.)
## Researcher pages

researcher-site = Samenspraak management
researcher-nav = Main menu
researcher-nav-projects = Projects
researcher-nav-accounts = Accounts
researcher-logged-in-as = Logged in as { $email }
researcher-logout = Log out
researcher-login-title = Log in
researcher-login-email = E-mail address
researcher-login-password = Password
researcher-login-submit = Log in
researcher-login-failed = The e-mail address or the password is not right. After 5 wrong attempts you can only try again after 15 minutes.
researcher-login-busy = Many people are logging in at once. Please try again in a few seconds.
researcher-login-throttled = A wrong password was used too often. Please try again in 15 minutes.
researcher-projects-title = Projects
researcher-projects-empty = You are not a member of any project yet. Ask an administrator or owner to add you.
researcher-role = Role
researcher-role-owner = owner
researcher-role-researcher = researcher
researcher-role-viewer = viewer
researcher-role-none = not a member (administrator)
researcher-audience-youth = young people
researcher-audience-parent = parents
researcher-audience-professional = professionals
researcher-questionnaires = Questionnaires
researcher-questionnaire = Questionnaire
researcher-version = Version
researcher-questions-per-audience = Questions per audience
researcher-waves = Rounds
researcher-wave = Round
researcher-opens = Open from
researcher-closes = Open until
researcher-links = Invitation links
researcher-link = Link
researcher-audience = Audience
researcher-group = Group
researcher-status = Status
researcher-responses = Responses
researcher-responses-suppressed = fewer than { $threshold }
researcher-responses-protecting = hidden
researcher-actions = Actions
researcher-link-open = open
researcher-link-closed = closed
researcher-link-close = Close
researcher-link-reopen = Reopen
researcher-qr-svg = QR code (SVG)
researcher-qr-png = QR code (PNG)
researcher-flyer = Flyer
researcher-new-link = New link
researcher-new-link-group-hint = For example a school or location. Leave empty for everyone.
researcher-new-link-submit = Create link
researcher-members = Members
researcher-member-email = E-mail address
researcher-member-add = Add member
researcher-member-remove = Remove
researcher-member-unknown = There is no account with this e-mail address. An administrator can create it.
researcher-audit = Audit log
researcher-audit-at = When
researcher-audit-who = Who
researcher-audit-what = What
researcher-audit-detail = Details
researcher-accounts-title = Accounts
researcher-account-admin = administrator
researcher-account-new = New account
researcher-account-password = Password (at least 12 characters)
researcher-account-is-admin = Administrator
researcher-account-create = Create account
researcher-account-exists = There is already an account with this e-mail address.
researcher-account-bad-email = Enter a valid e-mail address.
researcher-password-too-short = The password must have at least 12 characters.
researcher-password-too-long = The password may have at most 256 characters.
researcher-password-common = This password is too common. Choose another one.
researcher-password-contains-email = The password must not contain the e-mail address.
researcher-membership = Access to a project
researcher-project = Project
researcher-membership-submit = Give access
researcher-error-summary = Something went wrong:
researcher-saved = Saved.

## Flyer (printed for schools and waiting rooms; B1)

flyer-title = Take part and make your voice heard!
flyer-youth = What do you think? Fill in the short questionnaire. It is anonymous and takes a few minutes.
flyer-parent = What do you think? Fill in the short questionnaire. It is anonymous and takes a few minutes.
flyer-professional = What do you see in your work? Fill in the short questionnaire. It takes a few minutes.
flyer-scan = Scan the QR code with your phone, or type this address:
flyer-print = Print

## Researcher pages: responses

researcher-responses-title = Responses
researcher-responses-link = View responses
researcher-filter = Filter
researcher-filter-all = all
researcher-filter-from = From (date)
researcher-filter-until = Until (date)
researcher-filter-submit = Show
researcher-responses-none = There are no responses (yet) that match this filter.
researcher-responses-limit = The newest { $count } are shown.
researcher-response-date = Submitted on
researcher-response-open = View
researcher-response-title = Response { $id }
researcher-response-question = Question
researcher-response-answer = Answer
researcher-response-not-answered = (not answered)
researcher-response-delete = Delete
researcher-response-delete-reason = Reason for deleting
researcher-response-delete-hint = For example: filled in twice, or clearly not serious. The reason goes into the audit log.
researcher-response-reason-missing = Write down a reason.

## Researcher pages: authoring

researcher-new-project = New project
researcher-project-name = Name
researcher-project-description = Zero-goals and description
researcher-address = Form of address in Dutch: { $audience }
researcher-address-je = "je" (informal)
researcher-address-u = "u" (formal)
researcher-project-create = Create project
researcher-project-settings = Project
researcher-save = Save
researcher-themes = Themes
researcher-theme = Theme
researcher-theme-title = Theme
researcher-theme-description = Explanation
researcher-theme-add = Add theme
researcher-move-up = Up
researcher-move-down = Down
researcher-wave-name = Name
researcher-wave-add = Add round
researcher-wave-dates = The closing date is before the opening date.
researcher-new-questionnaire = New questionnaire
researcher-questionnaire-title = Title
researcher-questionnaire-minutes = Duration in minutes
researcher-questionnaire-create = Create questionnaire
researcher-edit = Edit
researcher-duplicate = Duplicate
researcher-copy-suffix = (copy)
researcher-purpose = Why these questions? ({ $audience })
researcher-questions = Questions
researcher-question-new = New question
researcher-question-key = Key (column name in exports)
researcher-question-key-hint = Leave empty to make it from the text.
researcher-question-type = Kind of question
researcher-question-theme = Theme
researcher-question-required = Required
researcher-question-wording = Text for { $audience }
researcher-question-wording-hint = Leave empty if this audience does not get the question.
researcher-question-help = Explanation for { $audience }
researcher-question-options = Answers (one per line)
researcher-question-options-hint = Write "key: answer" or just the answer.
researcher-question-max = At most this many characters
researcher-question-condition = Only show when this question…
researcher-question-condition-none = always show
researcher-question-condition-value = …has this answer (key)
researcher-question-save = Save question
researcher-question-delete = Delete
researcher-question-preview = Preview on a phone
researcher-type-agreement = Agree/disagree (5 points and don't know)
researcher-type-single = Choose one answer
researcher-type-multiple = Choose several answers
researcher-type-mark = Mark 1–10
researcher-type-yes-no = Yes or no
researcher-type-short = Short text
researcher-type-long = Long text
researcher-readability = Maybe too hard for B1: reading ease { $ease }, longest sentence { $words } words.
researcher-readability-long-words = Long words: { $words }.
researcher-version-new = Version { $old } already has answers. Your change is in version { $new }; earlier answers keep their version.
researcher-problem-key = The key may only have lower-case letters, digits, - and _.
researcher-problem-duplicate-key = This key already exists in the questionnaire.
researcher-problem-theme = Choose a theme.
researcher-problem-no-wording = Write the question for at least one audience.
researcher-problem-empty-wording = The text for { $audience } is empty.
researcher-problem-options = Give at least two different answers.
researcher-problem-option = Answer "{ $option }" has no valid key or text.
researcher-problem-max = The number of characters must be between 1 and { $limit }.
researcher-problem-condition = The condition must refer to an earlier yes/no or choice question, with one of its answers, for the same audiences.
researcher-translations = Translations
researcher-translations-intro = A link offers a language only when everything that audience reads is translated. Out-of-date translations count; check them.
researcher-translation-offered = offered
researcher-translation-progress = { $audience }: { $done } of { $texts } texts translated{ $outdated ->
        [0] {""}
       *[other] , { $outdated } of them out of date
    }
researcher-translate = Translate: { $language }
researcher-translation-text = Text
researcher-translation-dutch = Dutch
researcher-translation-missing = Not translated yet.
researcher-translation-outdated = Out of date: the Dutch changed after this was translated.
researcher-translation-current = Translated.
researcher-translation-still-right = The translation is still right
researcher-translation-saved = { $count ->
        [one] 1 text saved.
       *[other] { $count } texts saved.
    }
researcher-translation-download = For a translator: download all texts as XLIFF (for translation tools) or as a spreadsheet (Excel or CSV).
researcher-translation-file = Take in a translator's translation
researcher-translation-file-label = Paste the XLIFF or CSV file here. It is taken in only when everything is right.
researcher-translation-file-take = Take in
researcher-translation-upload-label = Or send the file itself (Excel, CSV or XLIFF). It is only read in when everything is right.
researcher-translation-upload = Send file
researcher-translation-upload-empty = Choose a file.
researcher-recordings = Read aloud: { $language }
researcher-recordings-intro = Record a question on your phone and send the file here. Whoever answers the questionnaire in this language then hears your voice instead of the computer voice. Read the question, the help and the answers as they are shown below. If the text changes later, people hear the computer voice again until you record the question again.
researcher-recording-heading = { $question } ({ $audience })
researcher-recording-script = What you read:
researcher-recording-synthetic = People now hear the computer voice.
researcher-recording-current = People now hear your recording ({ $size } kB).
researcher-recording-outdated = The recording reads an older text. People now hear the computer voice. Record the question again.
researcher-recording-file = Recording (MP3, M4A, Ogg, WebM or WAV, up to 8 MB)
researcher-recording-save = Save recording
researcher-recording-delete = Delete recording
researcher-recording-listen = Listen to the recording
researcher-recording-saved = The recording has been saved.
researcher-recording-deleted = The recording has been deleted. People hear the computer voice again.
researcher-recording-not-audio = This file is not a sound we know. Choose an MP3, M4A, Ogg, WebM or WAV file.
researcher-recording-empty = Choose a file with the recording.
researcher-recording-unknown = This question does not exist (any more) for this group.
researcher-recordings-heading = Read aloud
researcher-recordings-list = Read aloud yourself instead of the computer voice:
researcher-definition = Definition file
researcher-definition-export = Download the definition file (TOML)
researcher-definition-import = Read a definition file
researcher-definition-import-hint = Paste a definition file of this project here. See docs/questionnaire-format.md.
researcher-definition-import-submit = Read
researcher-definition-other-project = This file belongs to another project.
researcher-definition-owner-only = Only an owner of the project can change the project's name and description. Leave them in the file as they are.
researcher-definition-line = Line { $line }: { $message }

## Researcher pages: own account

researcher-password-title = Change password
researcher-password-current = Current password
researcher-password-new = New password (at least 12 characters)
researcher-password-submit = Change password
researcher-password-wrong = The current password is not right.
researcher-password-changed = Your password has been changed.
researcher-logout-everywhere-title = Log out everywhere
researcher-logout-everywhere-text = Logged in on a computer that is not yours, or lost a device? Log out on every device at once here.
researcher-logout-everywhere = Log out everywhere
researcher-nav-password = Password
researcher-account-delete = Delete account
researcher-account-delete-self = You cannot delete your own account.
researcher-wave-save = Save

## Researcher pages: personal data in open answers

researcher-flag = Possibly personal data: { $kinds }.
researcher-flag-redact = Remove
researcher-flag-keep = It is fine
researcher-flags-open = Note: { $count } open answer(s) with possible personal data.
researcher-kind-email = e-mail address
researcher-kind-phone = phone number
researcher-kind-postcode = postcode
researcher-kind-bsn = citizen service number
researcher-kind-name = name

## Researcher pages: codebook and coding

researcher-codebook = Codebook
researcher-codebook-link = View the codebook
researcher-code = Code
researcher-code-name = Name of the code
researcher-code-description = Description
researcher-code-parent = Falls under
researcher-code-parent-none = (top-level code)
researcher-code-theme = Theme
researcher-code-theme-none = (none)
researcher-code-add = Add code
researcher-code-used = Used
researcher-code-merge = Merge into
researcher-code-merge-submit = Merge
researcher-code-delete = Delete
researcher-code-exists = There is already a code with this name.
researcher-code-name-missing = Give the code a name.
researcher-code-apply = Apply code
researcher-code-fragment = Piece of text (leave empty for the whole answer)
researcher-code-fragment-missing = This piece is not in the answer.
researcher-code-remove = Remove code
researcher-codes-applied = Codes:

## Researcher pages: meetings and insights

researcher-meetings = Professionals' meetings
researcher-meetings-link = Professionals' meetings
researcher-meeting-new = Record a meeting
researcher-meeting-title = Title
researcher-meeting-date = Date
researcher-meeting-sectors = Participants per sector (no names)
researcher-meeting-save = Save meeting
researcher-meeting-insights = Insights
researcher-meeting-none = There are no meetings yet.
researcher-meeting-missing = Give the meeting a title and a date.
researcher-insight-kind = Kind
researcher-insight-statement = Statement
researcher-insight-sector = Sector
researcher-insight-priority = Priority
researcher-insights-add = Add insights
researcher-insights-lines = One insight per line
researcher-insights-lines-hint = For example: knelpunt: Long waiting lists in youth care [jeugdhulp] (5). Kind, [sector] and (votes) may be left out. In a joint meeting: afspraak: … or reactie: ….
researcher-insights-default-kind = Kind when the line names none
researcher-insights-submit = Add
researcher-insights-csv = Read a CSV file
researcher-insights-csv-hint = Columns: thema, soort, uitspraak, and optionally sector and prioriteit. Comma or semicolon. If there is an error nothing is stored.
researcher-insights-csv-submit = Read
researcher-line-problem = Line { $line }: { $problem }
researcher-line-empty = the statement is empty.
researcher-line-too-long = the statement is too long.
researcher-line-kind = kind "{ $value }" does not exist.
researcher-line-sector = sector "{ $value }" does not exist.
researcher-line-theme = theme "{ $value }" does not exist in this project.
researcher-line-priority = priority "{ $value }" is not a number.
researcher-line-column = the column "{ $value }" is missing.
researcher-line-malformed = this line could not be read.
researcher-kind-knelpunt = bottleneck
researcher-kind-kans = opportunity
researcher-kind-voorbeeld = example
researcher-kind-oplossingsrichting = solution direction
researcher-kind-vraag = question
researcher-sector-onderwijs = education
researcher-sector-jeugdhulp = youth care
researcher-sector-gemeente = municipality
researcher-sector-zorg = health care
researcher-sector-politie-justitie = police/justice
researcher-sector-ervaringsdeskundige = expert by experience
researcher-sector-anders = other

## Researcher pages: coding queue

researcher-queue = Coding queue
researcher-queue-link = Code open answers
researcher-queue-question = Open question
researcher-queue-choose = Choose
researcher-queue-remaining = { $count } answer(s) without a code left.
researcher-queue-done = Every answer to this question has a code.
researcher-queue-codes = Codes for this answer
researcher-queue-save = Save and next
researcher-queue-skip = Skip
researcher-queue-keys = Shortcuts: digits 1 to 9 choose a code, Enter saves, S skips.
researcher-queue-no-codes = There are no codes yet. Make them in the codebook first.

## Researcher pages: interviews and group conversations

researcher-interviews = Conversations with young people and parents
researcher-interviews-link = Conversations with young people and parents
researcher-interview-new = Record a conversation
researcher-interview-label = A label, not a name (for example "young person A" or "group 2")
researcher-interview-size = Number of participants (1 is a one-to-one conversation)
researcher-interview-guide = Questionnaire as the guide
researcher-interview-language = Language of the conversation
researcher-interview-start = Start the conversation
researcher-interview-missing = Fill in a label, a date, a round and a questionnaire.
researcher-interview-none = There are no conversations yet.
researcher-interview-group = group of { $size }
researcher-interview-individual = one-to-one
researcher-interview-notes = Notes
researcher-interview-quotes = Verbatim quotes (one per line)
researcher-interview-general = General
researcher-interview-save = Save
researcher-interview-saved = Saved.
researcher-interview-names = Do not write down names.
researcher-interview-restored = Notes that had not been saved yet were restored from this device.
researcher-interview-autosaved = Saved automatically.
researcher-interview-themes = The project's themes

## Comparison, report and exports
comparison-link = Comparison
comparison-title = Comparison: { $theme }
comparison-theme = Theme
comparison-wave = Round
comparison-all-waves = All rounds
comparison-against = Compare with round
comparison-no-against = Do not compare
comparison-filter = Only who answered
comparison-no-filter = Everyone
comparison-show = Show
comparison-view = View
comparison-view-charts = Charts
comparison-view-table = Tables
comparison-report = Printable report
comparison-report-all = Report of all themes
comparison-back = Back to the comparison
comparison-filter-note = The filter applies to questionnaires and conversations. Professionals' insights are not filtered.
comparison-filter-language = Language: { $language }
comparison-filter-language-note = The language filter applies to questionnaires. Conversations have no questionnaire language and are left out. Professionals' insights are not filtered.
comparison-unknown-wave = This round does not exist in this project.
comparison-unknown-filter = This filter does not exist in this project.
comparison-codes-heading = What do professionals, young people and parents raise?
comparison-codes-caption = How often each group raised a code of { $theme }
comparison-codes-none = This theme has no codes yet.
comparison-code = Code
comparison-pattern = Similarity or difference
comparison-quotes = Quotes
comparison-pattern-shared = Similarity: every group raises this
comparison-pattern-differs = Difference: { $raised } do, { $silent } do not
comparison-pattern-rare = Rarely raised
comparison-pattern-none = Not comparable: fewer than two groups
comparison-questions-heading = Closed questions side by side
comparison-questions-none = No closed question of this theme was asked of more than one group.
comparison-differences = Differences
comparison-difference-share = { $first } against { $second }: { $value } percentage points (95% interval { $low } to { $high }).
comparison-difference-marks = { $first } against { $second }: { $value } points in the mean mark (95% interval { $low } to { $high }).
comparison-difference-clear = A clear difference.
comparison-difference-unclear = No clear difference: it may be chance.
comparison-n = n = { $n }
comparison-mean = Mean mark
comparison-median = Median
comparison-marks-note = mean { $mean } · median { $median }
comparison-group = Group
comparison-answered = Answered
comparison-share-agree = Share agreeing
comparison-share-yes = Share yes
comparison-share-pass = Share passing (6 or more)
comparison-hidden-part = part hidden
comparison-table-caption = Answers to: { $question }
comparison-trend-caption = Over the rounds: { $measure } for “{ $question }”
comparison-method = Method
comparison-method-audience = { $audience } ({ $round }): { $responses } questionnaires, { $conversations } conversations.
comparison-method-meetings = Professionals ({ $round }): { $meetings } meetings with { $insights } insights.
comparison-method-filter = Filter: { $filter }.
comparison-method-threshold = Counts below { $threshold } are not shown, not even when they could be worked out from other counts.
comparison-rules-link = How do we read similarities and differences?
comparison-rules = Rules of the comparison
comparison-rule-raised = A group raises a code when professionals named it in at least one insight, or when at least { $threshold } young people or parents named it (in answers or conversations).
comparison-rule-shared = Similarity: every group that said something about this theme raises the code (and there are at least two).
comparison-rule-differs = Difference: some groups raise the code, other groups that did speak about this theme do not.
comparison-rule-difference = For closed questions we compare the share agreeing or saying yes, in percentage points, with a 95% interval (Newcombe). For marks, the difference in means (95% interval). When 0 lies outside the interval, we call the difference clear.
comparison-rule-suppressed = Counts of young people and parents below { $threshold } are not shown. When only one count is small, the next smallest is hidden too, so nobody can work it out from the total. With a filter, counts whose rest outside the filter is small are hidden too.
comparison-threshold = Threshold for counts
comparison-threshold-label = Smallest count we show
comparison-threshold-hint = At least 3. It applies everywhere in this project: the comparison, the report and the export of counts.
comparison-threshold-save = Save threshold
comparison-threshold-invalid = The threshold must be a whole number from 3 to 100.
comparison-exports = Export
comparison-export-aggregates = Counts of the comparison (CSV, with the threshold)
comparison-export-questionnaire = Questionnaire
comparison-export-format = File
comparison-format-csv-semicolon = Answers, CSV with semicolons (Dutch Excel)
comparison-format-csv-comma = Answers, CSV with commas
comparison-format-xlsx = Answers, Excel (XLSX) with codebook
comparison-format-json = Answers, JSON
comparison-format-codebook = Codebook (variables and labels), CSV
comparison-format-r = R script that reads the CSV with labels
comparison-format-spss = SPSS syntax that reads the CSV with labels
comparison-format-fragments = Coded fragments and insights, CSV
comparison-export-download = Download
report-title = Report { $project }
report-made-on = Made on { $day }
report-scope-against = { $first } against { $second }
report-method-rules = A group raises something when professionals named it in at least one insight, or at least { $threshold } young people or parents did. Counts below { $threshold } are left out. Differences in closed questions are in percentage points with a 95% interval.
export-var-response = Response number
export-var-version = Questionnaire version
export-var-audience = Audience
export-var-wave = Round
export-var-group = Group (school, location)
export-var-language = Language
export-var-date = Day submitted
export-chosen = chosen
export-not-chosen = not chosen
export-awaiting-review = [not yet reviewed for personal data]
export-sheet-data = Answers
export-sheet-codebook = Codebook
export-source-answer = answer
export-source-insight = insight
export-source-quote = quote

## Errors in the workspace
workspace-error-forbidden-title = No access
workspace-error-forbidden = You have no access to this page. Ask the project's owner or an administrator for access.
workspace-error-not-found-title = Not found
workspace-error-not-found = This item does not exist (any more) in this project.
workspace-error-invalid-title = The form is not right
workspace-error-invalid = This form could not be processed. Go back, reload the page and try again.
workspace-error-csrf-title = Form expired
workspace-error-csrf = This form has expired or came from another website. Go back, reload the page and try again.
workspace-error-internal-title = Something went wrong
workspace-error-internal = Something went wrong on our side. Nothing was changed. Please try again later.
workspace-error-home = To my projects

front-title = نتحدث معًا عن النشأة
front-what = مع Samenspraak تسأل البلديات والمؤسسات الشباب والآباء عما يهمهم. نضع إجاباتهم بجانب ما يقوله المهنيون، لنرى معًا ما يمكن تحسينه.
front-anonymous = تجيب دون ذكر اسمك. لا يستطيع أحد أن يعرف أي الإجابات لك.
front-code-label = هل لديك رمز؟
front-code-hint = تجد الرمز في المنشور أو في الرسالة. مثلًا: VERZ-M26J.
front-code-go = انتقل إلى الأسئلة
front-code-missing = اكتب الرمز الذي حصلت عليه.
front-code-unknown = لا نعرف هذا الرمز. تأكد أنك كتبته بشكل صحيح.
front-researchers = Are you working on a study?
front-workspace = Go to the workspace for researchers

first-run-title = First administrator
first-run-intro = Samenspraak has no accounts yet. Create the first administrator's account here. This link works once, for one hour.
first-run-again = Password again
first-run-submit = Create administrator
first-run-differ = The two passwords differ.

# The linkage code (koppelcode): a few stable questions that become a secret code
respondent-code-explain = لا نسأل عن اسمك. من إجاباتك أدناه نصنع رمزًا سريًا. به نضع إجاباتك الآن وفيما بعد جنبًا إلى جنب. لا أحد يستطيع أن يعرف من الرمز من أنت، ولا نحن أيضًا.
respondent-code-decline = أفضّل لا. لن أصنع رمزًا.
respondent-code-kept = تم حفظ رمزك. املأ شيئًا فقط إذا أردت تغييره.
respondent-code-choose = اختر
respondent-code-or-more = { $n } أو أكثر
respondent-code-letter-hint = حرف واحد
respondent-error-code-incomplete = أجب عن كل سؤال في الرمز. أو اختر ‚أفضّل لا‘.
respondent-error-code-letter = حيث يُطلب حرف، اكتب حرفًا لاتينيًا واحدًا من A إلى Z.
linkage-part-moeder-letter = بأي حرف يبدأ الاسم الأول لأمك (أو من يرعاك)؟ اكتبه بالحروف اللاتينية.
linkage-part-vader-letter = بأي حرف يبدأ الاسم الأول لأبيك (أو من يرعاك)؟ اكتبه بالحروف اللاتينية.
linkage-part-eigen-letter = بأي حرف يبدأ اسمك الأول؟ اكتبه بالحروف اللاتينية.
linkage-part-geboortemaand = في أي شهر وُلدت؟
linkage-part-geboortedag = في أي يوم من الشهر وُلدت؟
linkage-part-achternaam-tweede-letter = ما هو الحرف الثاني من اسم عائلتك؟ اكتبه بالحروف اللاتينية.
linkage-part-oudere-broers-zussen = كم أخًا وأختًا أكبر منك لديك؟
linkage-part-geboorteplaats-letter = بأي حرف يبدأ اسم المكان الذي وُلدت فيه؟ اكتبه بالحروف اللاتينية.
linkage-part-oogkleur = ما لون عينيك؟
respondent-month-1 = يناير
respondent-month-2 = فبراير
respondent-month-3 = مارس
respondent-month-4 = أبريل
respondent-month-5 = مايو
respondent-month-6 = يونيو
respondent-month-7 = يوليو
respondent-month-8 = أغسطس
respondent-month-9 = سبتمبر
respondent-month-10 = أكتوبر
respondent-month-11 = نوفمبر
respondent-month-12 = ديسمبر
respondent-eye-bruin = بني
respondent-eye-blauw = أزرق
respondent-eye-groen = أخضر
respondent-eye-grijs = رمادي
respondent-eye-anders = لون آخر

# Linkage code: the editor and its catalogue
researcher-type-linkage = Linkage code (follow the same young people)
researcher-question-parts-hint = For a linkage code: one part per line. A key from the catalogue below, or a part of your own: ‘key: question’ (a letter) or ‘key [0-20]: question’ (a number).
researcher-problem-code-parts = A linkage code has 4 to 10 parts.
researcher-problem-code-part = Part { $part } is not in the catalogue, appears twice, or (as a part of your own) has no question.
researcher-problem-second-code = A questionnaire has at most one linkage code.
researcher-problem-code-condition = A linkage code cannot depend on another answer.
researcher-linkage-catalogue = Catalogue: parts for a linkage code
researcher-linkage-catalogue-intro = Choose 6 to 8 parts that give the same answer each round and that the young person knows. From research: a month later 71% gave exactly the same code, and 88% when one part could differ (Grube et al.). With 8 parts and 2 differences, 95.7% were found. Over 12 to 18 months this falls to 50 to 75% (Yurek et al. 2008).
researcher-linkage-privacy = Nothing of the answers is kept. Per part only a fingerprint is kept, made with a secret key kept outside the database. Nobody can see the answers or the code again, you included.
researcher-linkage-key = Key
researcher-linkage-question = Question to the young person
researcher-linkage-stability = How stable
researcher-linkage-why = Why
researcher-linkage-recommended = recommended
researcher-linkage-very-stable = Very stable: almost never different
researcher-linkage-stable = Stable: now and then different
researcher-linkage-less-stable = Less stable: more often different, only next to other parts
researcher-linkage-why-moeder-letter = A name does not change and almost everyone knows it. Only the first letter: little to guess.
researcher-linkage-why-vader-letter = As stable as the mother's; a young person without a father chooses another carer.
researcher-linkage-why-eigen-letter = Everyone knows their own name. Only together with other parts; one letter says little.
researcher-linkage-why-geboortemaand = Never changes; rarely filled in wrongly.
researcher-linkage-why-geboortedag = Never changes, but is more often chosen wrongly from a long list.
researcher-linkage-why-achternaam-tweede-letter = Stable, but changes with another surname (for instance after an adoption).
researcher-linkage-why-oudere-broers-zussen = Sometimes changes (a new family, half-siblings); young people do not always count the same way.
researcher-linkage-why-geboorteplaats-letter = Not everyone is sure of their place of birth, and some give the first place they lived.
researcher-linkage-why-oogkleur = Colours are named differently (grey or blue?). Only as an extra part.

# Following the same people between rounds (linkage codes)
following-title = The same people followed
following-intro = Whoever gave the same linkage code in two rounds is probably the same person. Here you see how many people could be followed this way, whether they differ from the others, and how their answers changed. Nobody can see who they are, you included.
following-to-comparison = Comparison
following-questionnaire = Questionnaire
following-first = First round
following-second = Later round
following-show = Show
following-no-code = No questionnaire of this project asks for a linkage code. Add a question of the type ‘Linkage code’ in the editor.
following-two-rounds = Choose two different rounds.
following-unknown-questionnaire = This questionnaire does not ask for a linkage code.
following-report = Who could be followed?
following-report-caption = Linkage codes of { $audience } per round
following-followed = Followed
following-exact = · with exactly the same code
following-one-difference = · with 1 part different
following-more-differences = · with 2 or more parts different
following-not-followed = Not followed
following-declined = Chose ‘rather not’
following-without = No code (not asked or left empty)
following-not-shown = not shown
following-bias = Do those followed differ from the others?
following-bias-intro = Research shows that those who cannot be followed often differ (more often boys, more often worries). So first compare the answers in the first round. Where there is a clear difference, read the changes below with care: they hold for those followed, not for everyone.
following-bias-caption = Answers in { $round }: followed and not followed
following-bias-none = Too few people to compare those followed with the others.
following-question = Question (share agreeing, yes, or 6 or more)
following-not-followed-all = Not followed (everyone else)
following-difference = Difference
following-clear = clear difference
following-not-clear = no clear difference, it may be chance
following-points = { $value } percentage points (95% interval { $low } to { $high }): { $verdict }
following-mean = On average { $value } points (95% interval { $low } to { $high }): { $verdict }.
following-changes = What changed for the same people?
following-changes-intro = Only those who answered the question in both rounds count. A change does not say what caused it.
following-change-not-shown = Not shown: it would let a group of fewer than { $threshold } people be worked out.
following-two-by-two = { $question }: answer in the first and the later round
following-yes-change = Share saying yes: { $first }, later { $second }. Change: { $change }. McNemar test: p = { $p }.
following-moves = { $question }: how many people moved up, stayed or moved down
following-people = People
following-up = Higher (more positive)
following-same = Same
following-down = Lower
following-unknown = ‘Don't know’ in one of the rounds
following-sign-test = Sign test (up against down): p = { $p }.
following-method = How we follow
following-method-matching = Two responses from different rounds belong together when their codes differ in at most { $tolerance } parts and each is the other's one nearest. Codes that appear more than once in a round, or with several equally good candidates, are not linked: we would rather link too few than wrongly.
following-method-privacy = Of a linkage code only a fingerprint per part is kept, made with a secret key outside the database. The code is in no export, page or log.
following-method-threshold = Every number on this page is 0 or at least { $threshold }, and so is what remains when you subtract it from a number in the comparison. Otherwise it is not shown.
following-tolerance = How many parts may differ?
following-tolerance-label = Parts that may differ (0 to 3)
following-tolerance-hint = Default 1. With 1 difference, research found 88% again instead of 71%. More differences find more people, but also link wrongly more often.
following-tolerance-save = Save
following-tolerance-invalid = Choose 0, 1, 2 or 3.
comparison-following-link = Follow the same people between rounds

following-duplicates = · the same code twice in this round
following-ambiguous = · more than one equally good candidate
following-no-partner = · no code close enough
researcher-kind-afspraak = agreement
researcher-kind-reactie = reaction
action-status-gepland = planned
action-status-bezig = under way
action-status-klaar = done
action-status-gestopt = stopped
action-plan = Action plan
action-plan-intro = The actions the joint meeting agreed on, per theme: who takes them on, from when, how far they are, and how the figures they should improve moved.
action-none = No actions for this theme yet.
action-to-comparison = To this theme's comparison
action-new = New action
action-save-new = Save action
action-save = Save changes
action-change = Change the action
action-delete = Delete action
action-remove = Remove
action-from-insight = Following { $insight }
action-title-label = What is the action?
action-taken-on-by = Who takes it on?
action-taken-on-by-hint = An organisation or role, such as 'Wijkteam Noord' or 'mentors at the Da Vinci College'. No names of people.
action-starts-on = From
action-status = Status
action-description = Explanation (optional)
action-facts = { $who } · from { $from } · { $status }
action-answers = What this action answers
action-answers-none = Nothing linked yet. Link the bottlenecks, chances or codes the action answers.
action-code-linked = Code: { $code }
action-link-label = Link a code or insight
action-link-codes = Codes
action-link-insights = Insights on this theme
action-link-save = Link
action-indicators = Indicators
action-indicators-intro = What this action should improve, over all rounds, with the same figures and threshold as the comparison.
action-no-indicators = No indicators yet.
action-indicator = Indicator
action-indicators-caption = Indicators of “{ $action }” per round
action-indicator-measure = What do we measure?
action-indicator-audience = Among whom?
action-indicator-save = Add indicator
action-measure-question = { $measure } on “{ $question }”
action-measure-code = share raising “{ $code }”
action-measure-gone = (no longer in the project)
action-round-started-during = action started
action-round-first-after = first round after the start
action-not-measured = not measured
action-code-share = { $count } of { $of } ({ $percent })
action-code-count = { $count } of { $of }
action-caution = Note: when a figure changes after an action started, that is no proof that the action did it. Other things change too, and who takes part differs per round.
action-log = Log
action-log-intro = What we make available and what the action produces.
action-log-none = Nothing in the log yet.
action-log-caption = Log of “{ $action }”
action-log-date = Date
action-log-text = What
action-log-text-hint = For example: 'Drop-in every Tuesday, 12 young people came'.
action-log-number = Number (optional)
action-log-number-hint = A number that goes with it, such as hours, euros or participants.
action-log-new = Add to the log
action-log-save = Add
action-problem-title = Write in a few words what the action is.
action-problem-taken-on-by = Write which organisation or role takes the action on.
action-problem-log-text = Write what was made available or what it produced.
action-problem-theme = Choose a theme of this project.
action-problem-status = Choose a status from the list.
action-problem-date = Enter a date, for example 2027-03-01.
action-problem-number = Enter a number, for example 12 or 3.5. Or leave it empty.
action-problem-personal = This seems to hold a name, e-mail address or phone number. Name an organisation or role, not a person.
action-problem-too-long = This is too long. Make it shorter.
action-problem-missing = Fill this in.
action-problem-measure = Choose a question or code from the list.
action-problem-audience = This question was not asked of that group, or it is a code among professionals (their insights are statements, not people). Choose another group.
action-make-from-insight = Make an action
researcher-actions-link = Action plan
comparison-actions-heading = Actions for this theme
summary-heading = In brief
summary-shared = What every group names
summary-shared-none = No code that every group often names.
summary-differs = What not every group names
summary-differs-none = No clear differences in what the groups name.
summary-quotes = In their own words
summary-differences = Where the groups clearly differ
summary-differences-none = No clear differences between the groups on the closed questions.
summary-changes = What changed from { $before } to { $after }
summary-no-change = No clear changes since { $round }.
summary-mean = on average { $mean }
summary-share-agree = { $percent } agree
summary-share-yes = { $percent } yes
summary-size-points = { $value } percentage points (probably between { $low } and { $high })
summary-size-marks = { $value } points in the mean mark (probably between { $low } and { $high })
summary-difference = On “{ $question }”: { $high } { $high_value }, { $low } { $low_value }. A difference of { $size }.
summary-up = Up
summary-down = Down
summary-change = { $audience } on “{ $question }”: from { $before } to { $after }. { $direction } by { $size }.
summary-actions = Actions
summary-method-note = “Clear” means: with the uncertainty counted in, there is a difference. The figures and the method are in the full report.
report-version-summary = Summary (one page per theme)
report-version-full = Full report
report-details = The figures
comparison-quotes-heading = Quotes per code
presentation-link = Presentation for the projector
presentation-nav = Screens
presentation-first = First
presentation-last = Last
presentation-previous = Previous
presentation-next = Next
presentation-counter = { $number } of { $count }
presentation-stop = Stop
presentation-keys = With the keyboard: arrows or space for the next screen, Home and End for the first and last.
presentation-quotes = { $audience } in their own words
presentation-title = { $theme } ({ $number } of { $count })
