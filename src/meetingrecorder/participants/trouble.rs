// SPDX-License-Identifier: MPL-2.0
//! A participant's decoder in trouble: their warning or error is theirs
//! alone, said once per burst, naming them.

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::ingest::Codec;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::state::*;

impl MeetingRecorder {
    /// A warning or error from a participant's decoder: theirs alone. One
    /// WARNING naming them (details `participant-decode-error`), and their
    /// video decoded again from the next keyframe.
    pub(crate) fn on_decoder_message(&self, pad_name: &str, msg: &gst::Message) {
        let (text, debug) = match msg.view() {
            gst::MessageView::Error(e) => (e.error().to_string(), e.debug()),
            gst::MessageView::Warning(w) => (w.error().to_string(), w.debug()),
            _ => return,
        };
        self.decode_trouble(pad_name, &text, debug.as_deref());
    }

    pub(crate) fn decode_trouble(&self, pad_name: &str, error: &str, debug: Option<&str>) {
        let found = {
            let state = self.state.lock().unwrap();
            state
                .participants
                .iter()
                .find(|p| p.pad.name() == pad_name)
                .and_then(|p| Some((p.pad.clone(), p.stage.clone()?)))
        };
        let Some((pad, stage)) = found else { return };
        let Some(unsaid) = stage.failed() else { return };
        let ids = pad.imp().ids();
        let who = ids
            .display_name
            .clone()
            .or(ids.participant_id.clone())
            .unwrap_or_else(|| pad_name.to_string());
        let codec = stage.codec().map_or("", Codec::name);
        let what = if stage.kind == Kind::Video {
            "video; their tile keeps the last good picture until the next keyframe"
        } else {
            "audio; their next packets are decoded as they come"
        };
        let text = format!("{who}'s {codec} {what} ({error})");
        gst::warning!(CAT, imp = self, "{text}");
        let obj = self.obj();
        let msg = gst::message::Warning::builder(gst::StreamError::Decode, &text)
            .debug(debug.unwrap_or(error))
            .details(
                gst::Structure::builder("participant-decode-error")
                    .field("participant-id", ids.participant_id.unwrap_or_default())
                    .field("pad", pad_name)
                    .field("codec", codec)
                    .field("error", error)
                    .field("unreported-before", unsaid)
                    .build(),
            )
            .src(&*obj)
            .build();
        let _ = obj.post_message(msg);
    }
}
