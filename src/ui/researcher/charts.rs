//! Charts drawn on the server as SVG: no JavaScript, a text alternative for screen readers,
//! a colour-blind safe palette (Okabe–Ito) and a pattern per category, so colour is never
//! the only cue. Every chart has the same numbers in a table next to it.

use leptos::prelude::*;

/// One part of a bar: a share of the group, or hidden (below the reporting threshold).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub label: String,
    pub ratio: Option<f64>,
    /// Printed on the segment when it is wide enough (a percentage, or a mean mark).
    pub text: String,
    /// Index into the palette and the patterns.
    pub style: usize,
}

/// One bar: a group (an audience, perhaps in a wave) or an option of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// A line above the bar, starting a new block of bars (the option of a multiple choice).
    pub heading: Option<String>,
    pub segments: Vec<Segment>,
    /// The hidden segments together, as a share of the bar (known from the total and the
    /// shown segments, so safe to draw), drawn as one hatched block.
    pub hidden: Option<f64>,
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

const LABEL_WIDTH: f64 = 200.0;
const PLOT_WIDTH: f64 = 380.0;
const NOTE_WIDTH: f64 = 260.0;
/// The style of the block of hidden segments: light grey with crosses.
pub const HIDDEN_STYLE: usize = 5;
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

/// Where each segment of a bar starts and how wide it is, from 0 to 1 of the plot (none when
/// hidden), and where the block of hidden segments goes.
type Place = Option<(f64, f64)>;

fn positions(layout: Layout, bar: &Bar) -> (Vec<Place>, Place) {
    let hidden: Vec<usize> = (0..bar.segments.len())
        .filter(|&i| bar.segments[i].ratio.is_none())
        .collect();
    let hidden_width = bar.hidden.unwrap_or(0.0);
    match layout {
        Layout::Single => (
            bar.segments
                .iter()
                .map(|s| s.ratio.map(|r| (0.0, r)))
                .collect(),
            None,
        ),
        Layout::Stacked => {
            let mut at = 0.0;
            let places = bar
                .segments
                .iter()
                .map(|s| {
                    let start = at;
                    at += s.ratio.unwrap_or(0.0);
                    s.ratio.map(|r| (start, r))
                })
                .collect();
            let block = (!hidden.is_empty() && hidden_width > 0.0).then_some((at, hidden_width));
            (places, block)
        }
        Layout::Diverging => {
            // Segments 0..=1 disagree, 2 neutral, 3..=4 agree, 5 "weet niet" (not drawn). Hidden
            // segments can only be placed when they lie on one side and "weet niet" is shown.
            let left_only = hidden.iter().all(|i| [0, 1].contains(i));
            let right_only = hidden.iter().all(|i| [3, 4].contains(i));
            let dont_know_shown = bar.segments.get(5).is_none_or(|s| s.ratio.is_some());
            if !(hidden.is_empty() || (dont_know_shown && (left_only || right_only))) {
                return positions(Layout::Stacked, bar);
            }
            let r: Vec<f64> = bar
                .segments
                .iter()
                .map(|s| s.ratio.unwrap_or(0.0))
                .collect();
            // The middle of the plot is the middle of "neutraal"; each side holds 100%.
            let half = |x: f64| x / 2.0;
            let mut places = vec![None; bar.segments.len()];
            let neutral = half(r[2]);
            places[2] = Some((0.5 - neutral / 2.0, neutral));
            let mut left = 0.5 - neutral / 2.0;
            let mut block = None;
            if !hidden.is_empty() && left_only {
                left -= half(hidden_width);
                block = Some((left, half(hidden_width)));
            }
            for i in [1, 0].into_iter().filter(|i| !hidden.contains(i)) {
                left -= half(r[i]);
                places[i] = Some((left, half(r[i])));
            }
            let mut right = 0.5 + neutral / 2.0;
            for i in [3, 4].into_iter().filter(|i| !hidden.contains(i)) {
                places[i] = Some((right, half(r[i])));
                right += half(r[i]);
            }
            if !hidden.is_empty() && right_only && !left_only {
                block = Some((right, half(hidden_width)));
            }
            (places, block)
        }
    }
}

/// The height of a heading row above a block of bars.
const HEADING: f64 = 24.0;

