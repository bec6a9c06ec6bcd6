// SPDX-License-Identifier: MPL-2.0
//! Drawing one output frame's pictures on more than one thread: which rows
//! each thread may own, and when it is worth it.
//!
//! The output is cut across into bands of whole rows that no picture
//! crosses, so every thread writes rows no other thread touches (the tiles
//! of one row of a grid go to the same thread). Bands are balanced by the
//! pictures' area, the measure of their scaling cost.

use super::Rect;

/// Rows `top..bottom` of the output and the pictures (indices into the
/// slice given to [`bands`]) that lie in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub top: u32,
    pub bottom: u32,
    pub members: Vec<usize>,
}

/// Splits `pictures` (destination rectangles on an output `height` rows
/// high) into at most `n` bands of rows that no picture crosses, balanced
/// by area. None when there cannot be two: fewer than two pictures or
/// threads, pictures that overlap (a custom layout's picture-in-picture:
/// drawing order matters there), or no row between them to cut at.
/// Cuts are at a picture's top row, and only at an even one (the layout's
/// rectangles all start on one), so they land on a 4:2:0 chroma row.
pub fn bands(pictures: &[Rect], n: usize, height: u32) -> Option<Vec<Band>> {
    let drawn: Vec<usize> = (0..pictures.len())
        .filter(|&i| !pictures[i].is_empty())
        .collect();
    if n < 2 || drawn.len() < 2 {
        return None;
    }
    for (k, &i) in drawn.iter().enumerate() {
        if drawn[k + 1..]
            .iter()
            .any(|&j| pictures[i].intersects(&pictures[j]))
        {
            return None;
        }
    }
    // Rows of pictures: pictures whose row spans overlap, chained.
    let mut order = drawn;
    order.sort_by_key(|&i| (pictures[i].y, pictures[i].x));
    let mut rows: Vec<(u32, u32, u64, Vec<usize>)> = Vec::new();
    for i in order {
        let r = pictures[i];
        match rows.last_mut() {
            Some(last) if r.y < last.1 => {
                last.1 = last.1.max(r.bottom());
                last.2 += r.area();
                last.3.push(i);
            }
            _ => rows.push((r.y, r.bottom(), r.area(), vec![i])),
        }
    }
    if rows.len() < 2 {
        return None;
    }
    // Contiguous runs of rows: a new band starts when the current one has
    // its share of the area, or when each band still to come needs one of
    // the rows left.
    let (m, k) = (rows.len(), n.min(rows.len()));
    let total: u64 = rows.iter().map(|r| r.2).sum();
    let mut out: Vec<Band> = Vec::with_capacity(k);
    let mut done = 0u64;
    for (at, (top, _, area, members)) in rows.into_iter().enumerate() {
        let next = match out.len() {
            0 => true,
            // Only at an even row: chroma rows are shared by two luma rows.
            b if b < k && top.is_multiple_of(2) => {
                let has_share = done * k as u64 >= total * b as u64;
                has_share || m - at == k - b
            }
            _ => false,
        };
        if next {
            if let Some(band) = out.last_mut() {
                band.bottom = top;
            }
            out.push(Band {
                top: if out.is_empty() { 0 } else { top },
                bottom: height,
                members,
            });
        } else {
            out.last_mut().expect("a band").members.extend(members);
        }
        done += area;
    }
    (out.len() >= 2).then_some(out)
}

