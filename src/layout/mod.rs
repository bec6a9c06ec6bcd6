// SPDX-License-Identifier: MPL-2.0
//! The meeting layout engine: participants in, tile rectangles out.
//!
//! Pure Rust, no GStreamer types, so it can be unit-tested over the whole
//! configuration space and reused by a media server that wants to know where a
//! participant will appear. [`LayoutEngine::compute`] allocates nothing once its
//! internal vectors have grown to the participant count.
//!
//! Semantics:
//! - grid: `min(participants, grid_size)` equal tiles, row-major in priority
//!   order; landscape prefers more columns, portrait more rows; a short last row
//!   is centred; one participant fills the canvas.
//! - spotlight: only the top-priority participant, filling the canvas.
//! - sidebar: the top-priority participant in the main area, the next
//!   `grid_size - 1` stacked in a strip (right in landscape, bottom in portrait).
//! - priority speaker: most recently active speaker first; pin: pinned first,
//!   then speaker order. Ties: join order.
//! - screen shares come first, the newest first. While one is there, grid
//!   switches to the arrangement `screen_share_layout` says (sidebar by
//!   default: the share in the main area, the others in the strip),
//!   spotlight shows the share, sidebar puts it in the main area. A share's
//!   tile is always letterboxed (`Tile::screen`), never cropped.
//!
//! All rectangles have even coordinates and sizes (4:2:0 chroma alignment) and
//! the gaps between tiles are all the same width.

mod bands;
mod fill;
mod speaker;
pub mod template;
mod theme;

pub use bands::{Band, bands, threads};
pub use fill::uncovered;
pub use speaker::{SPEAKING_THRESHOLD_DB, SpeakerTracker};
pub use theme::{Palette, Rgb, Theme, initials, rgb_to_yuv};

/// A rectangle in output pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl Rect {
    pub const fn new(x: u32, y: u32, w: u32, h: u32) -> Self {
        Rect { x, y, w, h }
    }
    /// The part of this rectangle inside a `width`×`height` canvas.
    pub fn clamped(&self, width: u32, height: u32) -> Rect {
        let x = self.x.min(width);
        let y = self.y.min(height);
        Rect::new(x, y, self.w.min(width - x), self.h.min(height - y))
    }
    pub const fn right(&self) -> u32 {
        self.x + self.w
    }
    pub const fn bottom(&self) -> u32 {
        self.y + self.h
    }
    pub const fn area(&self) -> u64 {
        self.w as u64 * self.h as u64
    }
    pub const fn is_empty(&self) -> bool {
        self.w == 0 || self.h == 0
    }
    pub fn centre(&self) -> (u32, u32) {
        (self.x + self.w / 2, self.y + self.h / 2)
    }
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        !self.is_empty()
            && !o.is_empty()
            && self.x < o.right()
            && o.x < self.right()
            && self.y < o.bottom()
            && o.y < self.bottom()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum LayoutKind {
    #[default]
    Grid,
    Spotlight,
    Sidebar,
    /// Regions from a [`template::Template`] ([`LayoutEngine::set_template`]).
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Priority {
    #[default]
    Speaker,
    Pin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum TileFit {
    /// Fill the tile, cropping the picture's overflow (centred).
    #[default]
    Cover,
    /// Show the whole picture, letterboxed inside the tile.
    Contain,
}

/// What a grid becomes while a screen is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ScreenShareLayout {
    /// The share in the main area, the others in the strip.
    #[default]
    Sidebar,
    /// The share alone.
    Spotlight,
    /// The grid stays, the share in its first tile.
    Keep,
}

pub const GRID_SIZE_MIN: u32 = 1;
pub const GRID_SIZE_MAX: u32 = 25;
pub const GRID_SIZE_DEFAULT: u32 = 4;
/// Default time a new speaker must stay the loudest before the layout follows.
pub const SPEAKER_HOLD_DEFAULT_NS: u64 = 1_500_000_000;

/// Everything that decides the layout apart from the participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Config {
    pub layout: LayoutKind,
    pub priority: Priority,
    /// Visible tiles at most (grid and sidebar), clamped to 1..=25.
    pub grid_size: u32,
    pub orientation: Orientation,
    pub show_labels: bool,
    pub speaker_hold_ns: u64,
    pub screen_share_layout: ScreenShareLayout,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            layout: LayoutKind::Grid,
            priority: Priority::Speaker,
            grid_size: GRID_SIZE_DEFAULT,
            orientation: Orientation::Landscape,
            show_labels: true,
            speaker_hold_ns: SPEAKER_HOLD_DEFAULT_NS,
            screen_share_layout: ScreenShareLayout::Sidebar,
        }
    }
}

