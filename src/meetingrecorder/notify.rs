// SPDX-License-Identifier: MPL-2.0
//! Telling the world: state messages and signals, webhooks, uploads.

use std::path::PathBuf;
use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::imp::*;
use super::{
    RECORDING_ABORTED, RECORDING_FAILED, RECORDING_STARTED, RECORDING_STARTING, RECORDING_STOPPED,
    RECORDING_UPLOAD_FAILED, RECORDING_UPLOADED, RecordingState,
};
use crate::delivery::{self, webhook};
use crate::metadata;
use crate::outputs::{OUTPUT_ACTIVE, OUTPUT_FAILED, OUTPUT_STARTING, OUTPUT_STOPPED};

/// One state change of one recording, as messages, signals and webhooks
/// tell it.
#[derive(Clone, Copy)]
pub(super) struct StateChange<'a> {
    pub(super) status: &'a str,
    pub(super) id: &'a str,
    pub(super) location: &'a str,
    /// For a participant's own (isolated) recording: whose.
    pub(super) person: Option<&'a str>,
    pub(super) reason: Option<&'a str>,
    /// The recording's metadata (STOPPED, UPLOADED), for the webhook and
    /// the message's `remote-uri`.
    pub(super) meta: Option<&'a metadata::Recording>,
}

/// One state change of one live output of a recording (the file's own
/// follow the recording's: see `post_state`).
pub(super) struct OutputChange<'a> {
    pub(super) status: &'a str,
    pub(super) recording_id: &'a str,
    /// `file`, `stream` or `hls`.
    pub(super) output: &'a str,
    /// `stream-1`, … (empty for the file and for an output that never started).
    pub(super) name: &'a str,
    /// The URI without its secrets, or the path.
    pub(super) target: &'a str,
    pub(super) reason: Option<&'a str>,
    /// OUTPUT_FAILED: when it is tried again (None: it is not).
    pub(super) retry_in: Option<std::time::Duration>,
}

pub(super) struct UploadJob {
    pub(super) id: String,
    pub(super) person: Option<String>,
    pub(super) json: PathBuf,
    pub(super) uri: String,
    pub(super) options: Vec<(String, String)>,
    pub(super) keep_local: bool,
}

/// The thread that uploads finished recordings, one at a time.
pub(super) type Uploader = delivery::Worker<UploadJob>;

