// SPDX-License-Identifier: MPL-2.0
use super::*;

const SEC: u64 = 1_000_000_000;
const SILENT: f64 = -100.0;
const LOUD: f64 = -20.0;

fn people(n: usize) -> Vec<Participant> {
    (0..n)
        .map(|i| Participant {
            key: i as u64 + 1,
            pinned: false,
            has_video: true,
            audio_level_db: SILENT,
            screen: false,
            id_hash: 0,
        })
        .collect()
}

fn cfg(layout: LayoutKind, orientation: Orientation, priority: Priority, grid_size: u32) -> Config {
    Config {
        layout,
        priority,
        grid_size,
        orientation,
        show_labels: true,
        speaker_hold_ns: SEC,
        screen_share_layout: ScreenShareLayout::Sidebar,
    }
}

const CANVASES: [(u32, u32); 6] = [
    (1920, 1080),
    (1280, 720),
    (640, 360),
    (1080, 1920),
    (720, 1280),
    (360, 640),
];

fn keys(tiles: &[Tile]) -> Vec<u64> {
    tiles.iter().map(|t| t.key).collect()
}

/// Checks every invariant a viewer would notice for one computed layout.
fn check_layout(
    w: u32,
    h: u32,
    c: &Config,
    parts: &[Participant],
    tiles: &[Tile],
    order: &[usize],
) {
    let ctx = format!("{w}x{h} {c:?} n={}", parts.len());
    let canvas = Rect::new(0, 0, w, h);
    let n = visible_count(c, parts.len());
    assert_eq!(tiles.len(), n, "visible count {ctx}");
    let expected_n = match c.layout {
        LayoutKind::Spotlight => parts.len().min(1),
        _ => parts.len().min(c.grid_size as usize),
    };
    assert_eq!(n, expected_n, "{ctx}");
    // Order = priority order.
    assert_eq!(order.len(), parts.len());
    for (slot, t) in tiles.iter().enumerate() {
        assert_eq!(t.index, order[slot], "tile {slot} in priority order {ctx}");
        assert_eq!(t.key, parts[t.index].key);
        assert!(!t.rect.is_empty(), "empty tile {ctx}");
        assert!(
            canvas.contains_rect(&t.rect),
            "tile outside canvas {ctx}: {:?}",
            t.rect
        );
        assert_eq!(
            t.rect.x % 2 + t.rect.y % 2 + t.rect.w % 2 + t.rect.h % 2,
            0,
            "odd {ctx}"
        );
        if let Some(l) = t.label {
            assert!(t.rect.contains_rect(&l), "label outside its tile {ctx}");
        }
    }
    for (i, a) in tiles.iter().enumerate() {
        for b in &tiles[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "overlap {ctx}: {:?} {:?}",
                a.rect,
                b.rect
            );
        }
    }
    if n == 1 && c.layout != LayoutKind::Sidebar {
        assert_eq!(tiles[0].rect, canvas, "single tile fills the canvas {ctx}");
    }
    if n == 1 {
        assert_eq!(tiles[0].rect, canvas, "{ctx}");
    }
    let gap = gap_for(w, h);
    if n >= 2 && c.layout == LayoutKind::Grid {
        let size = (tiles[0].rect.w, tiles[0].rect.h);
        assert!(
            tiles.iter().all(|t| (t.rect.w, t.rect.h) == size),
            "equal tiles {ctx}"
        );
        let (cols, rows) = grid_dims(n, c.orientation);
        // Gaps between horizontal and vertical neighbours are all `gap`.
        for (i, t) in tiles.iter().enumerate() {
            let (row, col) = (i as u32 / cols, i as u32 % cols);
            if col + 1 < cols && i + 1 < n && (i as u32 + 1) / cols == row {
                assert_eq!(tiles[i + 1].rect.x - t.rect.right(), gap, "h gap {ctx}");
                assert_eq!(tiles[i + 1].rect.y, t.rect.y);
            }
            if row + 1 < rows && i + (cols as usize) < n && (i as u32 + cols) / cols == row + 1 {
                let below = &tiles[i + cols as usize];
                assert_eq!(below.rect.y - t.rect.bottom(), gap, "v gap {ctx}");
            }
        }
        // Outer margins balanced (±2 px of rounding), and at least the gap.
        let first_row: Vec<&Tile> = tiles.iter().take(cols as usize).collect();
        let left = first_row[0].rect.x;
        let right = w - first_row.last().unwrap().rect.right();
        assert!(
            left.abs_diff(right) <= 2 && left >= gap.min(left),
            "h margins {left} {right} {ctx}"
        );
        let top = tiles[0].rect.y;
        let bottom = h - tiles[n - 1].rect.bottom();
        assert!(top.abs_diff(bottom) <= 2, "v margins {top} {bottom} {ctx}");
        assert!(top >= gap && left >= gap, "edge margin {ctx}");
        // A short last row is centred.
        let last_row_start = ((n as u32 - 1) / cols * cols) as usize;
        let lr_left = tiles[last_row_start].rect.x;
        let lr_right = w - tiles[n - 1].rect.right();
        assert!(
            lr_left.abs_diff(lr_right) <= 4,
            "last row centred {lr_left} {lr_right} {ctx}"
        );
    }
    if n >= 2 && c.layout == LayoutKind::Sidebar {
        let main = tiles[0].rect;
        assert!(
            tiles[1..].iter().all(|t| t.rect.area() < main.area()),
            "main is largest {ctx}"
        );
        for pair in tiles[1..].windows(2) {
            let (a, b) = (pair[0].rect, pair[1].rect);
            match c.orientation {
                Orientation::Landscape => {
                    assert_eq!(b.y - a.bottom(), gap, "strip gap {ctx}");
                    assert_eq!(a.x, b.x);
                }
                Orientation::Portrait => {
                    assert_eq!(b.x - a.right(), gap, "strip gap {ctx}");
                    assert_eq!(a.y, b.y);
                }
            }
        }
        let side = tiles[1].rect;
        match c.orientation {
            Orientation::Landscape => {
                assert_eq!(side.x - main.right(), gap, "strip right of main {ctx}")
            }
            Orientation::Portrait => {
                assert_eq!(side.y - main.bottom(), gap, "strip below main {ctx}")
            }
        }
    }
    // Background regions + tiles tile the canvas exactly.
    let holes: Vec<Rect> = tiles.iter().map(|t| t.rect).collect();
    let mut bg = Vec::new();
    uncovered(canvas, &holes, &mut bg);
    let total: u64 =
        bg.iter().map(Rect::area).sum::<u64>() + holes.iter().map(Rect::area).sum::<u64>();
    assert_eq!(total, canvas.area(), "background + tiles = canvas {ctx}");
    for (i, a) in bg.iter().enumerate() {
        assert!(
            holes.iter().all(|h| !h.intersects(a)),
            "background over a tile {ctx}"
        );
        assert!(
            bg[i + 1..].iter().all(|b| !b.intersects(a)),
            "background overlap {ctx}"
        );
    }
}

