//! Professionals' meetings (bijeenkomsten) and their insights (inzichten): the kinds and
//! sectors, and the two fast ways in — one line per insight, or a CSV file.

use serde::{Deserialize, Serialize};

/// What an insight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum InsightKind {
    Knelpunt,
    Kans,
    Voorbeeld,
    Oplossingsrichting,
    Vraag,
    /// An agreement made in the joint session (with young people and parents).
    Afspraak,
    /// A reaction in the joint session to what was laid side by side.
    Reactie,
}

impl InsightKind {
    pub const ALL: [InsightKind; 7] = [
        Self::Knelpunt,
        Self::Kans,
        Self::Voorbeeld,
        Self::Oplossingsrichting,
        Self::Vraag,
        Self::Afspraak,
        Self::Reactie,
    ];

    /// Whether the insight is what professionals bring in (counted in the comparison as
    /// theirs), not what was agreed or answered in a joint session, where young people and
    /// parents speak too.
    pub fn is_professional_voice(self) -> bool {
        !matches!(self, Self::Afspraak | Self::Reactie)
    }

    /// The stable code (also what people type: the Dutch word).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Knelpunt => "knelpunt",
            Self::Kans => "kans",
            Self::Voorbeeld => "voorbeeld",
            Self::Oplossingsrichting => "oplossingsrichting",
            Self::Vraag => "vraag",
            Self::Afspraak => "afspraak",
            Self::Reactie => "reactie",
        }
    }

    /// Reads the code, a plural, or an unambiguous start ("k" is ambiguous, "kn" is not).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        let text = match text.as_str() {
            "knelpunten" => "knelpunt",
            "kansen" => "kans",
            "voorbeelden" => "voorbeeld",
            "oplossingsrichtingen" | "oplossing" | "oplossingen" => "oplossingsrichting",
            "vragen" => "vraag",
            "afspraken" => "afspraak",
            "reacties" => "reactie",
            t => t,
        };
        let matches: Vec<Self> = Self::ALL
            .into_iter()
            .filter(|k| !text.is_empty() && k.as_str().starts_with(text))
            .collect();
        match matches.as_slice() {
            [one] => Some(*one),
            _ => Self::ALL.into_iter().find(|k| k.as_str() == text),
        }
    }
}

/// Where a participant works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sector {
    Onderwijs,
    Jeugdhulp,
    Gemeente,
    Zorg,
    PolitieJustitie,
    Ervaringsdeskundige,
    Anders,
}

impl Sector {
    pub const ALL: [Sector; 7] = [
        Self::Onderwijs,
        Self::Jeugdhulp,
        Self::Gemeente,
        Self::Zorg,
        Self::PolitieJustitie,
        Self::Ervaringsdeskundige,
        Self::Anders,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Onderwijs => "onderwijs",
            Self::Jeugdhulp => "jeugdhulp",
            Self::Gemeente => "gemeente",
            Self::Zorg => "zorg",
            Self::PolitieJustitie => "politie-justitie",
            Self::Ervaringsdeskundige => "ervaringsdeskundige",
            Self::Anders => "anders",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase().replace(['/', ' '], "-");
        Self::ALL.into_iter().find(|s| {
            s.as_str() == text
                || (text == "politie" || text == "justitie") && *s == Self::PolitieJustitie
        })
    }
}

/// An insight to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInsight {
    pub theme: String,
    pub kind: InsightKind,
    pub statement: String,
    pub sector: Option<Sector>,
    /// Votes or points from the prioritisation; 0 when none.
    pub priority: u32,
}

/// What is wrong with a line of fast entry or CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    Empty,
    TooLong,
    UnknownKind(String),
    UnknownSector(String),
    UnknownTheme(String),
    BadPriority(String),
    MissingColumn(&'static str),
    Malformed,
}

/// The longest statement kept.
pub const MAX_STATEMENT: usize = 2000;