/// One participant as the layout sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Participant {
    /// Stable and unique; also the join order (smaller joined earlier).
    pub key: u64,
    pub pinned: bool,
    pub has_video: bool,
    /// Current audio level in dB (RMS, as `level` reports; -inf/very low = silent).
    pub audio_level_db: f64,
    /// A shared screen, not a camera.
    pub screen: bool,
    /// Its participant id as custom layouts match it ([`template::id_hash`];
    /// 0: none).
    pub id_hash: u64,
}

/// A visible participant's place in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    /// Index into the participant slice given to [`LayoutEngine::compute`].
    pub index: usize,
    pub key: u64,
    pub rect: Rect,
    /// Where the name label may go (bottom-left band of the tile), if labels are on.
    pub label: Option<Rect>,
    /// Draw order: tiles at 0, their labels at 1.
    pub z: u32,
    /// No picture to show: draw the placeholder (tile colour + initials).
    pub placeholder: bool,
    /// A shared screen: letterboxed whatever the tile fit, never cropped.
    pub screen: bool,
    /// Speaking right now (above the threshold; no hold): highlighted.
    pub speaking: bool,
    /// How its picture fits, when its region says (custom layouts).
    pub fit: Option<TileFit>,
}

/// The arrangement actually used: a screen share present changes it as the
/// module documentation says.
pub fn effective_layout(cfg: &Config, participants: &[Participant]) -> LayoutKind {
    if !participants.iter().any(|p| p.screen) {
        return cfg.layout;
    }
    match (cfg.layout, cfg.screen_share_layout) {
        (LayoutKind::Grid, ScreenShareLayout::Sidebar) => LayoutKind::Sidebar,
        (LayoutKind::Grid, ScreenShareLayout::Spotlight) => LayoutKind::Spotlight,
        (kind, _) => kind,
    }
}

impl Tile {
    /// Participant `p` (at `index`) in `rect`, drawn at z 0 with the
    /// element's fit.
    fn of(index: usize, p: &Participant, rect: Rect, cfg: &Config) -> Tile {
        Tile {
            index,
            key: p.key,
            rect,
            label: if cfg.show_labels {
                label_rect(rect)
            } else {
                None
            },
            z: 0,
            placeholder: !p.has_video,
            screen: p.screen,
            speaking: !p.screen && p.audio_level_db > SPEAKING_THRESHOLD_DB,
            fit: None,
        }
    }
}

/// Visible tile count for a layout, given the participant count.
pub fn visible_count(cfg: &Config, participants: usize) -> usize {
    let gs = cfg.grid_size.clamp(GRID_SIZE_MIN, GRID_SIZE_MAX) as usize;
    match cfg.layout {
        LayoutKind::Spotlight => participants.min(1),
        LayoutKind::Grid | LayoutKind::Sidebar => participants.min(gs),
        LayoutKind::Custom => participants.min(template::MAX_CELLS as usize),
    }
}

/// The gap between tiles (and at the canvas edges) for a canvas, in pixels.
pub fn gap_for(width: u32, height: u32) -> u32 {
    (width.min(height) / 120).max(2) & !1
}

#[inline]
fn even(v: u32) -> u32 {
    v & !1
}