#[test]
fn whole_configuration_space() {
    let mut checked = 0;
    for layout in [LayoutKind::Grid, LayoutKind::Spotlight, LayoutKind::Sidebar] {
        for priority in [Priority::Speaker, Priority::Pin] {
            for &(w, h) in &CANVASES {
                let orientation = if w >= h {
                    Orientation::Landscape
                } else {
                    Orientation::Portrait
                };
                for grid_size in GRID_SIZE_MIN..=GRID_SIZE_MAX {
                    let c = cfg(layout, orientation, priority, grid_size);
                    for count in 0..=30 {
                        let mut parts = people(count);
                        // Some pinned and some speaking so the order is not just join order.
                        for (i, p) in parts.iter_mut().enumerate() {
                            p.pinned = i % 7 == 3;
                            p.has_video = i % 5 != 4;
                        }
                        let mut engine = LayoutEngine::new();
                        if count > 2 {
                            parts[count - 1].audio_level_db = LOUD;
                            engine.compute(0, w, h, &c, &parts);
                        }
                        let tiles = engine.compute(2 * SEC, w, h, &c, &parts).to_vec();
                        check_layout(w, h, &c, &parts, &tiles, engine.order());
                        for t in &tiles {
                            assert_eq!(t.placeholder, !parts[t.index].has_video);
                        }
                        if count > 2 && priority == Priority::Speaker {
                            assert_eq!(engine.order()[0], count - 1, "speaker first");
                        }
                        if count > 3 && priority == Priority::Pin {
                            assert!(parts[engine.order()[0]].pinned, "pinned first");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 2 * 6 * 25 * 31);
}

#[test]
fn grid_dims_follow_orientation() {
    assert_eq!(grid_dims(0, Orientation::Landscape), (0, 0));
    assert_eq!(grid_dims(1, Orientation::Landscape), (1, 1));
    assert_eq!(grid_dims(2, Orientation::Landscape), (2, 1));
    assert_eq!(grid_dims(2, Orientation::Portrait), (1, 2));
    assert_eq!(grid_dims(3, Orientation::Landscape), (2, 2));
    assert_eq!(grid_dims(4, Orientation::Landscape), (2, 2));
    assert_eq!(grid_dims(5, Orientation::Landscape), (3, 2));
    assert_eq!(grid_dims(5, Orientation::Portrait), (2, 3));
    assert_eq!(grid_dims(9, Orientation::Portrait), (3, 3));
    assert_eq!(grid_dims(10, Orientation::Landscape), (4, 3));
    assert_eq!(grid_dims(25, Orientation::Landscape), (5, 5));
}

#[test]
fn grid_of_four_at_1080p() {
    let c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    let mut e = LayoutEngine::new();
    let tiles = e.compute(0, 1920, 1080, &c, &people(4));
    assert_eq!(gap_for(1920, 1080), 8);
    let rects: Vec<Rect> = tiles.iter().map(|t| t.rect).collect();
    assert_eq!(
        rects,
        vec![
            Rect::new(8, 8, 948, 528),
            Rect::new(964, 8, 948, 528),
            Rect::new(8, 544, 948, 528),
            Rect::new(964, 544, 948, 528),
        ]
    );
}

#[test]
fn speaker_needs_the_hold_time() {
    let c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    let mut e = LayoutEngine::new();
    let mut p = people(3);
    assert_eq!(
        keys(e.compute(0, 1280, 720, &c, &p)),
        vec![1, 2, 3],
        "join order at first"
    );

    // C speaks: not before the hold time (1 s here), then first.
    p[2].audio_level_db = LOUD;
    assert_eq!(keys(e.compute(0, 1280, 720, &c, &p)), vec![1, 2, 3]);
    assert_eq!(keys(e.compute(SEC / 2, 1280, 720, &c, &p)), vec![1, 2, 3]);
    assert_eq!(keys(e.compute(SEC - 1, 1280, 720, &c, &p)), vec![1, 2, 3]);
    assert_eq!(keys(e.compute(SEC, 1280, 720, &c, &p)), vec![3, 1, 2]);

    // B coughs for half a second while C is quiet: nothing moves.
    p[2].audio_level_db = SILENT;
    p[1].audio_level_db = LOUD;
    e.compute(2 * SEC, 1280, 720, &c, &p);
    assert_eq!(
        keys(e.compute(2 * SEC + SEC / 2, 1280, 720, &c, &p)),
        vec![3, 1, 2]
    );
    p[1].audio_level_db = SILENT;
    assert_eq!(keys(e.compute(3 * SEC, 1280, 720, &c, &p)), vec![3, 1, 2]);

    // Silence keeps the speaker.
    assert_eq!(e.speakers().current(), Some(3));
    assert_eq!(keys(e.compute(10 * SEC, 1280, 720, &c, &p)), vec![3, 1, 2]);

    // B talks for real: B first, then the previous speaker, then the never-speaker.
    p[1].audio_level_db = LOUD;
    e.compute(11 * SEC, 1280, 720, &c, &p);
    assert_eq!(keys(e.compute(12 * SEC, 1280, 720, &c, &p)), vec![2, 3, 1]);

    // An interrupted candidate starts its hold again.
    p[1].audio_level_db = SILENT;
    p[0].audio_level_db = LOUD;
    e.compute(13 * SEC, 1280, 720, &c, &p);
    p[0].audio_level_db = SILENT;
    e.compute(13 * SEC + SEC / 2, 1280, 720, &c, &p);
    p[0].audio_level_db = LOUD;
    e.compute(14 * SEC, 1280, 720, &c, &p);
    assert_eq!(
        keys(e.compute(14 * SEC + SEC / 2, 1280, 720, &c, &p)),
        vec![2, 3, 1]
    );
    assert_eq!(keys(e.compute(15 * SEC, 1280, 720, &c, &p)), vec![1, 2, 3]);
}

#[test]
fn zero_hold_switches_at_once_and_loudest_wins() {
    let mut c = cfg(
        LayoutKind::Spotlight,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    c.speaker_hold_ns = 0;
    let mut e = LayoutEngine::new();
    let mut p = people(3);
    p[1].audio_level_db = -30.0;
    p[2].audio_level_db = -25.0;
    assert_eq!(keys(e.compute(0, 640, 360, &c, &p)), vec![3]);
    // Equal levels: the earlier joiner wins.
    p[1].audio_level_db = -10.0;
    p[2].audio_level_db = -10.0;
    assert_eq!(keys(e.compute(1, 640, 360, &c, &p)), vec![2]);
    // Below the threshold is silence.
    p[1].audio_level_db = SPEAKING_THRESHOLD_DB;
    p[2].audio_level_db = SPEAKING_THRESHOLD_DB - 1.0;
    p[0].audio_level_db = f64::NEG_INFINITY;
    assert_eq!(keys(e.compute(2, 640, 360, &c, &p)), vec![2]);
}

#[test]
fn pin_puts_pinned_first_then_speakers() {
    let mut c = cfg(LayoutKind::Grid, Orientation::Landscape, Priority::Pin, 4);
    c.speaker_hold_ns = 0;
    let mut e = LayoutEngine::new();
    let mut p = people(5);
    p[3].pinned = true;
    p[1].pinned = true;
    p[4].audio_level_db = LOUD;
    // Pinned by join order (neither spoke), then the speaker, then join order.
    assert_eq!(keys(e.compute(0, 1280, 720, &c, &p)), vec![2, 4, 5, 1]);
    // A pinned speaker goes ahead of the other pinned participant.
    p[4].audio_level_db = SILENT;
    p[3].audio_level_db = LOUD;
    assert_eq!(keys(e.compute(1, 1280, 720, &c, &p)), vec![4, 2, 5, 1]);
    // Speaker priority ignores pins.
    c.priority = Priority::Speaker;
    assert_eq!(keys(e.compute(2, 1280, 720, &c, &p)), vec![4, 5, 1, 2]);
}

#[test]
fn leaving_speaker_is_forgotten() {
    let mut c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    c.speaker_hold_ns = 0;
    let mut e = LayoutEngine::new();
    let mut p = people(3);
    p[2].audio_level_db = LOUD;
    e.compute(0, 1280, 720, &c, &p);
    assert_eq!(e.speakers().current(), Some(3));
    p.pop();
    assert_eq!(keys(e.compute(1, 1280, 720, &c, &p)), vec![1, 2]);
    assert_eq!(e.speakers().current(), None);
    assert_eq!(e.speakers().activation(3), 0);
}

#[test]
fn steady_state_does_not_allocate() {
    let c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        9,
    );
    let mut e = LayoutEngine::new();
    let mut p = people(12);
    p[5].audio_level_db = LOUD;
    e.compute(0, 1920, 1080, &c, &p);
    e.compute(2 * SEC, 1920, 1080, &c, &p);
    let (tp, op) = (e.tiles.as_ptr(), e.order.as_ptr());
    let ec = e.speakers.entries_capacity();
    for f in 0..300u64 {
        p[(f / 50) as usize].audio_level_db = LOUD;
        e.compute(3 * SEC + f * SEC / 30, 1920, 1080, &c, &p);
    }
    assert_eq!(
        (tp, op),
        (e.tiles.as_ptr(), e.order.as_ptr()),
        "buffers reused"
    );
    assert!(e.speakers.entries_capacity() <= ec.max(p.len()));
}

#[test]
fn fit_cover_crops_and_contain_letterboxes() {
    let tile = Rect::new(100, 50, 400, 400);
    // 16:9 into a square, cover: crop the centre square of the source.
    let (src, dst) = fit(1280, 720, (1, 1), tile, TileFit::Cover);
    assert_eq!(src, Rect::new(280, 0, 720, 720));
    assert_eq!(dst, tile);
    // Portrait source into a landscape tile, cover: crop top and bottom.
    let (src, dst) = fit(
        720,
        1280,
        (1, 1),
        Rect::new(0, 0, 1280, 720),
        TileFit::Cover,
    );
    assert_eq!(src, Rect::new(0, 437, 720, 405));
    assert_eq!(dst, Rect::new(0, 0, 1280, 720));
    // Contain: whole source, letterboxed.
    let (src, dst) = fit(1280, 720, (1, 1), tile, TileFit::Contain);
    assert_eq!(src, Rect::new(0, 0, 1280, 720));
    assert_eq!(dst, Rect::new(100, 50 + 88, 400, 224));
    let (_, dst) = fit(
        720,
        1280,
        (1, 1),
        Rect::new(0, 0, 1280, 720),
        TileFit::Contain,
    );
    assert_eq!(dst, Rect::new(438, 0, 404, 720));
    // Anamorphic 2:1 pixels: 960x720 displays as 1920x720, wider than 16:9.
    let (src, _) = fit(960, 720, (2, 1), Rect::new(0, 0, 1280, 720), TileFit::Cover);
    assert_eq!(src, Rect::new(160, 0, 640, 720));
    // Same aspect: untouched.
    let (src, dst) = fit(
        640,
        360,
        (1, 1),
        Rect::new(0, 0, 1280, 720),
        TileFit::Contain,
    );
    assert_eq!(
        (src, dst),
        (Rect::new(0, 0, 640, 360), Rect::new(0, 0, 1280, 720))
    );
}

#[test]
fn uncovered_regions() {
    let area = Rect::new(0, 0, 100, 50);
    let mut out = Vec::new();
    uncovered(area, &[], &mut out);
    assert_eq!(out, vec![area]);
    out.clear();
    uncovered(area, &[area], &mut out);
    assert!(out.is_empty());
    out.clear();
    // One centred hole: top band, left, right, bottom band.
    uncovered(area, &[Rect::new(10, 10, 80, 30)], &mut out);
    assert_eq!(
        out,
        vec![
            Rect::new(0, 0, 100, 10),
            Rect::new(0, 10, 10, 30),
            Rect::new(90, 10, 10, 30),
            Rect::new(0, 40, 100, 10),
        ]
    );
    // A hole hanging over the edge is clipped.
    out.clear();
    uncovered(
        Rect::new(10, 10, 20, 20),
        &[Rect::new(0, 0, 20, 40)],
        &mut out,
    );
    assert_eq!(out, vec![Rect::new(20, 10, 10, 20)]);
}

#[test]
fn labels_sit_in_the_bottom_band() {
    assert_eq!(label_rect(Rect::new(0, 0, 40, 40)), None);
    let l = label_rect(Rect::new(0, 0, 1920, 1080)).unwrap();
    assert_eq!(l, Rect::new(14, 1080 - 44 - 14, 1920 - 28, 44));
    let l = label_rect(Rect::new(10, 20, 320, 180)).unwrap();
    assert!(l.h >= 20 && l.bottom() < 200 && l.x > 10);
}

/// `n` cameras and, after them, shares joined in order (keys n+1, n+2, …).
fn with_shares(n: usize, shares: usize) -> Vec<Participant> {
    let mut p = people(n + shares);
    for s in &mut p[n..] {
        s.screen = true;
    }
    p
}

#[test]
fn a_screen_share_takes_the_main_place_in_every_layout() {
    for (w, h) in CANVASES {
        let orientation = if w >= h {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        };
        let parts = with_shares(3, 1);
        let share = parts[3].key;
        let mut e = LayoutEngine::new();
        // Grid becomes the sidebar arrangement: the share in the main area.
        let c = cfg(LayoutKind::Grid, orientation, Priority::Speaker, 4);
        let tiles = e.compute(0, w, h, &c, &parts).to_vec();
        assert_eq!(tiles.len(), 4, "{w}x{h}");
        assert_eq!(tiles[0].key, share);
        assert!(tiles[0].screen && !tiles[1].screen);
        assert!(
            tiles[1..]
                .iter()
                .all(|t| t.rect.area() < tiles[0].rect.area()),
            "main area {w}x{h}"
        );
        let sidebar = e
            .compute(
                0,
                w,
                h,
                &Config {
                    layout: LayoutKind::Sidebar,
                    ..c
                },
                &parts,
            )
            .to_vec();
        assert_eq!(tiles, sidebar, "grid with a share is the sidebar");
        // Spotlight shows the share alone.
        let c = cfg(LayoutKind::Spotlight, orientation, Priority::Speaker, 4);
        let tiles = e.compute(0, w, h, &c, &parts).to_vec();
        assert_eq!(keys(&tiles), [share]);
        assert_eq!(tiles[0].rect, Rect::new(0, 0, w, h));
        // screen-share-layout picks what grid becomes.
        for (ssl, expect) in [
            (ScreenShareLayout::Spotlight, 1),
            (ScreenShareLayout::Keep, 4),
        ] {
            let c = Config {
                screen_share_layout: ssl,
                ..cfg(LayoutKind::Grid, orientation, Priority::Speaker, 4)
            };
            let tiles = e.compute(0, w, h, &c, &parts).to_vec();
            assert_eq!(tiles.len(), expect, "{ssl:?}");
            assert_eq!(tiles[0].key, share, "{ssl:?}: the share first");
            if ssl == ScreenShareLayout::Keep {
                let grid = e.compute(0, w, h, &c, &people(4)).to_vec();
                let rects: Vec<Rect> = grid.iter().map(|t| t.rect).collect();
                assert_eq!(tiles.iter().map(|t| t.rect).collect::<Vec<_>>(), rects);
            }
        }
    }
}

#[test]
fn the_newest_share_is_in_the_main_area_and_speakers_follow() {
    let parts = with_shares(3, 2);
    let mut e = LayoutEngine::new();
    let c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        5,
    );
    let tiles = e.compute(0, 1280, 720, &c, &parts).to_vec();
    assert_eq!(tiles[0].key, parts[4].key, "the newest share");
    assert_eq!(tiles[1].key, parts[3].key, "then the older one");
    // A speaker comes first among the cameras, after the shares.
    let mut talking = parts.clone();
    talking[2].audio_level_db = LOUD;
    e.compute(0, 1280, 720, &c, &talking);
    let tiles = e.compute(2 * SEC, 1280, 720, &c, &talking).to_vec();
    assert_eq!(
        keys(&tiles),
        [
            parts[4].key,
            parts[3].key,
            parts[2].key,
            parts[0].key,
            parts[1].key
        ]
    );
    // Without shares, the layout is as before.
    assert_eq!(effective_layout(&c, &people(3)), LayoutKind::Grid);
    assert_eq!(effective_layout(&c, &parts), LayoutKind::Sidebar);
}

#[test]
fn the_speakers_border_is_on_the_tiles_edge_only() {
    let tile = Rect::new(100, 50, 400, 300);
    let border = highlight_border(tile, 6);
    let area: u64 = border.iter().map(|r| r.area()).sum();
    assert_eq!(area, 400 * 300 - 388 * 288, "exactly the edge ring");
    for r in &border {
        assert!(tile.contains_rect(r) && r.x % 2 == 0 && r.y % 2 == 0 && r.w % 2 == 0);
        for o in &border {
            assert!(r == o || !r.intersects(o), "{r:?} overlaps {o:?}");
        }
    }
    assert!(
        highlight_border(Rect::new(0, 0, 10, 10), 6)
            .iter()
            .all(Rect::is_empty)
    );
    // Who speaks now is marked, with no hold; a share never is.
    let mut parts = with_shares(2, 1);
    parts[1].audio_level_db = LOUD;
    parts[2].audio_level_db = LOUD;
    let mut e = LayoutEngine::new();
    let c = cfg(
        LayoutKind::Grid,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    let tiles = e.compute(0, 1280, 720, &c, &parts).to_vec();
    let speaking: Vec<u64> = tiles.iter().filter(|t| t.speaking).map(|t| t.key).collect();
    assert_eq!(speaking, [parts[1].key]);
}

fn custom(t: &str) -> (LayoutEngine, Config) {
    let mut e = LayoutEngine::new();
    e.set_template(Some(template::Template::parse(t).unwrap()));
    let c = cfg(
        LayoutKind::Custom,
        Orientation::Landscape,
        Priority::Speaker,
        4,
    );
    (e, c)
}

#[test]
fn picture_in_picture_puts_the_speaker_full_and_the_next_in_the_corner() {
    let (mut e, c) = custom(template::PICTURE_IN_PICTURE);
    let mut parts = people(3);
    parts[2].audio_level_db = LOUD;
    e.compute(0, 1280, 720, &c, &parts);
    let tiles = e.compute(2 * SEC, 1280, 720, &c, &parts).to_vec();
    assert_eq!(
        keys(&tiles),
        [parts[2].key, parts[0].key],
        "speaker, then the next"
    );
    assert_eq!(tiles[0].rect, Rect::new(0, 0, 1280, 720));
    assert_eq!((tiles[0].z, tiles[1].z), (0, 1), "the corner drawn on top");
    assert!(tiles[0].rect.contains_rect(&tiles[1].rect));
    // A share takes the full area; the speaker goes to the corner.
    let mut with_share = parts.clone();
    with_share.push(Participant {
        key: 9,
        screen: true,
        ..parts[0]
    });
    let tiles = e.compute(3 * SEC, 1280, 720, &c, &with_share).to_vec();
    assert_eq!(keys(&tiles), [9, parts[2].key]);
    // One participant: the corner stays empty.
    let tiles = e.compute(4 * SEC, 1280, 720, &c, &people(1)).to_vec();
    assert_eq!(tiles.len(), 1);
}

#[test]
fn the_news_desk_has_two_side_by_side_and_the_share_above() {
    let (mut e, c) = custom(template::NEWS_DESK);
    let parts = with_shares(3, 1);
    let tiles = e.compute(0, 1280, 720, &c, &parts).to_vec();
    assert_eq!(tiles.len(), 3);
    assert_eq!(tiles[0].key, parts[3].key);
    assert!(tiles[0].screen && tiles[0].fit == Some(TileFit::Contain));
    assert_eq!(keys(&tiles[1..]), [parts[0].key, parts[1].key]);
    assert!(tiles[1].rect.right() < tiles[2].rect.x, "side by side");
    assert!(tiles[0].rect.bottom() < tiles[1].rect.y, "the share above");
    // No share: its region stays empty, the desk is as before.
    let tiles = e.compute(0, 1280, 720, &c, &people(2)).to_vec();
    assert_eq!(tiles.len(), 2);
    assert!(tiles.iter().all(|t| t.rect.y > 360));
}

#[test]
fn a_region_for_one_participant_shows_them_wherever_they_are_in_order() {
    let (mut e, c) = custom(
        r#"[{"x": 0, "y": 0, "w": 0.5, "h": 1, "fill": ["participant:bob"]},
            {"x": 0.5, "y": 0, "w": 0.5, "h": 1, "fill": ["others"]}]"#,
    );
    let mut parts = people(3);
    parts[2].id_hash = template::id_hash("bob");
    let tiles = e.compute(0, 1280, 720, &c, &parts).to_vec();
    assert_eq!(keys(&tiles), [parts[2].key, parts[0].key]);
    // Without a template, a custom layout shows nobody.
    let mut bare = LayoutEngine::new();
    assert!(bare.compute(0, 1280, 720, &c, &parts).is_empty());
}
