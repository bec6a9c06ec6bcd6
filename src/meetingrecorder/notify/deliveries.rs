// SPDX-License-Identifier: MPL-2.0
//! Telling the world: webhooks for every state change, and uploads of each
//! finished recording (and the `upload` action that retries one).

use std::path::PathBuf;
use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::*;
use crate::delivery::{self, webhook};
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::state::*;
use crate::meetingrecorder::{RECORDING_UPLOAD_FAILED, RECORDING_UPLOADED};
use crate::metadata;

impl MeetingRecorder {
    /// Queues the state change for the webhook receiver, if there is one
    /// (its thread is started on first use and when the URL changes).
    pub(crate) fn send_webhook(&self, change: &StateChange) {
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
    pub(super) fn queue_webhook(&self, event: webhook::WebhookEvent) {
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
            self.obj().call_async(move |_| {
                old.finish(DRAIN_WEBHOOKS);
            });
        }
    }

    pub(crate) fn webhook_gave_up(&self, event: &webhook::WebhookEvent, why: &str) {
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
    pub(crate) fn queue_upload(&self, id: &str, person: Option<&str>, json: PathBuf) -> bool {
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

    pub(crate) fn uploaded(
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
    pub(crate) fn upload_action(&self, what: &str) -> bool {
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