/// Reads one line of fast entry: `[soort:] uitspraak [sector] (prioriteit)`, for example
/// `knelpunt: Lange wachtlijsten bij jeugdhulp [jeugdhulp] (5)`. Without a kind, the default
/// chosen on the form is used.
pub fn parse_line(
    line: &str,
    theme: &str,
    default_kind: InsightKind,
) -> Result<NewInsight, LineProblem> {
    let mut rest = line.trim();
    let mut kind = default_kind;
    if let Some((head, tail)) = rest.split_once(':')
        && !head.contains(' ')
        && let Some(k) = InsightKind::parse(head)
    {
        kind = k;
        rest = tail.trim();
    }
    let mut priority = 0;
    if rest.ends_with(')')
        && let Some(open) = rest.rfind('(')
    {
        let inner = rest[open + 1..rest.len() - 1].trim();
        if inner.chars().all(|c| c.is_ascii_digit()) && !inner.is_empty() {
            priority = inner
                .parse()
                .map_err(|_| LineProblem::BadPriority(inner.to_owned()))?;
            rest = rest[..open].trim();
        }
    }
    let mut sector = None;
    if rest.ends_with(']')
        && let Some(open) = rest.rfind('[')
    {
        let inner = &rest[open + 1..rest.len() - 1];
        sector =
            Some(Sector::parse(inner).ok_or_else(|| LineProblem::UnknownSector(inner.to_owned()))?);
        rest = rest[..open].trim();
    }
    if rest.is_empty() {
        return Err(LineProblem::Empty);
    }
    if rest.chars().count() > MAX_STATEMENT {
        return Err(LineProblem::TooLong);
    }
    Ok(NewInsight {
        theme: theme.to_owned(),
        kind,
        statement: rest.to_owned(),
        sector,
        priority,
    })
}

