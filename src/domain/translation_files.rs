//! Translations to and from a translator: one language of one questionnaire as an XLIFF 2.0
//! file (what translation tools open) or as a spreadsheet (XLSX or CSV: id, Dutch,
//! translation, status), and taking a returned file in, checked like an import — problems by line, and
//! nothing taken while there is one.
//!
//! A returned text keeps the Dutch it was translated from (the file's source column), so a
//! file translated from Dutch that has changed since comes back marked out of date.

use super::Questionnaire;
use super::translation::{SOURCE_LANGUAGE, TextRef, TextState, Translated, is_language_code};
use quick_xml::escape::escape;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// The longest translated text (as in definition files).
pub const TEXT_MAX: usize = 5000;

/// One text as it comes back from a translator (or from the editor's form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    pub at: String,
    /// The Dutch it was translated from, when the file carries it; otherwise today's Dutch.
    pub source: Option<String>,
    pub text: String,
    /// Where it stood in the file (1-based), for problems.
    pub line: usize,
}

/// Problems with a returned file, each with its line.
pub type Problems = Vec<(usize, String)>;

/// The state of a text as a file says it: XLIFF's segment states and the spreadsheet's.
fn state_word(state: TextState) -> (&'static str, &'static str) {
    match state {
        TextState::Missing => ("initial", "ontbreekt"),
        TextState::OutOfDate => ("initial", "verouderd"),
        TextState::Current => ("translated", "vertaald"),
    }
}

/// Every text a respondent can read, as (where, Dutch, translation or "", state).
fn rows<'q>(q: &'q Questionnaire, language: &str) -> Vec<(TextRef, &'q str, &'q str, TextState)> {
    q.sources(None)
        .into_iter()
        .map(|(at, dutch)| {
            let state = q.text_state(language, &at);
            let text = q
                .translations
                .get(language)
                .and_then(|t| t.get(&at))
                .map_or("", |t| t.text.as_str());
            (at, dutch, text, state)
        })
        .collect()
}

