// SPDX-License-Identifier: MPL-2.0
//! Recovery after a crash: recordings whose metadata still says `recording`
//! while their writer is gone are repaired and marked finished.
//!
//! The files are written to survive a hard kill (Matroska clusters closed every
//! second, MP4 in one-second fragments), so what is on disk plays; what a
//! killed muxer could not write is its index and duration. Recovery remuxes
//! the file (no re-encoding: parse, then the same muxer) into a complete one
//! with duration and cues, replaces the original, and records the real
//! duration in the metadata with `recovered: true`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gst::prelude::*;

use crate::metadata::{self, Status};

/// What recovery did with one recording.
#[derive(Debug)]
pub struct Recovered {
    /// Its metadata file.
    pub metadata: PathBuf,
    /// The repaired metadata, or why nothing could be saved (the recording
    /// is then marked failed with that reason).
    pub outcome: Result<metadata::Recording, String>,
}

/// Recovers every recording under `dir` (recursively) left in progress by a
/// writer that is no longer running.
pub fn recover_dir(dir: &Path) -> std::io::Result<Vec<Recovered>> {
    let mut found = Vec::new();
    collect(dir, &mut found)?;
    Ok(found
        .into_iter()
        .filter_map(|json| {
            let meta = metadata::Recording::read(&json).ok()?;
            let started = humantime::parse_rfc3339(&meta.started_at).ok();
            (meta.status == Status::Recording && !writer_alive(meta.writer_pid, started)).then(
                || Recovered {
                    outcome: recover(&json),
                    metadata: json,
                },
            )
        })
        .collect())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether the process that was writing is still there (Linux: /proc).
/// A pid is reused: a process that started after the recording did (a
/// restarted service in a container is pid 1 again), or this very process,
/// which recovers before it records anything, is not its writer.
fn writer_alive(pid: Option<u32>, recording_started: Option<std::time::SystemTime>) -> bool {
    let Some(pid) = pid else {
        return false;
    };
    if pid == std::process::id() || !Path::new(&format!("/proc/{pid}")).exists() {
        return false;
    }
    match (process_started(pid), recording_started) {
        // A second of slack: the recording's start is taken in the writer.
        (Some(process), Some(recording)) => process <= recording + Duration::from_secs(1),
        _ => true,
    }
}

/// When process `pid` started (Linux: field 22 of /proc/PID/stat, in clock
/// ticks after boot, and the boot time from /proc/stat).
fn process_started(pid: u32) -> Option<std::time::SystemTime> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let ticks: u64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    let hz = match unsafe { libc::sysconf(libc::_SC_CLK_TCK) } {
        n if n > 0 => n as u64,
        _ => 100,
    };
    let since_boot = Duration::from_millis(ticks * 1000 / hz);
    Some(std::time::UNIX_EPOCH + Duration::from_secs(boot) + since_boot)
}

/// Repairs one recording given its metadata file and marks it finished (or
/// failed, when nothing in it can be read).
pub fn recover(json: &Path) -> Result<metadata::Recording, String> {
    let mut meta =
        metadata::Recording::read(json).map_err(|e| format!("{}: {e}", json.display()))?;
    let media = PathBuf::from(&meta.file.path);
    let result = remux(&media, &meta.file.container);
    match &result {
        Ok(duration) => {
            meta.status = Status::Stopped;
            meta.duration_ms = duration.as_millis() as u64;
            meta.error = None;
            let started = humantime::parse_rfc3339(&meta.started_at).ok();
            meta.ended_at = started.map(|t| metadata::rfc3339(t + *duration));
        }
        Err(why) => {
            meta.status = Status::Failed;
            meta.error = Some(format!("recovery after a crash: {why}"));
            meta.ended_at = std::fs::metadata(&media)
                .and_then(|m| m.modified())
                .ok()
                .map(metadata::rfc3339);
        }
    }
    meta.file.size_bytes = std::fs::metadata(&media).map_or(0, |m| m.len());
    meta.writer_pid = None;
    meta.recovered = true;
    meta.write()
        .map_err(|e| format!("{}: {e}", json.display()))?;
    result.map(|_| meta)
}