#[component]
pub fn ChartSvg(chart: Chart) -> impl IntoView {
    let headings = chart.bars.iter().filter(|b| b.heading.is_some()).count();
    let height = ROW * chart.bars.len() as f64 + HEADING * headings as f64 + 34.0;
    let width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let id = chart.id.clone();
    let diverging = chart.layout == Layout::Diverging;
    let mut y = 4.0;
    let mut rows = Vec::new();
    for bar in &chart.bars {
        let heading = bar.heading.clone().map(|h| {
            y += HEADING;
            view! { <text x="0" y=y - 8.0 class="bar-heading">{h}</text> }
        });
        let (places, block) = positions(chart.layout, bar);
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
                let text = (w_px >= 30.0).then(|| {
                    view! {
                        <text x=x + w_px / 2.0 y=y + BAR / 2.0 + 4.0 text-anchor="middle" class="segment-label">
                            {s.text.clone()}
                        </text>
                    }
                });
                view! {
                    <rect x=x y=y width=w_px height=BAR fill=format!("url(#{})", pattern_id(&id, s.style)) stroke="#fff" stroke-width="1">
                        <title>{format!("{}: {}", s.label, s.text)}</title>
                    </rect>
                    {text}
                }
            })
            .collect_view();
        let block = block.filter(|(_, w)| *w > 0.0).map(|(start, w)| {
            view! {
                <rect
                    x=LABEL_WIDTH + start * PLOT_WIDTH
                    y=y
                    width=w * PLOT_WIDTH
                    height=BAR
                    fill=format!("url(#{})", pattern_id(&id, HIDDEN_STYLE))
                    stroke="#333"
                    stroke-width="1"
                    stroke-dasharray="3 2"
                >
                    <title>{chart.hidden_label.clone()}</title>
                </rect>
            }
        });
        let note = if any_hidden {
            format!("{} · {}", bar.note, chart.hidden_label)
        } else {
            bar.note.clone()
        };
        rows.push(view! {
            <g>
                {heading}
                <text x=LABEL_WIDTH - 8.0 y=y + BAR / 2.0 + 4.0 text-anchor="end">{bar.label.clone()}</text>
                {segments}
                {block}
                <text x=LABEL_WIDTH + PLOT_WIDTH + 8.0 y=y + BAR / 2.0 + 4.0 class="bar-note">{note}</text>
            </g>
        });
        y += ROW;
    }
    let bars = rows.into_iter().collect_view();
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
                                    // The chart's own patterns: one set of ids per page.
                                    <svg width="18" height="14" aria-hidden="true" focusable="false">
                                        <rect width="18" height="14" fill=format!("url(#{})", pattern_id(&chart.id, *style)) />
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
        let hidden = 1.0 - ratios.iter().map(|r| r.unwrap_or(0.0)).sum::<f64>();
        Bar {
            label: String::new(),
            heading: None,
            note: String::new(),
            hidden: Some(hidden),
            segments: ratios
                .iter()
                .enumerate()
                .map(|(style, &ratio)| Segment {
                    label: String::new(),
                    ratio,
                    text: String::new(),
                    style,
                })
                .collect(),
        }
    }

    #[test]
    fn diverging_bars_put_the_middle_of_neutral_on_the_axis() {
        let (p, _) = positions(
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
    fn hidden_segments_are_drawn_as_one_block_where_they_belong() {
        // Both disagreeing cells hidden (together 10%), "weet niet" shown: the block sits
        // left of neutral, the middle of neutral stays on the axis.
        let (p, block) = positions(
            Layout::Diverging,
            &bar(&[None, None, Some(0.3), Some(0.4), Some(0.1), Some(0.1)]),
        );
        assert_eq!((p[0], p[1]), (None, None));
        let neutral = p[2].unwrap();
        assert!((neutral.0 + neutral.1 / 2.0 - 0.5).abs() < 1e-9);
        let (start, width) = block.unwrap();
        assert!((width - 0.05).abs() < 1e-9 && (start + width - neutral.0).abs() < 1e-9);
        // Hidden on both sides: stacked left to right, the hidden block at the end.
        let (p, block) = positions(
            Layout::Diverging,
            &bar(&[None, Some(0.2), Some(0.3), Some(0.3), None, Some(0.1)]),
        );
        assert_eq!(p[1], Some((0.0, 0.2)));
        assert!((block.unwrap().0 - 0.9).abs() < 1e-9);
    }
}
