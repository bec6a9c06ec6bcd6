// SPDX-License-Identifier: MPL-2.0
//! Caps query answers shared by the elements.

/// Answers a CAPS query with `caps`, honouring the query's filter (its order first).
pub(crate) fn set_caps_result(q: &mut gst::query::Caps, caps: gst::Caps) {
    let res = match q.filter() {
        Some(f) => f.intersect_with_mode(&caps, gst::CapsIntersectMode::First),
        None => caps,
    };
    q.set_result(&res);
}