/// One language of a questionnaire as XLIFF 2.0: a unit per text, its id the text's place
/// (`q.leeftijd.parent`), out-of-date and missing texts in state `initial`.
pub fn to_xliff(q: &Questionnaire, project: &str, language: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
         srcLang=\"{SOURCE_LANGUAGE}\" trgLang=\"{}\">\n  <file id=\"{}\" original=\"{}/{}\">\n",
        escape(language),
        escape(&q.key),
        escape(project),
        escape(&q.key),
    );
    for (at, dutch, text, state) in rows(q, language) {
        let (state, note) = state_word(state);
        out.push_str(&format!("    <unit id=\"{}\">\n", escape(at.to_string())));
        if note == "verouderd" {
            out.push_str(
                "      <notes><note category=\"samenspraak\">The Dutch changed after this was translated.</note></notes>\n",
            );
        }
        out.push_str(&format!(
            "      <segment state=\"{state}\">\n        <source>{}</source>\n",
            escape(dutch)
        ));
        if !text.is_empty() {
            out.push_str(&format!("        <target>{}</target>\n", escape(text)));
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

/// The texts of an XLIFF 2.0 file for `language`. A unit without a target (or an empty
/// one) is left out: it was not translated.
pub fn from_xliff(xml: &str, language: &str) -> Result<Vec<Returned>, Problems> {
    let line_of = |pos: u64| xml[..(pos as usize).min(xml.len())].matches('\n').count() + 1;
    let mut reader = Reader::from_str(xml);
    let mut problems = Problems::new();
    let mut out = Vec::new();
    let mut seen_root = false;
    // The unit being read: (id, line, source, target), and the element whose text we are in.
    let mut unit: Option<(String, usize, Option<String>, Option<String>)> = None;
    let mut inside: Option<&'static str> = None;
    let mut text = String::new();
    loop {
        let at = line_of(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                problems.push((line_of(reader.error_position()), format!("not XLIFF: {e}")));
                return Err(problems);
            }
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let attribute = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                match e.local_name().as_ref() {
                    "xliff" => {
                        seen_root = true;
                        if attribute("version").as_deref() != Some("2.0") {
                            problems.push((at, "only XLIFF version 2.0 is read".into()));
                        }
                        match attribute("trgLang") {
                            Some(l) if l.eq_ignore_ascii_case(language) => {}
                            Some(l) => problems
                                .push((at, format!("the file is for `{l}`, not for `{language}`"))),
                            None => problems.push((at, "the file names no trgLang".into())),
                        }
                    }
                    "unit" => {
                        let id = attribute("id").unwrap_or_default();
                        unit = Some((id, at, None, None));
                    }
                    "source" if unit.is_some() => {
                        inside = Some("source");
                        text.clear();
                    }
                    "target" if unit.is_some() => {
                        inside = Some("target");
                        text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if inside.is_some() => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside.is_some() => {
                let name = r.xml10_content();
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(c) => text.push_str(c),
                    None => match r.resolve_char_ref() {
                        Ok(Some(c)) => text.push(c),
                        _ => problems.push((at, format!("unknown entity `&{name};`"))),
                    },
                }
            }
            Event::CData(c) if inside.is_some() => text.push_str(&c.xml10_content()),
            Event::End(e) => match e.local_name().as_ref() {
                "source" | "target" => {
                    if let (Some(which), Some(u)) = (inside.take(), unit.as_mut()) {
                        let slot = if which == "source" {
                            &mut u.2
                        } else {
                            &mut u.3
                        };
                        *slot = Some(std::mem::take(&mut text));
                    }
                }
                "unit" => {
                    if let Some((id, line, source, Some(target))) = unit.take()
                        && !target.trim().is_empty()
                    {
                        out.push(Returned {
                            at: id,
                            source,
                            text: target,
                            line,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        problems.push((1, "not an XLIFF file: no <xliff> element".into()));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The heading of a translation spreadsheet.
pub const SHEET_HEADER: [&str; 4] = ["id", "nl", "vertaling", "status"];

/// One language of a questionnaire as a spreadsheet (CSV, comma separated, UTF-8 with a
/// byte order mark so Excel reads the letters right).
pub fn to_sheet(q: &Questionnaire, language: &str) -> Vec<u8> {
    let mut header = SHEET_HEADER.map(str::to_owned);
    header[2] = language.to_owned();
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = writer.write_record(&header);
    for (at, dutch, text, state) in rows(q, language) {
        let _ = writer.write_record([&at.to_string(), dutch, text, state_word(state).1]);
    }
    writer.into_inner().unwrap_or_default()
}

/// The texts of a returned spreadsheet: its first column the id, the second the Dutch it
/// was translated from, the third the translation; a row without a translation is left
/// out. A comma or semicolon separates the columns (Dutch Excel writes semicolons). A
/// heading that names another language than `language` (as `to_sheet` writes it) is refused.
pub fn from_sheet(bytes: &[u8], language: &str) -> Result<Vec<Returned>, Problems> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let separator = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(bytes);
    let header: Option<Vec<String>> = reader
        .headers()
        .ok()
        .map(|h| h.iter().map(str::to_owned).collect());
    let rows = reader.records().map(|record| match record {
        Ok(r) => Ok((
            r.position().map_or(0, |p| p.line() as usize),
            r.iter().map(str::to_owned).collect(),
        )),
        Err(e) => Err((
            e.position().map_or(0, |p| p.line() as usize),
            format!("unreadable row: {e}"),
        )),
    });
    from_rows(header, rows, language)
}

/// One language of a questionnaire as an Excel workbook: the columns of [`to_sheet`], the
/// heading frozen, long texts wrapped, the translation column wide.
pub fn to_workbook(q: &Questionnaire, language: &str) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let sheet = book.add_worksheet();
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    sheet.set_name(language).map_err(fail)?;
    let mut header = SHEET_HEADER.map(str::to_owned);
    header[2] = language.to_owned();
    for (col, name) in (0u16..).zip(&header) {
        sheet
            .write_string_with_format(0, col, name, &bold)
            .map_err(fail)?;
    }
    for (col, width) in [(0u16, 28.0), (1, 60.0), (2, 60.0), (3, 12.0)] {
        sheet.set_column_width(col, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    for (row, (at, dutch, text, state)) in (1u32..).zip(rows(q, language)) {
        let cells = [
            at.to_string(),
            dutch.to_owned(),
            text.to_owned(),
            state_word(state).1.to_owned(),
        ];
        for (col, cell) in (0u16..).zip(&cells) {
            sheet
                .write_string_with_format(row, col, cell, &wrap)
                .map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// The texts of a returned workbook, read like [`from_sheet`] from its first sheet; a
/// problem's line is the row's number as the spreadsheet shows it.
pub fn from_workbook(bytes: &[u8], language: &str) -> Result<Vec<Returned>, Problems> {
    use calamine::{Data, Reader};
    let unreadable = |e: String| vec![(0, format!("not a workbook that can be read: {e}"))];
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("it has no sheet".into()))?
        .map_err(|e| unreadable(e.to_string()))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let text = |cell: &Data| match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        other => other.to_string(),
    };
    // Cells as a table from A1, whatever the first used cell is.
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(text).collect::<Vec<_>>())
        .enumerate()
        .map(|(i, mut cells)| {
            let mut padded = vec![String::new(); first_col as usize];
            padded.append(&mut cells);
            (first_row as usize + i + 1, padded)
        });
    let header = match first_row {
        0 => rows.next().map(|(_, cells)| cells),
        _ => None,
    };
    from_rows(header, rows.map(Ok), language)
}

/// The texts of returned rows (line, cells) under a heading, as [`from_sheet`] says.
fn from_rows(
    header: Option<Vec<String>>,
    rows: impl Iterator<Item = Result<(usize, Vec<String>), (usize, String)>>,
    language: &str,
) -> Result<Vec<Returned>, Problems> {
    let mut problems = Problems::new();
    if let Some(named) = header.as_ref().and_then(|h| h.get(2)).map(|h| h.trim())
        && is_language_code(named)
        && named != language
    {
        problems.push((
            1,
            format!("the file is for `{named}`, not for `{language}`"),
        ));
    }
    let mut out = Vec::new();
    for row in rows {
        let (line, cells) = match row {
            Ok(row) => row,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() < 3 {
            problems.push((
                line,
                "a row needs an id, the Dutch and the translation".into(),
            ));
            continue;
        }
        if cell(2).trim().is_empty() {
            continue;
        }
        out.push(Returned {
            at: cell(0).trim().to_owned(),
            source: Some(cell(1)),
            text: cell(2),
            line,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

impl Questionnaire {
    /// Takes returned texts into `language`. Each keeps the fingerprint of the Dutch it was
    /// translated from (the file's, else today's), so it is out of date when that differs;
    /// an empty text removes a translation. Nothing changes while there is a problem.
    /// Returns how many texts changed.
    pub fn take_translations(
        &mut self,
        language: &str,
        returned: &[Returned],
    ) -> Result<usize, Problems> {
        let mut problems = Problems::new();
        if !is_language_code(language) || language == SOURCE_LANGUAGE {
            problems.push((
                0,
                format!("`{language}` is not a language to translate into"),
            ));
        }
        let mut taken = Vec::new();
        let mut seen = std::collections::BTreeMap::new();
        for r in returned {
            let Some((at, dutch)) =
                r.at.parse::<TextRef>()
                    .ok()
                    .and_then(|at| self.source(&at).map(|d| (at, d.to_owned())))
            else {
                problems.push((
                    r.line,
                    format!("`{}` is no text of this questionnaire", r.at),
                ));
                continue;
            };
            if let Some(first) = seen.insert(at.clone(), r.line) {
                problems.push((
                    r.line,
                    format!("`{at}` is given twice (also on line {first})"),
                ));
                continue;
            }
            let text = r.text.trim();
            if text.chars().count() > TEXT_MAX {
                problems.push((
                    r.line,
                    format!("`{at}` is longer than {TEXT_MAX} characters"),
                ));
                continue;
            }
            let from = r.source.as_deref().unwrap_or(&dutch);
            taken.push((at, (!text.is_empty()).then(|| Translated::of(from, text))));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let table = self.translations.entry(language.to_owned()).or_default();
        let mut changed = 0;
        for (at, translated) in taken {
            let changed_now = match translated {
                Some(t) => table.insert(at, t.clone()).as_ref() != Some(&t),
                None => table.remove(&at).is_some(),
            };
            changed += usize::from(changed_now);
        }
        if table.is_empty() {
            self.translations.remove(language);
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::{question, questionnaire};
    use crate::domain::translation::TextState;
    use crate::domain::{Audience, ChoiceOption, QuestionKind};

    fn sample() -> Questionnaire {
        let choice = question(
            "reden",
            "t",
            QuestionKind::SingleChoice {
                options: vec![
                    ChoiceOption {
                        value: "pesten".into(),
                        label: "Pesten & plagen".into(),
                    },
                    ChoiceOption {
                        value: "ziek".into(),
                        label: "Ziek".into(),
                    },
                ],
            },
            &[Audience::Parent],
        );
        let mut q = questionnaire(vec![choice]);
        q.title = "Naar <school>".into();
        q
    }

    fn returned(at: &str, text: &str) -> Returned {
        Returned {
            at: at.into(),
            source: None,
            text: text.into(),
            line: 1,
        }
    }

    #[test]
    fn xliff_reads_back_with_what_is_out_of_date() {
        let mut q = sample();
        q.take_translations(
            "ar",
            &[
                returned("title", "إلى المدرسة"),
                returned("q.reden.option.pesten", "تنمر"),
            ],
        )
        .unwrap();
        let xliff = to_xliff(&q, "samenhang", "ar");
        assert!(xliff.contains("trgLang=\"ar\""));
        assert!(
            xliff.contains("<source>Naar &lt;school&gt;</source>"),
            "{xliff}"
        );
        assert!(xliff.contains("<source>Pesten &amp; plagen</source>"));
        // A translator fills in one more text and sends it back.
        let filled = xliff.replacen(
            "<source>Ziek</source>\n",
            "<source>Ziek</source>\n        <target>مريض</target>\n",
            1,
        );
        let back = from_xliff(&filled, "ar").unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].at, "title");
        assert_eq!(back[0].source.as_deref(), Some("Naar <school>"));
        // Meanwhile the Dutch of an option changed: its returned text is out of date.
        if let QuestionKind::SingleChoice { options } = &mut q.questions[0].kind {
            options[1].label = "Ziek of moe".into();
        }
        let mut taken = q.clone();
        assert_eq!(taken.take_translations("ar", &back).unwrap(), 1);
        let at = |s: &str| s.parse::<TextRef>().unwrap();
        assert_eq!(
            taken.text_state("ar", &at("q.reden.option.ziek")),
            TextState::OutOfDate
        );
        assert_eq!(taken.text_state("ar", &at("title")), TextState::Current);
        assert_eq!(taken.translations["ar"][&at("title")].text, "إلى المدرسة");
        // The file for another language is refused, and so is a broken file, by line.
        assert!(from_xliff(&filled, "tr").is_err());
        let broken = from_xliff(&filled.replacen("</segment>", "</segmnt>", 1), "ar").unwrap_err();
        assert!(broken[0].0 > 1, "{broken:?}");
    }

    #[test]
    fn a_spreadsheet_reads_back_with_either_separator() {
        let mut q = sample();
        q.take_translations("tr", &[returned("title", "Okula")])
            .unwrap();
        let sheet = to_sheet(&q, "tr");
        let text = String::from_utf8(sheet.clone()).unwrap();
        assert!(text.starts_with("\u{feff}id,nl,tr,status\n"), "{text}");
        assert!(text.contains("title,Naar <school>,Okula,vertaald"));
        assert!(text.contains("q.reden.option.ziek,Ziek,,ontbreekt"));
        let filled = text.replace(
            "q.reden.option.ziek,Ziek,,",
            "q.reden.option.ziek,Ziek,Hasta,",
        );
        let back = from_sheet(filled.as_bytes(), "tr").unwrap();
        assert_eq!(back.len(), 2);
        let semicolons = "id;nl;tr;status\nq.reden.parent;Waarom?;Neden?;\n";
        let back = from_sheet(semicolons.as_bytes(), "tr").unwrap();
        assert_eq!(back[0].text, "Neden?");
        assert_eq!(back[0].line, 2);
        // A sheet written for another language is not taken as this one.
        let problems = from_sheet(filled.as_bytes(), "pl").unwrap_err();
        assert!(problems[0].1.contains("for `tr`"), "{problems:?}");
    }

    #[test]
    fn a_workbook_reads_back_and_its_problems_have_the_rows_excel_shows() {
        let mut q = sample();
        q.take_translations("tr", &[returned("title", "Okula")])
            .unwrap();
        let book = to_workbook(&q, "tr").unwrap();
        assert!(book.starts_with(b"PK"), "an XLSX file is a zip");
        let back = from_workbook(&book, "tr").unwrap();
        assert_eq!(back.len(), 1, "only translated rows come back");
        assert_eq!(
            (back[0].at.as_str(), back[0].text.as_str()),
            ("title", "Okula")
        );
        assert_eq!(back[0].source.as_deref(), Some("Naar <school>"));
        assert_eq!(back[0].line, 2);
        assert!(
            from_workbook(&book, "pl").unwrap_err()[0]
                .1
                .contains("for `tr`")
        );

        // As a translator returns it: a row filled in, one with an id that does not exist,
        // one left empty (Excel has no short rows: its empty cells are no translation).
        let mut returned_book = rust_xlsxwriter::Workbook::new();
        let sheet = returned_book.add_worksheet();
        for (row, cells) in [
            vec!["id", "nl", "tr", "status"],
            vec!["q.reden.parent", "Waarom?", "Neden?", "vertaald"],
            vec!["q.bestaat-niet.parent", "Wat?", "Ne?"],
            vec!["q.reden.option.ziek", "Ziek"],
        ]
        .iter()
        .enumerate()
        {
            for (col, cell) in cells.iter().enumerate() {
                sheet.write_string(row as u32, col as u16, *cell).unwrap();
            }
        }
        let bytes = returned_book.save_to_buffer().unwrap();
        let back = from_workbook(&bytes, "tr").unwrap();
        assert_eq!(back.len(), 2);
        let before = q.clone();
        let problems = q.take_translations("tr", &back).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, 3, "the row Excel numbers 3: {problems:?}");
        assert_eq!(q, before, "nothing taken");
        assert!(from_workbook(b"PK\x03\x04 not really", "tr").is_err());
    }

    #[test]
    fn wrong_returned_texts_are_refused_by_line_and_nothing_is_taken() {
        let mut q = sample();
        let before = q.clone();
        let mut long = returned("title", &"a".repeat(TEXT_MAX + 1));
        long.line = 4;
        let mut unknown = returned("q.bestaat-niet.parent", "x");
        unknown.line = 2;
        let mut twice = returned("q.reden.parent", "y");
        twice.line = 3;
        let problems = q
            .take_translations(
                "pl",
                &[unknown, returned("q.reden.parent", "x"), twice, long],
            )
            .unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 4], "{problems:?}");
        assert_eq!(q, before, "nothing taken");
        assert!(q.take_translations("nl", &[]).is_err());
        // An empty text removes a translation.
        q.take_translations("pl", &[returned("title", "Do szkoły")])
            .unwrap();
        assert_eq!(
            q.take_translations("pl", &[returned("title", " ")])
                .unwrap(),
            1
        );
        assert!(!q.translations.contains_key("pl"));
    }
}