/// Remuxes `media` in place with the container's muxer; returns the
/// duration of what was in it.
fn remux(media: &Path, container: &str) -> Result<Duration, String> {
    gst::init().map_err(|e| format!("GStreamer: {e}"))?;
    let muxer = crate::policy::Container::from_extension(container)
        .ok_or_else(|| format!("unknown container {container}"))?
        .muxer();
    if std::fs::metadata(media).map_or(0, |m| m.len()) == 0 {
        return Err(format!("{} is empty", media.display()));
    }
    let tmp = PathBuf::from(format!("{}.recovering", media.display()));
    let desc = format!(
        "filesrc name=src ! parsebin name=parse  {muxer} name=mux ! filesink name=sink async=false"
    );
    let pipeline = gst::parse::launch(&desc)
        .map_err(|e| format!("building the remux pipeline: {e}"))?
        .downcast::<gst::Pipeline>()
        .map_err(|_| "the remux description is not a pipeline")?;
    let named = |name: &str| {
        pipeline
            .by_name(name)
            .ok_or_else(|| format!("the remux pipeline has no {name}"))
    };
    named("src")?.set_property("location", media);
    named("sink")?.set_property("location", &tmp);
    let mux = named("mux")?;
    // What went wrong inside the demuxer's callback, said when it is over.
    let link_error: Arc<Mutex<Option<String>>> = Arc::default();
    let end = Arc::new(Mutex::new(gst::ClockTime::ZERO));
    {
        let mux = mux.clone();
        let end = end.clone();
        let weak = pipeline.downgrade();
        let link_error = link_error.clone();
        named("parse")?.connect_pad_added(move |_, pad| {
            let Some(pipeline) = weak.upgrade() else {
                return;
            };
            let caps = pad.current_caps().or_else(|| Some(pad.query_caps(None)));
            let Some(sink) = mux.compatible_pad(pad, caps.as_ref()) else {
                return;
            };
            // The demuxer feeds every stream from one thread and the
            // muxer waits for all: a queue each, or they deadlock.
            let queue = match gst::ElementFactory::make("queue")
                .property("max-size-time", 0u64)
                .property("max-size-buffers", 0u32)
                .property("max-size-bytes", 64u32 * 1024 * 1024)
                .build()
            {
                Ok(q) => q,
                Err(e) => {
                    *link_error.lock().unwrap() = Some(format!("queue: {e}"));
                    return;
                }
            };
            let (Some(qsink), Some(qsrc)) = (queue.static_pad("sink"), queue.static_pad("src"))
            else {
                return;
            };
            if let Err(e) = pipeline.add(&queue) {
                *link_error.lock().unwrap() = Some(format!("adding a queue: {e}"));
                return;
            }
            if let Err(e) = qsrc.link(&sink) {
                *link_error.lock().unwrap() =
                    Some(format!("linking {} into the muxer: {e}", pad.name()));
            }
            let _ = queue.sync_state_with_parent();
            let end = end.clone();
            pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                if let Some(b) = info.buffer()
                    && let Some(pts) = b.pts()
                {
                    let e = pts + b.duration().unwrap_or_default();
                    let mut end = end.lock().unwrap();
                    *end = (*end).max(e);
                }
                gst::PadProbeReturn::Ok
            });
            let _ = pad.link(&qsink);
        });
    }
    let outcome = crate::util::pipeline::play_to_end(&pipeline, "the remux");
    let _ = pipeline.set_state(gst::State::Null);
    let outcome = match link_error.lock().unwrap().take() {
        Some(e) if outcome.is_ok() => Err(e),
        _ => outcome,
    };
    let end = *end.lock().unwrap();
    if let Err(why) = outcome {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: {why}", media.display()));
    }
    if end == gst::ClockTime::ZERO {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: no media data in it", media.display()));
    }
    // The repaired file replaces the original in one step.
    std::fs::rename(&tmp, media)
        .map_err(|e| format!("replacing {} with its repair: {e}", media.display()))?;
    Ok(Duration::from_nanos(end.nseconds()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn a_writer_is_alive_only_if_it_started_before_its_recording() {
        let now = SystemTime::now();
        let hour = Duration::from_secs(3600);
        // pid 1 started at boot: it may be the writer of a recording begun
        // now, not of one begun before boot.
        assert!(writer_alive(Some(1), Some(now)));
        let before_boot = process_started(1).unwrap() - hour;
        assert!(!writer_alive(Some(1), Some(before_boot)), "a reused pid");
        // This process recovers before it records: never its own writer.
        assert!(!writer_alive(Some(std::process::id()), Some(now)));
        assert!(!writer_alive(None, Some(now)));
        assert!(
            !writer_alive(Some(u32::MAX - 1), Some(now)),
            "no such process"
        );
        let started = process_started(std::process::id()).unwrap();
        assert!(started <= now && now.duration_since(started).unwrap() < hour);
    }
}
