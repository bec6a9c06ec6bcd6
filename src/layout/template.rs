// SPDX-License-Identifier: MPL-2.0
//! Custom layouts: a template of regions on the canvas and what fills each.
//!
//! A template is JSON: a list of regions (or `{"regions": [...]}`), each
//!
//! ```json
//! { "x": 0.70, "y": 0.68, "w": 0.28, "h": 0.28,   // fractions of the canvas
//!   "z": 1,                                         // draw order, higher on top
//!   "fit": "cover",                                 // or "contain"; default: the element's tile-fit
//!   "fill": ["speaker", "others"],                  // what fills it, first that matches
//!   "repeat": { "count": 3, "direction": "row" } }  // optional: N cells, row | column | grid
//! ```
//!
//! Fills: `screen` (the newest shared screen not shown yet), `speaker` (the
//! camera first in priority order: the speaker, or pinned with priority=pin),
//! `pinned` (a pinned participant), `participant:<id>` (that participant),
//! `others` (whoever is next in priority order). Regions are filled in the
//! order they are listed, cells left to right (top to bottom); a participant
//! is shown once; a region nothing matches stays empty (background).

use serde::Deserialize;

use super::{Rect, TileFit};

/// Picture in picture: the speaker (or a share) full, the next in a corner.
pub const PICTURE_IN_PICTURE: &str = r#"[
  {"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["screen", "speaker"]},
  {"x": 0.7, "y": 0.68, "w": 0.28, "h": 0.28, "z": 1, "fill": ["speaker", "others"]}
]"#;

/// News desk: a share above (letterboxed), two people side by side below.
pub const NEWS_DESK: &str = r#"[
  {"x": 0.2, "y": 0.02, "w": 0.6, "h": 0.5, "fit": "contain", "fill": ["screen"]},
  {"x": 0.02, "y": 0.55, "w": 0.96, "h": 0.43, "fill": ["speaker", "others"],
   "repeat": {"count": 2, "direction": "row"}}
]"#;

/// What may fill a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill {
    Screen,
    Speaker,
    Pinned,
    /// By participant id: its [`id_hash`].
    Participant(u64),
    Others,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Row,
    Column,
    /// Rows and columns as a grid of that many has them (more columns in a
    /// wide region, more rows in a tall one); a short last row is centred.
    Grid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    pub count: u32,
    pub direction: Direction,
}

/// One region, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub z: u32,
    pub fit: Option<TileFit>,
    pub fill: Vec<Fill>,
    pub repeat: Option<Repeat>,
}

/// A validated template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    pub regions: Vec<Region>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    #[serde(default)]
    z: u32,
    #[serde(default)]
    fit: Option<RawFit>,
    fill: Vec<String>,
    #[serde(default)]
    repeat: Option<Repeat>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawFit {
    Cover,
    Contain,
}

/// A participant id as templates match it (FNV-1a, 64 bits; never 0).
pub fn id_hash(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.max(1)
}

/// The most regions (cells included) a template may have.
pub const MAX_CELLS: u32 = 25;

