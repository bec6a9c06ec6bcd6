// SPDX-License-Identifier: MPL-2.0
//! Who is there: following whether the meeting is live, ending the meeting
//! when every participant's stream has ended, and the audio levels that pick
//! the active speaker.

use std::sync::atomic::Ordering;

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::meetingrecorder::CAT;
use crate::meetingrecorder::MeetingRecorderPad;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::state::*;

impl MeetingRecorder {
    /// The silence under the mix is not live (a meeting of files records
    /// faster than real time), so once the last live participant with audio
    /// left, the mix would hold only silence, stop being live and run ahead
    /// of the picture. When a participant's first data shows the meeting is
    /// live (upstream answers the latency query only once it flows), the
    /// silence is paced by the clock from then on.
    pub(crate) fn follow_liveness(&self, pad: &MeetingRecorderPad) {
        let pace = self.silence_pace.clone();
        pad.add_probe(gst::PadProbeType::BUFFER, move |pad, _| {
            let mut q = gst::query::Latency::new();
            if pad.peer_query(&mut q) && q.result().0 && !pace.property::<bool>("sync") {
                gst::debug!(CAT, obj = pad, "live: the silence follows the clock");
                pace.set_property("sync", true);
            }
            gst::PadProbeReturn::Remove
        });
    }

    /// End the parts that would not end by themselves: the silence once every
    /// audio participant's stream has ended (else, with no throttling muxer,
    /// it would keep filling the mix), and a composite without video inputs
    /// once every participant's has.
    pub(crate) fn check_meeting_end(&self) {
        let state = self.state.lock().unwrap();
        let ended = |kind: Option<Kind>| {
            let mut ps = state
                .participants
                .iter()
                .filter(|p| kind.is_none_or(|k| p.kind == k))
                .peekable();
            ps.peek().is_some() && ps.all(|p| p.eos.load(Ordering::SeqCst))
        };
        let audio_ended = ended(Some(Kind::Audio));
        let all_ended = ended(None);
        let no_video = !state.participants.iter().any(|p| p.kind == Kind::Video);
        drop(state);
        if all_ended && !std::mem::replace(&mut self.state.lock().unwrap().meeting_ended, true) {
            // GstBin posts EOS once all its sinks did: this one says the
            // meeting ended, the recordings still running say when they are
            // written. (Without it, a bin whose recordings all failed or were
            // stopped has no sink left and its EOS would never come.)
            self.meeting_end
                .static_pad("sink")
                .unwrap()
                .send_event(gst::event::Eos::new());
        }
        if (audio_ended || all_ended) && !self.silence_ended.swap(true, Ordering::SeqCst) {
            // Ended from the silence's own thread (its pad probe, see
            // `constructed`): sending EOS to the source from here takes its
            // lock, which its thread holds while it pushes into the mixer,
            // and the mixer (not live) may wait for this very participant's
            // EOS — seen as a deadlock. Then the source itself is stopped,
            // off this thread.
            gst::info!(CAT, imp = self, "audio participants' streams ended");
            self.obj().call_async(|obj| {
                obj.imp().silence.send_event(gst::event::Eos::new());
            });
        }
        if all_ended && no_video {
            let _ = self
                .video_caps
                .static_pad("sink")
                .unwrap()
                .send_event(gst::event::Eos::new());
        }
    }

    pub(crate) fn on_level(&self, msg: &gst::Message) {
        let Some(src) = msg.src() else { return };
        let Some(s) = msg.structure() else { return };
        // Loudest channel's RMS, in dB.
        let Ok(rms) = s.get::<glib::ValueArray>("rms") else {
            return;
        };
        let db = rms
            .iter()
            .filter_map(|v| v.get::<f64>().ok())
            .fold(f64::NEG_INFINITY, f64::max)
            .clamp(-200.0, 20.0);
        let state = self.state.lock().unwrap();
        let Some(audio) = state.participants.iter().find(|p| {
            p.level
                .as_ref()
                .is_some_and(|l| l.upcast_ref::<gst::Object>() == src)
        }) else {
            return;
        };
        // The video pad of the same participant: same id, else the same number.
        let ids = audio.pad.imp().ids();
        let number = audio.pad.name().rsplit('_').next().map(str::to_owned);
        let target = state
            .participants
            .iter()
            .filter(|p| p.kind == Kind::Video)
            // Their camera's tile shows who speaks, not their shared screen.
            .filter(|p| p.pad.imp().ids().source == crate::layoutcompositor::Source::Camera)
            .find(|p| match &ids.participant_id {
                Some(id) => p.pad.imp().ids().participant_id.as_deref() == Some(id),
                None => p.pad.name().rsplit('_').next().map(str::to_owned) == number,
            });
        if let Some(sink) = target.and_then(|p| p.sink.clone()) {
            drop(state);
            sink.set_property("audio-level", db);
        }
    }
}
