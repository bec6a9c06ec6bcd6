// SPDX-License-Identifier: MPL-2.0
//! Each participant's own (isolated) recording.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::ingest::Codec;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::recording::{Plan, Recording};
use crate::meetingrecorder::{CAT, Container};
use crate::meetingrecorder::{RECORDING_FAILED, RECORDING_STARTING};
use crate::meetingrecorder::{participants::*, settings::*, state::*};
use crate::policy;

/// How long a participant's own file waits for a stream of theirs whose
/// shape is not known yet (see `start_isolated`).
const STREAMS_GRACE: Duration = Duration::from_secs(1);

/// `dir/name.ext` → `dir/name-<suffix>.ext`.
pub(crate) fn isolated_location(composite: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = composite
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let name = match composite.extension() {
        Some(ext) => format!("{stem}-{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{suffix}"),
    };
    composite.with_file_name(name)
}

impl MeetingRecorder {
    /// Starts participant `key`'s own recording, part of composite `composite`,
    /// with every stream of theirs the composite's decision records. While a
    /// stream of theirs cannot be told raw or encoded yet (no caps, and its
    /// sender does not say), it waits: for that stream's first data
    /// (`ensure_isolated`), at most `STREAMS_GRACE`, then records what is known
    /// (a stream that comes later gets them a new file). So a file is made once,
    /// in the shape their streams have, never made and abandoned.
    pub(crate) fn start_isolated(&self, composite: &str, key: &str) {
        self.start_isolated_with(composite, key, true)
    }

    fn start_isolated_with(&self, composite: &str, key: &str, wait: bool) {
        let (settings, decision, location, inputs, id) = {
            let mut state = self.state.lock().unwrap();
            let video_tracks = {
                let Some(c) = state
                    .recordings
                    .iter()
                    .find(|r| r.id == composite && !r.stopping)
                else {
                    return;
                };
                c.decision.video.is_some()
            };
            let mine = || {
                state.participants.iter().filter(|p| {
                    person_key(&p.pad) == key && (p.kind == Kind::Audio || video_tracks)
                })
            };
            let inputs: Vec<(Kind, gst::Element, Option<Codec>)> = mine()
                .filter_map(|p| {
                    let (tee, codec) = p.record_input()?;
                    Some((p.kind, tee, codec))
                })
                .collect();
            // Encoded streams are kept as received: their own file needs a
            // keyframe to start on.
            for p in mine() {
                if let Some(stage) = &p.stage {
                    stage.want_keyframe();
                }
            }
            let unknown: Vec<String> = mine()
                .filter(|p| p.tee.is_some() && p.stage.is_some() && p.record_input().is_none())
                .map(|p| p.pad.name().to_string())
                .collect();
            let c = state
                .recordings
                .iter_mut()
                .find(|r| r.id == composite)
                .expect("found above");
            if wait && self.waits_for(c, key, &unknown) {
                return;
            }
            c.isolated_waiting.retain(|k| k != key);
            if inputs.is_empty() {
                return;
            }
            // Several paths ask (each stream's first data, the grace timer,
            // `remake_when_encoded`): a file recording every stream is enough.
            let already = running_own(&state.recordings, key, composite).is_some_and(|r| {
                inputs
                    .iter()
                    .all(|(_, tee, _)| r.links.iter().any(|l| &l.tee == tee))
            });
            if already {
                return;
            }
            let c = state
                .recordings
                .iter_mut()
                .find(|r| r.id == composite)
                .expect("found above");
            if c.isolated_building.iter().any(|k| k == key) {
                return; // another thread is on it, with every stream of theirs
            }
            c.isolated_building.push(key.to_string());
            // A participant whose streams change mid-recording gets a new file:
            // -2, -3… after the first.
            let n = c.isolated_made.iter().filter(|k| *k == key).count();
            c.isolated_made.push(key.to_string());
            let suffix = match n {
                0 => file_safe(key),
                n => format!("{}-{}", file_safe(key), n + 1),
            };
            let mut settings = c.settings.clone();
            let mut location = isolated_location(&c.location, &suffix);
            let requested = own_container(&mut settings, &c.decision, &inputs);
            if requested.is_some() {
                location.set_extension(policy::Container::from(settings.container).extension());
            }
            (
                (settings, requested),
                c.decision.clone(),
                location,
                inputs,
                format!("{composite}-{suffix}"),
            )
        };
        let (settings, requested_container) = settings;
        let loc_str = location.to_string_lossy().to_string();
        self.set_state_string(RECORDING_STARTING, &id, &loc_str, Some(key), None);
        let built = self.build_recording(Plan {
            settings,
            decision,
            id: id.clone(),
            location,
            started_at: SystemTime::now(),
            tracks: inputs,
            requested_container,
            person: Some((key.to_string(), composite.to_string())),
        });
        if let Some(c) = self
            .state
            .lock()
            .unwrap()
            .recordings
            .iter_mut()
            .find(|r| r.id == composite)
        {
            c.isolated_building.retain(|k| k != key);
        }
        self.own_files.1.notify_all();
        if let Err(reason) = built {
            self.set_state_string(RECORDING_FAILED, &id, &loc_str, Some(key), Some(&reason));
        }
    }