impl Template {
    /// Parses and validates template JSON; the error names the field.
    pub fn parse(json: &str) -> Result<Template, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
            format!("layout template: {e} (a list of regions, each with x, y, w, h, fill)")
        })?;
        let list = match value {
            serde_json::Value::Array(list) => list,
            serde_json::Value::Object(mut o) => match o.remove("regions") {
                Some(serde_json::Value::Array(list)) if o.is_empty() => list,
                _ => {
                    return Err(
                        "layout template: regions: an object holds only \"regions\": [...]".into(),
                    );
                }
            },
            _ => return Err("layout template: regions: a list of regions".into()),
        };
        if list.is_empty() {
            return Err("layout template: regions: at least one region".into());
        }
        let raw = list
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                serde_json::from_value::<RawRegion>(v)
                    .map_err(|e| format!("layout template: regions[{i}]: {e}"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut cells = 0;
        let mut regions = Vec::with_capacity(raw.len());
        for (i, r) in raw.into_iter().enumerate() {
            let at = |field: &str| format!("layout template: regions[{i}].{field}");
            for (name, v) in [("x", r.x), ("y", r.y), ("w", r.w), ("h", r.h)] {
                if !(0.0..=1.0).contains(&v) {
                    return Err(format!(
                        "{}: {v} is not a fraction of the canvas (0..1)",
                        at(name)
                    ));
                }
            }
            if r.w <= 0.0 || r.h <= 0.0 {
                return Err(format!("{}: the region is empty", at("w/h")));
            }
            if r.x + r.w > 1.0 + 1e-9 || r.y + r.h > 1.0 + 1e-9 {
                return Err(format!(
                    "{}: x + w and y + h must stay within the canvas (≤ 1)",
                    at("x/w, y/h")
                ));
            }
            if r.fill.is_empty() {
                return Err(format!("{}: say what fills the region", at("fill")));
            }
            let fill = r
                .fill
                .iter()
                .enumerate()
                .map(|(k, f)| {
                    Ok(match f.as_str() {
                        "screen" => Fill::Screen,
                        "speaker" => Fill::Speaker,
                        "pinned" => Fill::Pinned,
                        "others" => Fill::Others,
                        p => match p.strip_prefix("participant:") {
                            Some(id) if !id.is_empty() => Fill::Participant(id_hash(id)),
                            _ => {
                                return Err(format!(
                                    "{}: unknown fill {f:?} (screen, speaker, pinned, \
                                     participant:<id>, others)",
                                    at(&format!("fill[{k}]"))
                                ));
                            }
                        },
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let count = match r.repeat {
                Some(rep) if rep.count == 0 || rep.count > MAX_CELLS => {
                    return Err(format!(
                        "{}: {} cells (1..={MAX_CELLS})",
                        at("repeat.count"),
                        rep.count
                    ));
                }
                Some(rep) => rep.count,
                None => 1,
            };
            cells += count;
            regions.push(Region {
                x: r.x,
                y: r.y,
                w: r.w,
                h: r.h,
                z: r.z,
                fit: r.fit.map(|f| match f {
                    RawFit::Cover => TileFit::Cover,
                    RawFit::Contain => TileFit::Contain,
                }),
                fill,
                repeat: r.repeat,
            });
        }
        if cells > MAX_CELLS {
            return Err(format!(
                "layout template: regions: {cells} cells, at most {MAX_CELLS}"
            ));
        }
        Ok(Template { regions })
    }

    /// Each cell of the template on a `width`×`height` canvas with `gap`
    /// between a strip's cells: its rectangle (even, for 4:2:0) and region.
    pub fn cells(&self, width: u32, height: u32, gap: u32, out: &mut Vec<(Rect, usize)>) {
        out.clear();
        let even = |v: f64| (v.max(0.0) as u32) & !1;
        for (i, r) in self.regions.iter().enumerate() {
            let x = even(r.x * width as f64);
            let y = even(r.y * height as f64);
            let w = even(r.w * width as f64).min(width - x);
            let h = even(r.h * height as f64).min(height - y);
            let (n, dir) = r
                .repeat
                .map_or((1, Direction::Row), |rep| (rep.count, rep.direction));
            let region = Rect::new(x, y, w, h);
            let (cols, rows) = match dir {
                Direction::Row => (n, 1),
                Direction::Column => (1, n),
                Direction::Grid => super::grid_dims(
                    n as usize,
                    if w >= h {
                        super::Orientation::Landscape
                    } else {
                        super::Orientation::Portrait
                    },
                ),
            };
            let cw = even(w.saturating_sub((cols - 1) * gap) as f64 / cols as f64);
            let ch = even(h.saturating_sub((rows - 1) * gap) as f64 / rows as f64);
            for k in 0..n {
                let (row, col) = (k / cols, k % cols);
                // A short last row is centred.
                let in_row = if row == rows - 1 {
                    n - row * cols
                } else {
                    cols
                };
                let shift = even(((cols - in_row) * (cw + gap)) as f64 / 2.0);
                let rect = Rect::new(
                    region.x + shift + col * (cw + gap),
                    region.y + row * (ch + gap),
                    cw,
                    ch,
                );
                if !rect.is_empty() {
                    out.push((rect, i));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_cells_are_placed() {
        let t = Template::parse(PICTURE_IN_PICTURE).unwrap();
        assert_eq!(t.regions.len(), 2);
        assert_eq!(t.regions[1].z, 1);
        assert_eq!(t.regions[0].fill, [Fill::Screen, Fill::Speaker]);
        let mut cells = Vec::new();
        t.cells(1280, 720, 6, &mut cells);
        assert_eq!(cells[0], (Rect::new(0, 0, 1280, 720), 0));
        assert_eq!(cells[1], (Rect::new(896, 488, 358, 200), 1));
        // A strip of 3, as an object with a participant by id.
        let t = Template::parse(
            r#"{"regions": [{"x": 0, "y": 0.5, "w": 1, "h": 0.5, "fit": "contain",
                "fill": ["participant:ada", "others"],
                "repeat": {"count": 3, "direction": "row"}}]}"#,
        )
        .unwrap();
        assert_eq!(t.regions[0].fill[0], Fill::Participant(id_hash("ada")));
        assert_eq!(t.regions[0].fit, Some(TileFit::Contain));
        t.cells(1280, 720, 8, &mut cells);
        assert_eq!(cells.len(), 3);
        assert!(cells.windows(2).all(|w| w[0].0.right() + 8 == w[1].0.x));
        assert!(
            cells
                .iter()
                .all(|(r, _)| r.w == 420 && r.h == 360 && r.y == 360)
        );
    }

    #[test]
    fn bad_templates_name_the_field() {
        for (json, field) in [
            ("not json", "layout template"),
            ("[]", "regions"),
            (
                r#"[{"x": 0, "y": 0, "w": 1.5, "h": 1, "fill": ["speaker"]}]"#,
                "regions[0].w",
            ),
            (
                r#"[{"x": 0.5, "y": 0, "w": 0.6, "h": 1, "fill": ["speaker"]}]"#,
                "regions[0].x/w",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 0, "h": 1, "fill": ["speaker"]}]"#,
                "regions[0].w/h",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": []}]"#,
                "regions[0].fill",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["speaker"]},
                    {"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["speaker", "boss"]}]"#,
                "regions[1].fill[1]",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["participant:"]}]"#,
                "fill[0]",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["others"], "repeat": {"count": 0, "direction": "row"}}]"#,
                "regions[0].repeat.count",
            ),
            (
                r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["others"], "colour": 1}]"#,
                "colour",
            ),
        ] {
            let e = Template::parse(json).unwrap_err();
            assert!(e.contains(field), "{json}: {e}");
        }
        let many = format!(
            "[{}]",
            [r#"{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["others"], "repeat": {"count": 13, "direction": "row"}}"#; 2]
                .join(",")
        );
        assert!(Template::parse(&many).unwrap_err().contains("26 cells"));
    }
}