/// Reads insights from CSV with the columns `thema`, `soort`, `uitspraak` and optionally
/// `sector` and `prioriteit` (any order, comma or semicolon). Either every line is right,
/// or every problem is returned with its line number (1 is the header).
pub fn parse_csv(
    text: &str,
    themes: &[&str],
) -> Result<Vec<NewInsight>, Vec<(usize, LineProblem)>> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(_) => return Err(vec![(1, LineProblem::Malformed)]),
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(theme_col), Some(kind_col), Some(text_col)) =
        (column("thema"), column("soort"), column("uitspraak"))
    else {
        let missing = ["thema", "soort", "uitspraak"]
            .into_iter()
            .find(|c| column(c).is_none())
            .unwrap_or("thema");
        return Err(vec![(1, LineProblem::MissingColumn(missing))]);
    };
    let (sector_col, priority_col) = (column("sector"), column("prioriteit"));
    let mut insights = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            problems.push((line, LineProblem::Malformed));
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |col: usize| record.get(col).unwrap_or_default().trim();
        let theme = field(theme_col);
        if !themes.contains(&theme) {
            problems.push((line, LineProblem::UnknownTheme(theme.to_owned())));
            continue;
        }
        let Some(kind) = InsightKind::parse(field(kind_col)) else {
            problems.push((line, LineProblem::UnknownKind(field(kind_col).to_owned())));
            continue;
        };
        let sector = match sector_col.map(field).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => match Sector::parse(s) {
                Some(sector) => Some(sector),
                None => {
                    problems.push((line, LineProblem::UnknownSector(s.to_owned())));
                    continue;
                }
            },
        };
        let priority = match priority_col.map(field).filter(|s| !s.is_empty()) {
            None => 0,
            Some(p) => match p.parse() {
                Ok(p) => p,
                Err(_) => {
                    problems.push((line, LineProblem::BadPriority(p.to_owned())));
                    continue;
                }
            },
        };
        let statement = field(text_col);
        if statement.is_empty() {
            problems.push((line, LineProblem::Empty));
        } else if statement.chars().count() > MAX_STATEMENT {
            problems.push((line, LineProblem::TooLong));
        } else {
            insights.push(NewInsight {
                theme: theme.to_owned(),
                kind,
                statement: statement.to_owned(),
                sector,
                priority,
            });
        }
    }
    if problems.is_empty() {
        Ok(insights)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_entry_lines() {
        let i = parse_line(
            "knelpunt: Lange wachtlijsten bij jeugdhulp [jeugdhulp] (5)",
            "t",
            InsightKind::Kans,
        )
        .unwrap();
        assert_eq!(
            (i.kind, i.statement.as_str(), i.sector, i.priority),
            (
                InsightKind::Knelpunt,
                "Lange wachtlijsten bij jeugdhulp",
                Some(Sector::Jeugdhulp),
                5
            )
        );
        // What the joint session agrees on and how it reacts.
        for (line, kind) in [
            (
                "afspraak: Wijkteam houdt spreekuur op school",
                InsightKind::Afspraak,
            ),
            ("Afspraken: Elk half jaar meten", InsightKind::Afspraak),
            ("reactie: Na schooltijd graag", InsightKind::Reactie),
        ] {
            let i = parse_line(line, "t", InsightKind::Kans).unwrap();
            assert_eq!(i.kind, kind, "{line}");
            assert!(!i.kind.is_professional_voice());
        }
        assert!(InsightKind::Knelpunt.is_professional_voice());
        let plain = parse_line("Ouders met elkaar verbinden", "t", InsightKind::Kans).unwrap();
        assert_eq!(
            (plain.kind, plain.sector, plain.priority),
            (InsightKind::Kans, None, 0)
        );
        assert_eq!(
            parse_line("opl: Buurtteams op school", "t", InsightKind::Kans)
                .unwrap()
                .kind,
            InsightKind::Oplossingsrichting
        );
        assert_eq!(
            parse_line("Wat werkt: een vaste mentor", "t", InsightKind::Vraag)
                .unwrap()
                .statement,
            "Wat werkt: een vaste mentor"
        );
        assert_eq!(
            parse_line("Zorg (ggz) dichtbij", "t", InsightKind::Kans)
                .unwrap()
                .statement,
            "Zorg (ggz) dichtbij"
        );
        assert_eq!(
            parse_line("iets [bakkerij]", "t", InsightKind::Kans),
            Err(LineProblem::UnknownSector("bakkerij".into()))
        );
        assert_eq!(
            parse_line("kans:   ", "t", InsightKind::Kans),
            Err(LineProblem::Empty)
        );
    }

    #[test]
    fn csv_good_and_bad() {
        let good = "thema;soort;uitspraak;sector;prioriteit\nnaar-school;knelpunt;Lange wachtlijsten;jeugdhulp;4\nnaar-school;kans;\"Samen; met ouders\";;\n";
        let insights = parse_csv(good, &["naar-school"]).unwrap();
        assert_eq!(insights.len(), 2);
        assert_eq!(insights[1].statement, "Samen; met ouders");
        assert_eq!(insights[0].priority, 4);

        let bad = "thema,soort,uitspraak,prioriteit\nnaar-school,knelpunt,Goed,1\nthuis,kans,Onbekend thema,\nnaar-school,probleem,Geen soort,\nnaar-school,kans,,\nnaar-school,kans,Veel,veel\n";
        let problems = parse_csv(bad, &["naar-school"]).unwrap_err();
        assert_eq!(
            problems,
            vec![
                (3, LineProblem::UnknownTheme("thuis".into())),
                (4, LineProblem::UnknownKind("probleem".into())),
                (5, LineProblem::Empty),
                (6, LineProblem::BadPriority("veel".into())),
            ]
        );
        assert_eq!(
            parse_csv("onderwerp,soort\nx,y", &[]).unwrap_err(),
            vec![(1, LineProblem::MissingColumn("thema"))]
        );
    }
}
