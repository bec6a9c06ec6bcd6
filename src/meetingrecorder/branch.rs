// SPDX-License-Identifier: MPL-2.0
//! A branch off the meeting: which kind of stream (`Kind`), and a recording's
//! or an output's link to a tee (`Link`): made with `recording_input`, undone
//! with `detach`.

use std::sync::atomic::{AtomicBool, Ordering};

use gst::prelude::*;

use crate::util::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Video,
    Audio,
}

/// A recording's input: a tee's src pad linked to the recording bin's ghost sink.
#[derive(Clone)]
pub(crate) struct Link {
    pub(crate) kind: Kind,
    pub(crate) tee: gst::Element,
    pub(crate) src: gst::Pad,
    pub(crate) ghost: gst::Pad,
}

/// A recording's input pad `name` onto `target`. A recording's failure (a
/// full disk, a muxer error) must not flow back into the meeting: the tee
/// would hand the error to the compositor or mixer and stop everything. So
/// it always answers OK; the failure itself is handled from the bus.
pub(crate) fn recording_input(target: &gst::Pad, name: &str) -> Result<gst::GhostPad, String> {
    Ok(gst::GhostPad::builder_with_target(target)
        .step(format_args!("the {name} input pad"))?
        .name(name)
        .chain_function(|pad, parent, buffer| {
            Ok(gst::ProxyPad::chain_default(pad, parent, buffer).unwrap_or(gst::FlowSuccess::Ok))
        })
        .chain_list_function(|pad, parent, list| {
            Ok(
                gst::ProxyPad::chain_list_default(pad, parent, list)
                    .unwrap_or(gst::FlowSuccess::Ok),
            )
        })
        .build())
}

/// Detaches a recording input from its tee at the pad's next idle point (at
/// once when nothing flows), optionally ending the recording's stream. The tee
/// pad is released outside the push it may be in.
pub(crate) fn detach(
    Link {
        tee, src, ghost, ..
    }: Link,
    eos: bool,
) {
    let done = AtomicBool::new(false);
    src.add_probe(gst::PadProbeType::IDLE, move |pad, _| {
        if !done.swap(true, Ordering::SeqCst) {
            let _ = pad.unlink(&ghost);
            if eos {
                ghost.send_event(gst::event::Eos::new());
            }
            let pad = pad.clone();
            tee.call_async(move |tee| tee.release_request_pad(&pad));
        }
        gst::PadProbeReturn::Remove
    });
}
