// SPDX-License-Identifier: MPL-2.0
//! Participant pads of `meetingrecorder` (`video_%u`, `audio_%u`).

use std::sync::LazyLock;

use crate::util::ordered::Ordered;

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;

#[derive(Debug, Default, Clone)]
pub(crate) struct PadSettings {
    pub participant_id: Option<String>,
    pub display_name: Option<String>,
    pub source: crate::layoutcompositor::Source,
}

/// Its locks are in the element's table (`locks` in `mod.rs`), each held
/// only to read or write the field.
pub struct MeetingRecorderPad {
    pub(crate) settings: Ordered<PadSettings>,
    /// For video pads: the compositor pad the names are forwarded to.
    pub(crate) compositor_pad: Ordered<Option<gst::Pad>>,
}

impl Default for MeetingRecorderPad {
    fn default() -> Self {
        MeetingRecorderPad {
            settings: Ordered::default_at(super::locks::PAD_SETTINGS),
            compositor_pad: Ordered::default_at(super::locks::COMPOSITOR_PAD),
        }
    }
}

#[glib::object_subclass]
impl ObjectSubclass for MeetingRecorderPad {
    const NAME: &'static str = "GstMeetingRecorderPad";
    type Type = super::MeetingRecorderPad;
    type ParentType = gst::GhostPad;
}

impl ObjectImpl for MeetingRecorderPad {
    fn properties() -> &'static [glib::ParamSpec] {
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            vec![
                glib::ParamSpecString::builder("participant-id")
                    .nick("Participant ID")
                    .blurb("Identifies the participant: its audio and video pads share it")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("display-name")
                    .nick("Display name")
                    .blurb("Name on the participant's tile and in the recording's metadata")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default(
                    "source",
                    crate::layoutcompositor::Source::Camera,
                )
                .nick("Source")
                .blurb(
                    "Video pads: camera, or screen for a shared screen (shown first, \
                     letterboxed; a participant may have a camera and a screen, two pads \
                     with one participant-id)",
                )
                .mutable_playing()
                .build(),
            ]
        });
        PROPERTIES.as_ref()
    }

    fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
        {
            let mut s = self.settings.lock().unwrap();
            match pspec.name() {
                "participant-id" => s.participant_id = value.get().expect("type checked upstream"),
                "display-name" => s.display_name = value.get().expect("type checked upstream"),
                "source" => s.source = value.get().expect("type checked upstream"),
                _ => unimplemented!(),
            }
        }
        // Not under the lock: setting the tile's property emits notify.
        let tile = self.compositor_pad.lock().unwrap().clone();
        if let Some(p) = tile {
            p.set_property_from_value(pspec.name(), value);
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        let s = self.settings.lock().unwrap();
        match pspec.name() {
            "participant-id" => s.participant_id.to_value(),
            "display-name" => s.display_name.to_value(),
            "source" => s.source.to_value(),
            _ => unimplemented!(),
        }
    }
}

impl GstObjectImpl for MeetingRecorderPad {}
impl PadImpl for MeetingRecorderPad {}
impl ProxyPadImpl for MeetingRecorderPad {}
impl GhostPadImpl for MeetingRecorderPad {}

impl MeetingRecorderPad {
    pub(crate) fn ids(&self) -> PadSettings {
        self.settings.lock().unwrap().clone()
    }
}