/// Rows and columns of a grid of `n` tiles.
pub fn grid_dims(n: usize, orientation: Orientation) -> (u32, u32) {
    if n == 0 {
        return (0, 0);
    }
    let n = n as u32;
    let mut major = 1;
    while major * major < n {
        major += 1;
    }
    let minor = n.div_ceil(major);
    match orientation {
        // (columns, rows)
        Orientation::Landscape => (major, minor),
        Orientation::Portrait => (minor, major),
    }
}

/// Where the picture of a `src_w`×`src_h` source goes in `tile`: the crop of the
/// source to use and the destination rectangle (inside `tile`). `par` is the
/// source pixel aspect ratio. Destination is kept even-aligned.
pub fn fit(src_w: u32, src_h: u32, par: (u32, u32), tile: Rect, mode: TileFit) -> (Rect, Rect) {
    let full_src = Rect::new(0, 0, src_w, src_h);
    if src_w == 0 || src_h == 0 || tile.is_empty() {
        return (full_src, Rect::new(tile.x, tile.y, 0, 0));
    }
    let (pn, pd) = (par.0.max(1) as u64, par.1.max(1) as u64);
    // Display aspect of the source: (src_w * pn) / (src_h * pd), compared with tile aspect.
    let sdw = src_w as u64 * pn;
    let sdh = src_h as u64 * pd;
    let (tw, th) = (tile.w as u64, tile.h as u64);
    match mode {
        TileFit::Cover => {
            // Crop the source to the tile's aspect.
            if sdw * th > tw * sdh {
                // Source wider: crop width. visible display width = sdh * tw / th
                let crop_w = ((sdh * tw / th) / pn).clamp(1, src_w as u64) as u32;
                let crop_w = crop_w.max(1);
                let x = (src_w - crop_w) / 2;
                (Rect::new(x, 0, crop_w, src_h), tile)
            } else {
                let crop_h = ((sdw * th / tw) / pd).clamp(1, src_h as u64) as u32;
                let y = (src_h - crop_h) / 2;
                (Rect::new(0, y, src_w, crop_h), tile)
            }
        }
        TileFit::Contain => {
            if sdw * th > tw * sdh {
                // Source wider: full width, reduced height.
                let h = even((tw * sdh / sdw) as u32).clamp(2.min(tile.h), tile.h);
                let y = tile.y + even((tile.h - h) / 2);
                (full_src, Rect::new(tile.x, y, tile.w, h))
            } else {
                let w = even((th * sdw / sdh) as u32).clamp(2.min(tile.w), tile.w);
                let x = tile.x + even((tile.w - w) / 2);
                (full_src, Rect::new(x, tile.y, w, tile.h))
            }
        }
    }
}

/// The border drawn around a speaker's tile: its edge pixels, `width` wide
/// (even, for 4:2:0), as four rectangles inside the tile (top, bottom,
/// left, right). Empty when the tile is too small for one.
pub fn highlight_border(tile: Rect, width: u32) -> [Rect; 4] {
    let b = even(width.max(2));
    if tile.w < 4 * b || tile.h < 4 * b {
        return [Rect::default(); 4];
    }
    [
        Rect::new(tile.x, tile.y, tile.w, b),
        Rect::new(tile.x, tile.bottom() - b, tile.w, b),
        Rect::new(tile.x, tile.y + b, b, tile.h - 2 * b),
        Rect::new(tile.right() - b, tile.y + b, b, tile.h - 2 * b),
    ]
}

/// How wide the speaker's border is on a canvas: the gap between tiles.
pub fn highlight_width(width: u32, height: u32) -> u32 {
    gap_for(width, height)
}

/// The label band of a tile: bottom-left, a fraction of the tile's height.
pub fn label_rect(tile: Rect) -> Option<Rect> {
    if tile.h < 48 || tile.w < 48 {
        return None;
    }
    let lh = even((tile.h / 8).clamp(20, 44));
    let m = even((lh / 3).max(2));
    Some(Rect::new(
        tile.x + m,
        tile.y + tile.h - lh - m,
        tile.w - 2 * m,
        lh,
    ))
}

