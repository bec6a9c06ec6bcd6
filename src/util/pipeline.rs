// SPDX-License-Identifier: MPL-2.0
//! Running a short-lived pipeline of the library's own (a remux, an export).

use gst::prelude::*;

/// Plays `pipeline` until EOS or an ERROR, ten minutes at most; it is left
/// as it is (the caller sets it to NULL). `what` names it in the errors.
pub(crate) fn play_to_end(pipeline: &gst::Pipeline, what: &str) -> Result<(), String> {
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|e| format!("starting {what}: {e}"))?;
    let bus = pipeline.bus().ok_or_else(|| format!("{what} has no bus"))?;
    match bus.timed_pop_filtered(
        gst::ClockTime::from_seconds(600),
        &[gst::MessageType::Eos, gst::MessageType::Error],
    ) {
        Some(msg) => match msg.view() {
            gst::MessageView::Error(e) => Err(e.error().to_string()),
            _ => Ok(()),
        },
        None => Err(format!("{what} took longer than 10 minutes")),
    }
}
