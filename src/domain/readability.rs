//! A rough check of Dutch plain language (B1) for respondent wording: the Flesch–Douma
//! reading ease plus sentence and word length. It flags text to look at again; it does not
//! judge it.

/// Flesch–Douma below this reads as "fairly difficult" or worse (B1 is around 60–70+).
pub const MIN_EASE: f64 = 60.0;
/// Sentences longer than this are hard to follow on a phone.
pub const MAX_SENTENCE_WORDS: usize = 15;
/// Words with more syllables than this are likely hard (compounds, jargon).
pub const MAX_WORD_SYLLABLES: usize = 4;

/// What the check found in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Flesch–Douma reading ease: 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence.
    pub ease: f64,
    pub longest_sentence: usize,
    pub long_words: Vec<String>,
}

impl Readability {
    /// Whether the text is likely too hard for B1.
    pub fn needs_attention(&self) -> bool {
        self.ease < MIN_EASE
            || self.longest_sentence > MAX_SENTENCE_WORDS
            || !self.long_words.is_empty()
    }
}

/// Counts Dutch syllables as groups of vowels ("ij", "ui", "oe" and the like count once).
pub fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for c in word.to_lowercase().chars() {
        let vowel = matches!(
            c,
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
                | 'á'
                | 'é'
                | 'í'
                | 'ó'
                | 'ú'
                | 'è'
                | 'ë'
                | 'ï'
                | 'ö'
                | 'ü'
        );
        // A diaeresis starts a new syllable: "beïnvloeden", "ruïne".
        if vowel && (!in_vowel || matches!(c, 'ë' | 'ï' | 'ö' | 'ü')) {
            count += 1;
        }
        in_vowel = vowel;
    }
    count.max(1)
}

pub fn assess(text: &str) -> Readability {
    let sentences: Vec<Vec<&str>> = text
        .split(['.', '?', '!', ';', ':'])
        .map(|s| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    let words: Vec<&str> = sentences.iter().flatten().copied().collect();
    if words.is_empty() {
        return Readability {
            ease: 100.0,
            longest_sentence: 0,
            long_words: Vec::new(),
        };
    }
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let total_syllables: usize = words.iter().map(|w| syllables(&clean(w))).sum();
    let per_100_words = total_syllables as f64 * 100.0 / words.len() as f64;
    let words_per_sentence = words.len() as f64 / sentences.len() as f64;
    let mut long_words: Vec<String> = words
        .iter()
        .map(|w| clean(w))
        .filter(|w| syllables(w) > MAX_WORD_SYLLABLES)
        .collect();
    long_words.dedup();
    Readability {
        ease: 206.84 - 0.77 * per_100_words - 0.93 * words_per_sentence,
        longest_sentence: sentences.iter().map(Vec::len).max().unwrap_or(0),
        long_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_dutch_syllables() {
        assert_eq!(syllables("school"), 1);
        assert_eq!(syllables("vragenlijst"), 3);
        assert_eq!(syllables("uithuisplaatsing"), 4);
        assert_eq!(syllables("beïnvloeden"), 4);
        assert_eq!(syllables("jeugdhulpverlening"), 5);
    }

    #[test]
    fn plain_wording_passes_and_officialese_is_flagged() {
        let plain = assess("Ik ga graag naar school.");
        assert!(!plain.needs_attention(), "{plain:?}");
        let hard = assess(
            "In hoeverre ervaart u de samenwerking tussen jeugdhulpverleningsinstanties en onderwijsinstellingen \
             als bevorderend voor de continuïteit van de ondersteuning van uw kind binnen de regio?",
        );
        assert!(hard.needs_attention());
        assert!(hard.ease < MIN_EASE, "{hard:?}");
        assert!(hard.longest_sentence > MAX_SENTENCE_WORDS);
        assert!(
            hard.long_words
                .iter()
                .any(|w| w.starts_with("jeugdhulpverlenings"))
        );
    }
}