impl MeetingRecorder {
    /// Posts a recording's new state. `person` is set for a participant's own
    /// (isolated) recording; the `recording-state` property follows the
    /// composite recordings only.
    pub(super) fn set_state_string(
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
    pub(super) fn post_state(&self, change: &StateChange) {
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
    pub(super) fn post_output_state(&self, change: &OutputChange) {
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

    fn post_output_message(&self, change: &OutputChange) {
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
    fn post_failure(&self, change: &StateChange) {
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

    /// Queues the state change for the webhook receiver, if there is one
    /// (its thread is started on first use and when the URL changes).
    pub(super) fn send_webhook(&self, change: &StateChange) {
        let (url, room) = {
            let s = self.settings.lock().unwrap();
            (s.webhook_url.clone(), s.room.clone())
        };
        if url.filter(|u| !u.is_empty()).is_none() {
            return;
        }
        self.queue_webhook(webhook::WebhookEvent {
            event_type: webhook::event_type(change.status),
            status: change.status.into(),
            recording_id: change.id.into(),
            room,
            location: change.location.into(),
            participant_id: change.person.map(Into::into),
            reason: change.reason.map(Into::into),
            remote_uri: change.meta.and_then(|m| m.remote_uri.clone()),
            timestamp: metadata::rfc3339(SystemTime::now()),
            metadata: change.meta.cloned(),
            output: None,
            output_name: None,
            target: None,
            retry_in_ms: None,
        });
    }

    /// Queues `event` for the webhook receiver, if there is one (its thread
    /// is started on first use and when the URL changes).
    fn queue_webhook(&self, event: webhook::WebhookEvent) {
        let (url, secret, format) = {
            let s = self.settings.lock().unwrap();
            (
                s.webhook_url.clone(),
                s.webhook_secret.clone(),
                s.webhook_format,
            )
        };
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return;
        };
        let old = {
            let mut state = self.state.lock().unwrap();
            let old = state
                .webhook
                .take_if(|w| w.url != url || w.format != format);
            let sender = state.webhook.get_or_insert_with(|| {
                let weak = self.obj().downgrade();
                webhook::Sender::spawn(url.clone(), secret, format, move |event, why| {
                    if let Some(obj) = weak.upgrade() {
                        obj.imp().webhook_gave_up(event, why);
                    }
                })
            });
            sender.send(event);
            old
        };
        if let Some(old) = old {
            // The old receiver still gets what was queued for it.
            std::thread::spawn(move || old.finish(DRAIN_WEBHOOKS));
        }
    }

    pub(super) fn webhook_gave_up(&self, event: &webhook::WebhookEvent, why: &str) {
        let obj = self.obj();
        let text = format!(
            "webhook for {} of {} not delivered: {why}",
            event.status, event.recording_id
        );
        gst::warning!(CAT, imp = self, "{text}");
        let msg = gst::message::Warning::builder(gst::ResourceError::Write, &text)
            .details(
                gst::Structure::builder("webhook-failed")
                    .field("status", &event.status)
                    .field("recording-id", &event.recording_id)
                    .field("reason", why)
                    .build(),
            )
            .src(&*obj)
            .build();
        let _ = obj.post_message(msg);
    }

    /// Queues a finished recording's upload (see `delivery::upload`).
    pub(super) fn queue_upload(&self, id: &str, person: Option<&str>, json: PathBuf) -> bool {
        let (uri, options, keep_local) = {
            let s = self.settings.lock().unwrap();
            (s.upload_uri.clone(), s.upload_options(), s.keep_local)
        };
        let Some(uri) = uri.filter(|u| !u.is_empty()) else {
            gst::warning!(CAT, imp = self, "no upload-uri: {id} not uploaded");
            return false;
        };
        let job = UploadJob {
            id: id.to_string(),
            person: person.map(Into::into),
            json,
            uri,
            options,
            keep_local,
        };
        let mut state = self.state.lock().unwrap();
        let uploader = state.uploader.get_or_insert_with(|| {
            let weak = self.obj().downgrade();
            Uploader::spawn("meetrec-upload", move |job: UploadJob| {
                let result =
                    delivery::upload_recording(&job.json, &job.uri, &job.options, job.keep_local);
                if let Some(obj) = weak.upgrade() {
                    obj.imp().uploaded(&job, result);
                }
            })
        });
        uploader.send(job);
        true
    }

    pub(super) fn uploaded(
        &self,
        job: &UploadJob,
        result: Result<metadata::Recording, delivery::UploadError>,
    ) {
        let media = job.json.with_extension("");
        let loc = media.to_string_lossy().to_string();
        match result {
            Ok(meta) => self.post_state(&StateChange {
                status: RECORDING_UPLOADED,
                id: &job.id,
                location: &loc,
                person: job.person.as_deref(),
                reason: None,
                meta: Some(&meta),
            }),
            Err(e) => self.set_state_string(
                RECORDING_UPLOAD_FAILED,
                &job.id,
                &loc,
                job.person.as_deref(),
                Some(&format!(
                    "{e}; the local file is kept: retry with the upload signal"
                )),
            ),
        }
    }

    /// The `upload` action: a finished recording's id, or its file or
    /// metadata path.
    pub(super) fn upload_action(&self, what: &str) -> bool {
        let known = {
            let state = self.state.lock().unwrap();
            state
                .finished
                .iter()
                .find(|(id, _, _)| id == what)
                .map(|(id, json, person)| (id.clone(), json.clone(), person.clone()))
        };
        let (id, json, person) = match known {
            Some(k) => k,
            None => {
                let p = PathBuf::from(what);
                let json = if p.extension().is_some_and(|e| e == "json") {
                    p
                } else {
                    metadata::path_for(&p)
                };
                match metadata::Recording::read(&json) {
                    Ok(m) => (m.id, json, m.participant_id),
                    Err(e) => {
                        gst::element_imp_warning!(
                            self,
                            gst::ResourceError::NotFound,
                            ("upload {what}: no such recording ({e})")
                        );
                        return false;
                    }
                }
            }
        };
        self.queue_upload(&id, person.as_deref(), json)
    }
}
