//! Charts drawn on the server as SVG: no JavaScript, a text alternative for screen readers,
//! a colour-blind safe palette (Okabe–Ito) and a pattern per category, so colour is never
//! the only cue. Every chart has the same numbers in a table next to it.

use leptos::prelude::*;

/// One part of a bar: a share of the group, or hidden (below the reporting threshold).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub label: String,
    pub ratio: Option<f64>,
    /// Index into the palette and the patterns.
    pub style: usize,
}

/// One bar: a group (an audience, perhaps in a wave) or an option of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
    /// Shown after the bar (e.g. "n = 120" or "gemiddeld 6,8 · mediaan 7").
    pub note: String,
}

/// How a chart lays out its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Agreement scales: disagreement to the left of the middle of "neutraal", agreement to
    /// the right.
    Diverging,
    /// Parts of a whole, left to right.
    Stacked,
    /// One segment per bar, its length the share (options of multiple choice, marks / 10).
    Single,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The text alternative: what the chart shows, in words and numbers.
    pub summary: String,
    pub layout: Layout,
    /// Legend entries: label and style.
    pub legend: Vec<(String, usize)>,
    pub bars: Vec<Bar>,
    /// Said where a segment is hidden.
    pub hidden_label: String,
    /// The ends of a diverging axis ("oneens", "eens").
    pub axis: (String, String),
}

/// Okabe–Ito: distinguishable with every common colour vision deficiency.
const PALETTE: [&str; 8] = [
    "#D55E00", "#E69F00", "#999999", "#56B4E9", "#0072B2", "#CCCCCC", "#009E73", "#CC79A7",
];

const LABEL_WIDTH: f64 = 190.0;
const PLOT_WIDTH: f64 = 380.0;
const NOTE_WIDTH: f64 = 150.0;
const ROW: f64 = 30.0;
const BAR: f64 = 20.0;

fn pattern_id(chart: &str, style: usize) -> String {
    format!("{chart}-p{style}")
}

/// The fill patterns: a plain colour with lines, dots or crosses over it.
fn patterns(chart: &str) -> impl IntoView + use<> {
    let chart = chart.to_owned();
    (0..PALETTE.len())
        .map(move |style| {
            let colour = PALETTE[style];
            let mark = match style % 4 {
                0 => view! { <path d="M0,6 L6,0" stroke="#000" stroke-width="1" stroke-opacity="0.55" /> }.into_any(),
                1 => view! { <circle cx="3" cy="3" r="1.1" fill="#000" fill-opacity="0.55" /> }.into_any(),
                2 => view! { <path d="M0,3 L6,3" stroke="#000" stroke-width="0.8" stroke-opacity="0.45" /> }.into_any(),
                _ => view! { <path d="M0,0 L6,6" stroke="#fff" stroke-width="1" stroke-opacity="0.8" /> }.into_any(),
            };
            view! {
                <pattern id=pattern_id(&chart, style) width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect width="6" height="6" fill=colour />
                    {mark}
                </pattern>
            }
        })
        .collect_view()
}

/// Where each segment of a bar starts, from 0 to 1 of the plot; none when hidden.
fn positions(layout: Layout, bar: &Bar) -> Vec<Option<(f64, f64)>> {
    let shown = |s: &Segment| s.ratio.unwrap_or(0.0);
    match layout {
        Layout::Single => bar
            .segments
            .iter()
            .map(|s| s.ratio.map(|r| (0.0, r)))
            .collect(),
        Layout::Stacked => {
            let mut at = 0.0;
            bar.segments
                .iter()
                .map(|s| {
                    let start = at;
                    at += shown(s);
                    s.ratio.map(|r| (start, r))
                })
                .collect()
        }
        Layout::Diverging => {
            // Segments 0..=1 disagree, 2 neutral, 3..=4 agree; anything after is not drawn.
            if bar.segments.iter().take(5).any(|s| s.ratio.is_none()) {
                return positions(Layout::Stacked, bar);
            }
            let r: Vec<f64> = bar.segments.iter().map(shown).collect();
            // The middle of the plot is 0; each side can hold 100%.
            let centre = 0.5;
            let half = |x: f64| x / 2.0;
            let mut out = vec![None; bar.segments.len()];
            let neutral = r[2];
            out[2] = Some((centre - half(neutral) / 2.0, half(neutral)));
            let mut left = centre - half(neutral) / 2.0;
            for i in [1, 0] {
                left -= half(r[i]);
                out[i] = Some((left, half(r[i])));
            }
            let mut right = centre + half(neutral) / 2.0;
            for i in [3, 4] {
                out[i] = Some((right, half(r[i])));
                right += half(r[i]);
            }
            out
        }
    }
}

fn percent(ratio: f64) -> String {
    format!("{:.0}%", ratio * 100.0)
}

