// SPDX-License-Identifier: MPL-2.0
//! The parts of an area that no tile covers, as disjoint rectangles, so the
//! renderer writes every output pixel once (background only where it shows).

use super::Rect;

/// Appends to `out` disjoint rectangles covering `area` minus the union of
/// `holes` (holes are clipped to `area`). Band decomposition: the area is cut
/// at every hole's top and bottom edge; inside a band the uncovered x-intervals
/// become rectangles, and vertically adjacent identical ones are merged.
/// Runs on layout changes only, not per frame.
pub fn uncovered(area: Rect, holes: &[Rect], out: &mut Vec<Rect>) {
    if area.is_empty() {
        return;
    }
    let clipped: Vec<Rect> = holes
        .iter()
        .filter(|h| h.intersects(&area))
        .map(|h| {
            let x = h.x.max(area.x);
            let y = h.y.max(area.y);
            Rect::new(
                x,
                y,
                h.right().min(area.right()) - x,
                h.bottom().min(area.bottom()) - y,
            )
        })
        .collect();

    let mut ys: Vec<u32> = vec![area.y, area.bottom()];
    for h in &clipped {
        ys.push(h.y);
        ys.push(h.bottom());
    }
    ys.sort_unstable();
    ys.dedup();

    let first_new = out.len();
    let mut prev_band: Vec<usize> = Vec::new();
    let mut cur_band: Vec<usize> = Vec::new();
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for band in ys.windows(2) {
        let (y0, y1) = (band[0], band[1]);
        spans.clear();
        spans.extend(
            clipped
                .iter()
                .filter(|h| h.y <= y0 && h.bottom() >= y1)
                .map(|h| (h.x, h.right())),
        );
        spans.sort_unstable();
        cur_band.clear();
        let mut x = area.x;
        let mut emit = |x0: u32, x1: u32, out: &mut Vec<Rect>| {
            if x1 <= x0 {
                return;
            }
            // Extend the rectangle right above when it has the same x-extent.
            if let Some(&i) = prev_band
                .iter()
                .find(|&&i| out[i].x == x0 && out[i].right() == x1 && out[i].bottom() == y0)
            {
                out[i].h += y1 - y0;
                cur_band.push(i);
            } else {
                out.push(Rect::new(x0, y0, x1 - x0, y1 - y0));
                cur_band.push(out.len() - 1);
            }
        };
        for &(sx, ex) in &spans {
            if sx > x {
                emit(x, sx, out);
            }
            x = x.max(ex);
        }
        emit(x, area.right(), out);
        std::mem::swap(&mut prev_band, &mut cur_band);
    }
    debug_assert!(out[first_new..].iter().all(|r| area.contains_rect(r)));
}