    /// Whether participant `key`'s own file in composite `c` waits for their
    /// streams in `unknown` (shape not known yet): the first time, a timer
    /// makes it with what is known after `STREAMS_GRACE`.
    fn waits_for(&self, c: &mut Recording, key: &str, unknown: &[String]) -> bool {
        if unknown.is_empty() {
            return false;
        }
        gst::debug!(CAT, imp = self, "{key}'s own file waits for {unknown:?}");
        if !c.isolated_waiting.iter().any(|k| k == key) {
            c.isolated_waiting.push(key.to_string());
            let (composite, key) = (c.id.clone(), key.to_string());
            self.after(STREAMS_GRACE, move |imp| {
                imp.start_isolated_with(&composite, &key, false)
            });
        }
        true
    }

    /// The streaming thread of `pad_name`'s first data waits here while the
    /// running recording is to have their own file and it does not take this
    /// stream yet (it is being built, or waits for their other stream): at
    /// most `STREAMS_GRACE` and a half second. Without the wait the file
    /// would miss the first keyframe (and, for a meeting of files, which runs
    /// faster than real time, whole seconds) and start at the next one.
    pub(crate) fn await_own_file(&self, pad_name: &str) {
        let deadline = std::time::Instant::now() + STREAMS_GRACE + Duration::from_millis(500);
        let (lock, ready) = &self.own_files;
        while self.own_file_pending(pad_name) {
            let now = std::time::Instant::now();
            if now >= deadline {
                gst::warning!(
                    CAT,
                    imp = self,
                    "{pad_name}'s own file is late; their stream goes on"
                );
                return;
            }
            // Woken when an own file is made; the step bounds a wake-up
            // missed between the check and the wait. (Its mutex is taken
            // under no other lock and guards nothing.)
            let step = (deadline - now).min(Duration::from_millis(20));
            let _ = ready.wait_timeout(lock.lock().unwrap(), step);
        }
    }

    /// Whether the running recording is to take `pad_name`'s stream into
    /// their own file and does not yet.
    fn own_file_pending(&self, pad_name: &str) -> bool {
        let state = self.state.lock().unwrap();
        let Some(p) = state.participants.iter().find(|p| p.pad.name() == pad_name) else {
            return false;
        };
        let Some(c) = isolating_composite(&state.recordings) else {
            return false;
        };
        if p.kind == Kind::Video && c.decision.video.is_none() {
            return false;
        }
        let Some((tee, _)) = p.record_input() else {
            return false;
        };
        let key = person_key(&p.pad);
        !running_own(&state.recordings, &key, &c.id)
            .is_some_and(|r| r.links.iter().any(|l| l.tee == tee))
    }

    /// A participant's stream got its first data: when the running recording
    /// records participants on their own and this one is not in theirs yet
    /// (a late joiner, or a stream added later), (re)start theirs.
    pub(crate) fn ensure_isolated(&self, pad_name: &str) {
        let (composite, key, stale) = {
            let state = self.state.lock().unwrap();
            let Some(p) = state.participants.iter().find(|p| p.pad.name() == pad_name) else {
                return;
            };
            let Some(tee) = p.tee.clone() else { return };
            let Some(c) = isolating_composite(&state.recordings) else {
                return;
            };
            if p.kind == Kind::Video && c.decision.video.is_none() {
                return;
            }
            let key = person_key(&p.pad);
            let mine = running_own(&state.recordings, &key, &c.id);
            let tee = p.record_input().map_or(tee, |(t, _)| t);
            match mine {
                Some(r) if r.links.iter().any(|l| l.tee == tee) => return,
                Some(r) => (c.id.clone(), key, Some(r.id.clone())),
                None => (c.id.clone(), key, None),
            }
        };
        if let Some(old) = stale {
            self.stop_where(|r| r.id == old);
        }
        self.start_isolated(&composite, &key);
    }
}

/// The running composite recording that records participants on their own.
fn isolating_composite(recordings: &[Recording]) -> Option<&Recording> {
    recordings
        .iter()
        .find(|r| r.person.is_none() && !r.stopping && r.settings.isolated)
}

/// Participant `key`'s own recording in composite `composite` that is
/// running (not stopping), if any.
fn running_own<'a>(
    recordings: &'a [Recording],
    key: &str,
    composite: &str,
) -> Option<&'a Recording> {
    recordings.iter().find(|r| {
        !r.stopping && r.person.as_deref() == Some(key) && r.composite.as_deref() == Some(composite)
    })
}

/// A participant's own file keeps their encoded streams as received, in the
/// container asked for when it holds their codecs, else Matroska (never a
/// transcode): switches `settings` to it and returns the one asked for.
fn own_container(
    settings: &mut Settings,
    decision: &policy::Decision,
    inputs: &[(Kind, gst::Element, Option<Codec>)],
) -> Option<Container> {
    if inputs.iter().all(|(_, _, c)| c.is_none()) {
        return None;
    }
    let codecs: Vec<&str> = inputs
        .iter()
        .map(|(kind, _, codec)| match (codec, kind) {
            (Some(c), _) => c.name(),
            (None, Kind::Video) => decision.video.as_ref().map_or("", |v| v.codec.name()),
            (None, Kind::Audio) => decision.audio.name(),
        })
        .collect();
    let requested = policy::Container::from(settings.container);
    let chosen = crate::ingest::container_for(requested, &codecs);
    (chosen != requested).then(|| {
        let asked = settings.container;
        settings.container = Container::Mkv;
        asked
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolated_files_sit_beside_the_composite() {
        assert_eq!(
            isolated_location(std::path::Path::new("rec/room/17-1.webm"), "ada"),
            PathBuf::from("rec/room/17-1-ada.webm")
        );
        assert_eq!(
            isolated_location(std::path::Path::new("out"), "ada-2"),
            PathBuf::from("out-ada-2")
        );
    }
}
