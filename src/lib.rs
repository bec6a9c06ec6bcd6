// SPDX-License-Identifier: MPL-2.0
#![allow(clippy::non_send_fields_in_send_ty, unused_doc_comments)]

//! meetrec: GStreamer elements that record meetings.
//!
//! - `layoutcompositor`: composes participants into a grid, spotlight or sidebar layout.
//! - `bitratepolicy`: encodes raw audio or video as the recording policy says.
//! - `meetingrecorder`: records a meeting: start/stop, states, files and metadata.
//!
//! The pure parts (the layout engine) are plain modules usable without a pipeline.

use gst::glib;

pub mod bitratepolicy;
pub mod catalog;
pub mod delivery;
pub mod export;
pub mod ingest;
pub mod layout;
pub mod layoutcompositor;
pub mod meetingrecorder;
pub mod metadata;
pub mod outputs;
pub mod policy;
mod props;
pub mod recovery;
pub mod rtp;
pub mod scale;
mod util;

fn plugin_init(plugin: &gst::Plugin) -> Result<(), glib::BoolError> {
    layoutcompositor::register(plugin)?;
    bitratepolicy::register(plugin)?;
    meetingrecorder::register(plugin)?;
    Ok(())
}

gst::plugin_define!(
    meetrec,
    env!("CARGO_PKG_DESCRIPTION"),
    plugin_init,
    concat!(env!("CARGO_PKG_VERSION"), "-", env!("COMMIT_ID")),
    "MPL",
    env!("CARGO_PKG_NAME"),
    env!("CARGO_PKG_NAME"),
    // No public home yet: GStreamer's own words for that (its builds use
    // them when no package origin is configured); an empty origin would keep
    // the plugin from loading.
    "Unknown package origin",
    env!("BUILD_REL_DATE")
);