/// Computes layouts frame after frame; keeps the speaker history between calls.
#[derive(Debug, Default)]
pub struct LayoutEngine {
    speakers: SpeakerTracker,
    order: Vec<usize>,
    tiles: Vec<Tile>,
    template: Option<template::Template>,
    cells: Vec<(Rect, usize)>,
    used: Vec<bool>,
}

impl LayoutEngine {
    pub fn new() -> Self {
        Self::default()
    }

    /// Priority order of the last [`compute`](Self::compute): indices into its participants.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The tiles of the last [`compute`](Self::compute).
    pub fn tiles(&self) -> &[Tile] {
        &self.tiles
    }

    pub fn speakers(&self) -> &SpeakerTracker {
        &self.speakers
    }

    /// The regions `LayoutKind::Custom` places participants in.
    pub fn set_template(&mut self, template: Option<template::Template>) {
        self.template = template;
    }

    /// Custom layout: each cell of the template gets the first participant
    /// not shown yet that its region's fills match, in priority order.
    fn place_custom(&mut self, width: u32, height: u32, cfg: &Config, parts: &[Participant]) {
        let Some(t) = &self.template else {
            return;
        };
        t.cells(width, height, gap_for(width, height), &mut self.cells);
        self.used.clear();
        self.used.resize(parts.len(), false);
        for &(rect, r) in &self.cells {
            let region = &t.regions[r];
            let used = &self.used;
            let free = |i: &usize| !used[*i];
            let pick = region.fill.iter().find_map(|f| {
                let mut candidates = self.order.iter().copied().filter(|i| free(i));
                match f {
                    template::Fill::Screen => candidates.find(|&i| parts[i].screen),
                    template::Fill::Speaker => candidates.find(|&i| !parts[i].screen),
                    template::Fill::Pinned => candidates.find(|&i| parts[i].pinned),
                    template::Fill::Participant(h) => {
                        // Their camera, else their share.
                        let theirs = |i: &usize| free(i) && parts[*i].id_hash == *h;
                        let mut all = self.order.iter().copied().filter(theirs);
                        let first = all.next();
                        match first {
                            Some(i) if parts[i].screen => all.find(|&j| !parts[j].screen).or(first),
                            other => other,
                        }
                    }
                    template::Fill::Others => candidates.next(),
                }
            });
            let Some(index) = pick else { continue };
            self.used[index] = true;
            let p = &parts[index];
            self.tiles.push(Tile {
                z: region.z,
                fit: region.fit,
                ..Tile::of(index, p, rect, cfg)
            });
        }
        // Drawn bottom to top.
        self.tiles.sort_by_key(|t| t.z);
    }

