// SPDX-License-Identifier: MPL-2.0
//! Telling the application: each state change as the `recording-state`
//! property, an element message and a signal; an output's state the same
//! way; a failure also as an ERROR or WARNING.

use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::*;
use crate::delivery::webhook;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::state::*;
use crate::meetingrecorder::{
    RECORDING_ABORTED, RECORDING_FAILED, RECORDING_STARTED, RECORDING_STARTING, RECORDING_STOPPED,
    RecordingState,
};
use crate::metadata;
use crate::outputs::{OUTPUT_ACTIVE, OUTPUT_FAILED, OUTPUT_STARTING, OUTPUT_STOPPED};

impl MeetingRecorder {
    /// Posts a recording's new state. `person` is set for a participant's own
    /// (isolated) recording; the `recording-state` property follows the
    /// composite recordings only.
    pub(crate) fn set_state_string(
        &self,
        status: &str,
        id: &str,
        location: &str,
        person: Option<&str>,
        reason: Option<&str>,
    ) {
        self.post_state(&StateChange {
            status,
            id,
            location,
            person,
            reason,
            meta: None,
        });
    }

    /// Posts `change` as a message, the signal and a webhook, and updates
    /// `recording-state` (composite recordings only).
    pub(crate) fn post_state(&self, change: &StateChange) {
        self.send_webhook(change);
        if change.person.is_none()
            && let Some(s) = RecordingState::from_status(change.status)
        {
            self.state.lock().unwrap().recording_state = s;
        }
        let mut s = gst::Structure::builder("recording-state-changed")
            .field("status", change.status)
            .field("recording-id", change.id)
            .field("location", change.location);
        if let Some(p) = change.person {
            s = s.field("participant-id", p);
        }
        if let Some(r) = change.reason {
            s = s.field("reason", r);
        }
        if let Some(uri) = change.meta.and_then(|m| m.remote_uri.as_deref()) {
            s = s.field("remote-uri", uri);
        }
        let obj = self.obj();
        gst::info!(
            CAT,
            imp = self,
            "{} {} {} {}",
            change.status,
            change.id,
            change.location,
            change.reason.unwrap_or("")
        );
        let _ = obj.post_message(gst::message::Element::builder(s.build()).src(&*obj).build());
        obj.emit_by_name::<()>(
            "recording-state-changed",
            &[&change.status, &change.id, &change.location],
        );
        if change.person.is_none() {
            obj.notify("recording-state");
        }
        if change.status == RECORDING_FAILED {
            self.post_failure(change);
        }
        // The file is one of a composite's outputs: its states as theirs
        // (webhooks carry the recording's).
        let file_status = match change.status {
            RECORDING_STARTING => Some(OUTPUT_STARTING),
            RECORDING_STARTED => Some(OUTPUT_ACTIVE),
            RECORDING_STOPPED | RECORDING_ABORTED => Some(OUTPUT_STOPPED),
            RECORDING_FAILED => Some(OUTPUT_FAILED),
            _ => None,
        };
        if let (None, Some(status)) = (change.person, file_status) {
            self.post_output_message(&OutputChange {
                status,
                recording_id: change.id,
                output: "file",
                name: "file",
                target: change.location,
                reason: change.reason,
                retry_in: None,
            });
        }
    }

    /// Posts a live output's new state as a message, the signal and a
    /// webhook (`output.active`, …).
    pub(crate) fn post_output_state(&self, change: &OutputChange) {
        let room = self.settings.lock().unwrap().room.clone();
        self.queue_webhook(webhook::WebhookEvent {
            event_type: webhook::event_type(change.status),
            status: change.status.into(),
            recording_id: change.recording_id.into(),
            room,
            location: String::new(),
            participant_id: None,
            reason: change.reason.map(Into::into),
            remote_uri: None,
            timestamp: metadata::rfc3339(SystemTime::now()),
            metadata: None,
            output: Some(change.output.into()),
            output_name: Some(change.name.into()).filter(|n: &String| !n.is_empty()),
            target: Some(change.target.into()).filter(|t: &String| !t.is_empty()),
            retry_in_ms: change.retry_in.map(|d| d.as_millis() as u64),
        });
        self.post_output_message(change);
    }

    pub(super) fn post_output_message(&self, change: &OutputChange) {
        let mut s = gst::Structure::builder("output-state-changed")
            .field("status", change.status)
            .field("recording-id", change.recording_id)
            .field("output", change.output)
            .field("name", change.name)
            .field("target", change.target);
        if let Some(r) = change.reason {
            s = s.field("reason", r);
        }
        if let Some(d) = change.retry_in {
            s = s.field("retry-in-ms", d.as_millis() as u64);
        }
        gst::info!(
            CAT,
            imp = self,
            "{} {} {} {} {}",
            change.status,
            change.recording_id,
            change.output,
            change.target,
            change.reason.unwrap_or("")
        );
        let obj = self.obj();
        let _ = obj.post_message(gst::message::Element::builder(s.build()).src(&*obj).build());
        obj.emit_by_name::<()>(
            "output-state-changed",
            &[
                &change.status,
                &change.recording_id,
                &change.output,
                &change.target,
            ],
        );
    }

    /// A failed recording is also a WARNING (what `gst-launch-1.0` prints),
    /// or an ERROR when the bin has nothing left to do: it records by itself
    /// (`autostart`) and no recording of it is running any more. The
    /// meeting itself goes on either way; an application decides.
    pub(super) fn post_failure(&self, change: &StateChange) {
        let (id, location, person) = (change.id, change.location, change.person);
        let reason = change.reason.unwrap_or("unknown reason");
        let autostart = self.settings.lock().unwrap().autostart;
        let nothing_left = !self
            .state
            .lock()
            .unwrap()
            .recordings
            .iter()
            .any(|r| !r.stopping);
        let whose = person.map_or_else(String::new, |p| format!(" ({p}'s own)"));
        let text = format!("Recording {id}{whose} to {location} failed: {reason}");
        let mut details = gst::Structure::builder("recording-failed")
            .field("recording-id", id)
            .field("location", location)
            .field("reason", reason);
        if let Some(p) = person {
            details = details.field("participant-id", p);
        }
        let obj = self.obj();
        let msg = if autostart && nothing_left {
            gst::message::Error::builder(gst::ResourceError::Write, &text)
                .details(details.build())
                .src(&*obj)
                .build()
        } else {
            gst::message::Warning::builder(gst::ResourceError::Write, &text)
                .details(details.build())
                .src(&*obj)
                .build()
        };
        let _ = obj.post_message(msg);
    }
}