#[component]
pub fn ChartSvg(chart: Chart) -> impl IntoView {
    let height = ROW * chart.bars.len() as f64 + 34.0;
    let width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let id = chart.id.clone();
    let diverging = chart.layout == Layout::Diverging;
    let bars = chart
        .bars
        .iter()
        .enumerate()
        .map(|(row, bar)| {
            let y = row as f64 * ROW + 4.0;
            let places = positions(chart.layout, bar);
            let any_hidden = bar.segments.iter().any(|s| s.ratio.is_none());
            let segments = bar
                .segments
                .iter()
                .zip(places)
                .filter_map(|(s, place)| place.map(|p| (s, p)))
                .filter(|(_, (_, w))| *w > 0.0)
                .map(|(s, (start, w))| {
                    let x = LABEL_WIDTH + start * PLOT_WIDTH;
                    let w_px = w * PLOT_WIDTH;
                    let shown_ratio = s.ratio.unwrap_or(0.0);
                    let text = (w_px >= 30.0).then(|| {
                        view! {
                            <text x=x + w_px / 2.0 y=y + BAR / 2.0 + 4.0 text-anchor="middle" class="segment-label">
                                {percent(shown_ratio)}
                            </text>
                        }
                    });
                    view! {
                        <rect x=x y=y width=w_px height=BAR fill=format!("url(#{})", pattern_id(&id, s.style)) stroke="#fff" stroke-width="1">
                            <title>{format!("{}: {}", s.label, percent(shown_ratio))}</title>
                        </rect>
                        {text}
                    }
                })
                .collect_view();
            let note = if any_hidden {
                format!("{} · {}", bar.note, chart.hidden_label)
            } else {
                bar.note.clone()
            };
            view! {
                <g>
                    <text x=LABEL_WIDTH - 8.0 y=y + BAR / 2.0 + 4.0 text-anchor="end">{bar.label.clone()}</text>
                    {segments}
                    <text x=LABEL_WIDTH + PLOT_WIDTH + 8.0 y=y + BAR / 2.0 + 4.0 class="bar-note">{note}</text>
                </g>
            }
        })
        .collect_view();
    let axis_x = LABEL_WIDTH + if diverging { PLOT_WIDTH / 2.0 } else { 0.0 };
    let axis_bottom = height - 26.0;
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {width} {height}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id=title_id.clone()>{chart.title.clone()}</title>
                <desc id=desc_id.clone()>{chart.summary.clone()}</desc>
                <defs>{patterns(&chart.id)}</defs>
                {bars}
                <line x1=axis_x y1="0" x2=axis_x y2=axis_bottom stroke="#333" stroke-width="1" />
                {diverging
                    .then(|| {
                        view! {
                            <text x=LABEL_WIDTH y=height - 8.0 class="axis-label">{format!("← {}", chart.axis.0)}</text>
                            <text x=LABEL_WIDTH + PLOT_WIDTH y=height - 8.0 text-anchor="end" class="axis-label">{format!("{} →", chart.axis.1)}</text>
                        }
                    })}
            </svg>
            <figcaption>
                <ul class="legend">
                    {chart
                        .legend
                        .iter()
                        .map(|(label, style)| {
                            view! {
                                <li>
                                    <svg width="18" height="14" aria-hidden="true" focusable="false">
                                        <defs>{patterns(&format!("{}-legend", chart.id))}</defs>
                                        <rect width="18" height="14" fill=format!("url(#{})", pattern_id(&format!("{}-legend", chart.id), *style)) />
                                    </svg>
                                    " "
                                    {label.clone()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(ratios: &[Option<f64>]) -> Bar {
        Bar {
            label: String::new(),
            note: String::new(),
            segments: ratios
                .iter()
                .enumerate()
                .map(|(style, &ratio)| Segment {
                    label: String::new(),
                    ratio,
                    style,
                })
                .collect(),
        }
    }

    #[test]
    fn diverging_bars_put_the_middle_of_neutral_on_the_axis() {
        let p = positions(
            Layout::Diverging,
            &bar(&[Some(0.1), Some(0.2), Some(0.2), Some(0.3), Some(0.2)]),
        );
        // Half widths: everything scaled by ½ so each side holds 100%.
        let neutral = p[2].unwrap();
        assert!((neutral.0 + neutral.1 / 2.0 - 0.5).abs() < 1e-9, "{p:?}");
        let oneens = p[1].unwrap();
        assert!((oneens.0 + oneens.1 - neutral.0).abs() < 1e-9);
        let eens = p[3].unwrap();
        assert!((eens.0 - (neutral.0 + neutral.1)).abs() < 1e-9);
    }

    #[test]
    fn a_hidden_segment_falls_back_to_stacking_what_is_shown() {
        let p = positions(
            Layout::Diverging,
            &bar(&[None, None, Some(0.5), Some(0.3), Some(0.1)]),
        );
        assert_eq!(p[0], None);
        assert_eq!(p[2], Some((0.0, 0.5)));
        assert_eq!(p[3].map(|x| x.0), Some(0.5));
    }
}