    /// Lays out `participants` on a `width`×`height` canvas at time `now_ns`
    /// (any monotonic clock, e.g. the output running time).
    pub fn compute(
        &mut self,
        now_ns: u64,
        width: u32,
        height: u32,
        cfg: &Config,
        participants: &[Participant],
    ) -> &[Tile] {
        self.speakers
            .update(now_ns, cfg.speaker_hold_ns, participants);

        self.order.clear();
        self.order.extend(0..participants.len());
        let speakers = &self.speakers;
        let pin = cfg.priority == Priority::Pin;
        // Keys are unique, so the unstable (allocation-free) sort is deterministic.
        self.order.sort_unstable_by_key(|&i| {
            let p = &participants[i];
            // Shares first, the newest (latest joined) first.
            let share = if p.screen { u64::MAX - p.key } else { u64::MAX };
            let pinned_first = pin && p.pinned;
            // Most recent activation first; never-active ones after, by join order.
            let act = speakers.activation(p.key);
            (share, !pinned_first, u64::MAX - act, p.key)
        });

        self.tiles.clear();
        let effective = Config {
            layout: effective_layout(cfg, participants),
            ..*cfg
        };
        let cfg = &effective;
        if cfg.layout == LayoutKind::Custom {
            if width > 0 && height > 0 {
                self.place_custom(width, height, cfg, participants);
            }
            return &self.tiles;
        }
        let n = visible_count(cfg, participants.len());
        if n == 0 || width == 0 || height == 0 {
            return &self.tiles;
        }
        let canvas = Rect::new(0, 0, width, height);
        let gap = gap_for(width, height);
        let push = |tiles: &mut Vec<Tile>, slot: usize, rect: Rect| {
            // Gaps can exceed a canvas of a few pixels: what does not fit is
            // not a tile (found by the property tests).
            let rect = rect.clamped(width, height);
            if rect.w == 0 || rect.h == 0 {
                return;
            }
            let index = self.order[slot];
            tiles.push(Tile::of(index, &participants[index], rect, cfg));
        };

        if n == 1 {
            push(&mut self.tiles, 0, canvas);
            return &self.tiles;
        }

        match cfg.layout {
            LayoutKind::Spotlight => unreachable!("spotlight shows one tile"),
            LayoutKind::Custom => unreachable!("placed by the template above"),
            LayoutKind::Grid => {
                let (cols, rows) = grid_dims(n, cfg.orientation);
                let cw = even(width.saturating_sub((cols + 1) * gap) / cols);
                let ch = even(height.saturating_sub((rows + 1) * gap) / rows);
                let used_w = cols * cw + (cols - 1) * gap;
                let used_h = rows * ch + (rows - 1) * gap;
                let x0 = even(width.saturating_sub(used_w) / 2);
                let y0 = even(height.saturating_sub(used_h) / 2);
                for slot in 0..n {
                    let (row, col) = (slot as u32 / cols, slot as u32 % cols);
                    let in_row = if row == rows - 1 {
                        n as u32 - row * cols
                    } else {
                        cols
                    };
                    // A short last row is centred.
                    let shift = even((cols - in_row) * (cw + gap) / 2);
                    let rect =
                        Rect::new(x0 + shift + col * (cw + gap), y0 + row * (ch + gap), cw, ch);
                    push(&mut self.tiles, slot, rect);
                }
            }
            LayoutKind::Sidebar => {
                let k = (n - 1) as u32;
                match cfg.orientation {
                    Orientation::Landscape => {
                        let sw = even(width.saturating_sub(3 * gap) / 4);
                        let mw = even(width.saturating_sub(3 * gap + sw));
                        let mh = even(height.saturating_sub(2 * gap));
                        push(&mut self.tiles, 0, Rect::new(gap, gap, mw, mh));
                        let th =
                            even(height.saturating_sub((k + 1) * gap) / k).min(even(sw * 9 / 16));
                        let total = k * th + (k - 1) * gap;
                        let y0 = even(height.saturating_sub(total) / 2);
                        let x = gap + mw + gap;
                        for s in 0..k {
                            push(
                                &mut self.tiles,
                                1 + s as usize,
                                Rect::new(x, y0 + s * (th + gap), sw, th),
                            );
                        }
                    }
                    Orientation::Portrait => {
                        let sh = even(height.saturating_sub(3 * gap) / 4);
                        let mh = even(height.saturating_sub(3 * gap + sh));
                        let mw = even(width.saturating_sub(2 * gap));
                        push(&mut self.tiles, 0, Rect::new(gap, gap, mw, mh));
                        let tw =
                            even(width.saturating_sub((k + 1) * gap) / k).min(even(sh * 16 / 9));
                        let total = k * tw + (k - 1) * gap;
                        let x0 = even(width.saturating_sub(total) / 2);
                        let y = gap + mh + gap;
                        for s in 0..k {
                            push(
                                &mut self.tiles,
                                1 + s as usize,
                                Rect::new(x0 + s * (tw + gap), y, tw, sh),
                            );
                        }
                    }
                }
            }
        }
        &self.tiles
    }
}

#[cfg(test)]
mod tests;