/// How many threads draw the next frame. `setting` is the element's
/// `n-threads` (0: automatic; 1: the streaming thread alone; N: up to N);
/// `serial_ns` the recent cost of drawing one frame's pictures on one
/// thread; `now` how many drew the last frame. Automatic: more than one
/// (one per core, at most 4) once drawing takes over half the frame
/// interval, back to one under a third of it (so it does not flap).
pub fn threads(setting: u32, cores: usize, serial_ns: f64, interval_ns: f64, now: usize) -> usize {
    if setting > 0 {
        return setting.min(16) as usize;
    }
    let many = cores.clamp(1, 4);
    let late = if now > 1 {
        serial_ns > interval_ns / 3.0
    } else {
        serial_ns > interval_ns / 2.0
    };
    if late { many } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cols: u32, rows: u32, w: u32, h: u32) -> Vec<Rect> {
        let (tw, th) = (w / cols - 8, h / rows - 8);
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| Rect::new(c * (w / cols), r * (h / rows), tw, th)))
            .collect()
    }

    fn members(b: &[Band]) -> Vec<Vec<usize>> {
        b.iter().map(|b| b.members.clone()).collect()
    }

    #[test]
    fn a_grid_is_cut_between_its_rows_and_every_picture_is_in_one_band() {
        // 3x3 at 1080p, two threads: 3 rows into 2 bands (2 + 1 rows by area).
        let tiles = grid(3, 3, 1920, 1080);
        let b = bands(&tiles, 2, 1080).unwrap();
        assert_eq!(members(&b), vec![vec![0, 1, 2, 3, 4, 5], vec![6, 7, 8]]);
        assert_eq!(
            (b[0].top, b[0].bottom, b[1].top, b[1].bottom),
            (0, 720, 720, 1080)
        );
        // Three threads: one row each. Four: still three (no cut inside a row).
        let b = bands(&tiles, 3, 1080).unwrap();
        assert_eq!(
            members(&b),
            vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]
        );
        assert_eq!(bands(&tiles, 4, 1080).unwrap().len(), 3);
        // 2x2: one row per band; each band's rows hold its pictures whole.
        let tiles = grid(2, 2, 1280, 720);
        let b = bands(&tiles, 2, 720).unwrap();
        assert_eq!(members(&b), vec![vec![0, 1], vec![2, 3]]);
        for band in &b {
            for &i in &band.members {
                assert!(tiles[i].y >= band.top && tiles[i].bottom() <= band.bottom);
            }
        }
        // Cuts are on even rows.
        assert!(b.iter().all(|b| b.top % 2 == 0));
    }

    #[test]
    fn bands_follow_area_not_count() {
        // A big picture on top, four small rows under it: the big one is a
        // band of its own.
        let mut tiles = vec![Rect::new(0, 0, 1280, 540)];
        for r in 0..4 {
            tiles.push(Rect::new(0, 550 + r * 40, 320, 36));
        }
        let b = bands(&tiles, 2, 720).unwrap();
        assert_eq!(members(&b), vec![vec![0], vec![1, 2, 3, 4]]);
    }

    #[test]
    fn no_cut_at_an_odd_row() {
        // The second row of pictures starts on an odd row: it joins the
        // first band; the third (even) starts the second.
        let tiles = [
            Rect::new(0, 0, 640, 200),
            Rect::new(0, 201, 640, 200),
            Rect::new(0, 410, 640, 200),
        ];
        let b = bands(&tiles, 3, 720).unwrap();
        assert_eq!(members(&b), vec![vec![0, 1], vec![2]]);
        assert!(b.iter().all(|b| b.top % 2 == 0));
        assert_eq!(bands(&tiles[..2], 2, 720), None);
    }

    #[test]
    fn no_bands_where_threads_would_not_be_safe_or_useful() {
        // One picture, one thread, an empty picture beside one real one.
        assert_eq!(bands(&[Rect::new(0, 0, 64, 64)], 2, 720), None);
        assert_eq!(bands(&grid(2, 2, 1280, 720), 1, 720), None);
        assert_eq!(
            bands(&[Rect::new(0, 0, 64, 64), Rect::default()], 2, 720),
            None
        );
        // Side by side only (a sidebar strip next to the main picture
        // spanning every row): nowhere to cut.
        let side = [
            Rect::new(0, 0, 960, 720),
            Rect::new(970, 0, 300, 200),
            Rect::new(970, 210, 300, 200),
        ];
        assert_eq!(bands(&side, 2, 720), None);
        // Overlapping (picture in picture): order matters, no threads.
        let pip = [Rect::new(0, 0, 1280, 720), Rect::new(900, 500, 320, 180)];
        assert_eq!(bands(&pip, 2, 720), None);
    }

    #[test]
    fn automatic_threads_start_when_drawing_takes_half_the_frame_and_stop_under_a_third() {
        let frame = 33_333_333.0;
        assert_eq!(threads(0, 2, 5e6, frame, 1), 1);
        assert_eq!(threads(0, 2, 17e6, frame, 1), 2);
        // Once parallel, it stays until the cost is under a third.
        assert_eq!(threads(0, 2, 13e6, frame, 2), 2);
        assert_eq!(threads(0, 2, 10e6, frame, 2), 1);
        // At most 4, at least 1, whatever the machine says.
        assert_eq!(threads(0, 64, 30e6, frame, 1), 4);
        assert_eq!(threads(0, 0, 30e6, frame, 1), 1);
        // A set number is kept (capped).
        assert_eq!(threads(1, 8, 30e6, frame, 1), 1);
        assert_eq!(threads(3, 2, 1e3, frame, 1), 3);
        assert_eq!(threads(1000, 2, 1e3, frame, 1), 16);
    }
}
