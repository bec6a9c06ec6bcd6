// SPDX-License-Identifier: MPL-2.0
//! Recordings in progress: start and stop through the API.

use super::*;
use crate::fleet::jobs::Desired;
use gstmeetrec::catalog::openvidu::MeetRecording;

/// What to record: OpenVidu Meet's `{roomId, config?: {layout, encoding}}`,
/// and meetrec's own choices beside it.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct StartRequest {
    pub(crate) room_id: String,
    /// OpenVidu Meet's overrides of the room's configuration.
    #[serde(default)]
    config: Option<StartConfig>,
    /// meetrec: who is in the meeting (synthetic people when empty).
    #[serde(default)]
    participants: Vec<ParticipantSpec>,
    /// meetrec's layout name (grid, spotlight, sidebar); `config.layout`
    /// wins.
    #[serde(default)]
    layout: Option<String>,
    /// meetrec's quality preset (low, med, high); `config.encoding` wins.
    #[serde(default)]
    quality: Option<String>,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StartConfig {
    /// grid, speaker or single-speaker.
    #[serde(default)]
    layout: Option<String>,
    /// One of OpenVidu Meet's presets: `[PORTRAIT_]H264_{720P,1080P}_{30,60}`
    /// (recorded as H.264 in MP4; advanced encoding objects are refused).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    encoding: Option<Value>,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParticipantSpec {
    name: String,
    /// A media URI (file://, http://, rtsp://…); synthetic when absent.
    #[serde(default)]
    uri: Option<String>,
}

/// The recorder settings a start asks for: (property, value) pairs.
pub(crate) fn recorder_settings(req: &StartRequest) -> ApiResult<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    one_of("layout", &req.layout, &["grid", "spotlight", "sidebar"])?;
    one_of("quality", &req.quality, &["low", "med", "high"])?;
    if let Some(l) = &req.layout {
        out.push(("layout", l.clone()));
    }
    if let Some(q) = &req.quality {
        out.push(("quality", q.clone()));
    }
    let Some(config) = &req.config else {
        return Ok(out);
    };
    if let Some(l) = &config.layout {
        let ours = gstmeetrec::catalog::openvidu::layout_from(l).ok_or_else(|| {
            ApiError::invalid("config.layout", "must be grid, speaker or single-speaker")
        })?;
        out.push(("layout", ours.into()));
    }
    match &config.encoding {
        None => {}
        Some(Value::String(preset)) => {
            let (portrait, quality, fps) = openvidu_preset(preset).ok_or_else(|| {
                ApiError::invalid(
                    "config.encoding",
                    format!("{preset} is not one of OpenVidu Meet's presets"),
                )
            })?;
            // H.264 goes in MP4 (what OpenVidu Meet records); WebM cannot
            // hold it and the recorder would refuse.
            out.push(("video-codec", "h264".into()));
            out.push(("container", "mp4".into()));
            out.push(("quality", quality.into()));
            out.push(("framerate", fps.to_string()));
            if portrait {
                out.push(("orientation", "portrait".into()));
            }
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "config.encoding",
                "advanced encoding options are not supported: give a preset",
            ));
        }
    }
    Ok(out)
}

/// OpenVidu Meet's encoding preset as (portrait, meetrec quality, fps):
/// `[PORTRAIT_]H264_{720P,1080P}_{30,60}`.
pub(crate) fn openvidu_preset(preset: &str) -> Option<(bool, &'static str, u32)> {
    let (portrait, rest) = match preset.strip_prefix("PORTRAIT_") {
        Some(rest) => (true, rest),
        None => (false, preset),
    };
    let (quality, fps) = match rest {
        "H264_720P_30" => ("med", 30),
        "H264_720P_60" => ("med", 60),
        "H264_1080P_30" => ("high", 30),
        "H264_1080P_60" => ("high", 60),
        _ => return None,
    };
    Some((portrait, quality, fps))
}

pub(crate) fn one_of(what: &str, value: &Option<String>, allowed: &[&str]) -> ApiResult<()> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(ApiError::invalid(
            what,
            format!("must be one of {allowed:?}, not {v:?}"),
        )),
        _ => Ok(()),
    }
}

/// The location of recording `id`'s details.
fn location(s: &Service, id: &str) -> (header::HeaderName, String) {
    (
        header::LOCATION,
        format!("{}/api/v1/recordings/{id}", s.public_url),
    )
}

/// Starts recording a room.
#[utoipa::path(post, path = "/recordings", operation_id = "startRecording",
    tag = "Recordings",
    params(("X-Fields" = Option<String>, Header, description = "Comma-separated fields of the answer")),
    request_body = StartRequest,
    responses(
        (status = 201, body = MeetRecording, headers(("Location" = String))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 500, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn start_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<StartRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<Value>)> {
    let keep = query::fields(None, x_fields(&headers));
    let caller = s.caller(&headers)?;
    let Json(req) = body.map_err(|e| rejected("body", e.body_text()))?;
    catalog::validate_id(&req.room_id).map_err(|e| ApiError::invalid("roomId", e.to_string()))?;
    let props = recorder_settings(&req)?;
    if req.participants.len() > 25 {
        return Err(ApiError::invalid("participants", "at most 25"));
    }
    let (s2, room) = (s.clone(), req.room_id.clone());
    let settings = blocking(move || s2.room(&room)).await?.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("Room \"{}\" not found", req.room_id),
        )
        .kind("Room Error")
    })?;
    if !settings.allow_recording {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("Room \"{}\" does not allow recording", req.room_id),
        ));
    }
    if !caller.may(Action::Record, &req.room_id, &settings) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{:?} may not record in room {}", caller.role, req.room_id),
        ));
    }
    if s.fleet.is_some() {
        // A node with room claims it (this one or another): `starting`
        // until its recorder has media.
        return blocking(move || {
            let rec = s.enqueue(req, &props)?;
            Ok((
                StatusCode::CREATED,
                [location(&s, &rec.id)],
                Json(meet_fields(&rec, Some("RECORDING_STARTING"), keep.as_ref())),
            ))
        })
        .await;
    }
    blocking(move || {
        let room = req.room_id.clone();
        let mut active = s.active.lock().unwrap();
        if active.contains_key(&room) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("Room \"{room}\" is already being recorded"),
            ));
        }
        let a = launch(&s, req, &props, None).map_err(ApiError::internal)?;
        let id = a.recording_id.clone();
        let live = a.status.lock().unwrap().clone();
        active.insert(room, a);
        drop(active);
        let recording = s.catalog.get(&id)?;
        Ok((
            StatusCode::CREATED,
            [location(&s, &id)],
            Json(meet_fields(
                &recording.recording,
                Some(&live),
                keep.as_ref(),
            )),
        ))
    })
    .await
}

/// Builds and plays the room's meeting pipeline and starts its recording.
/// `part`: in a fleet, the job it records a part of (its media goes to the
/// media store in chunks, when there is one).
pub(crate) fn launch(
    s: &Shared,
    req: StartRequest,
    props: &[(&'static str, String)],
    part: Option<&crate::runner::PartOf>,
) -> Result<Active, String> {
    let pipeline = gst::Pipeline::new();
    let recorder = gst::ElementFactory::make("meetingrecorder")
        .property("room", &req.room_id)
        .property("autostart", false)
        .property(
            "location",
            s.catalog
                .dir()
                .join("{room}-{id}.{ext}")
                .to_string_lossy()
                .to_string(),
        )
        .build()
        .map_err(|e| e.to_string())?;
    for (name, value) in props {
        recorder.set_property_from_str(name, value);
    }
    let chunks = part.and_then(|p| p.chunks.clone());
    if chunks.is_some() {
        // Each chunk a playable file from a keyframe, up as it closes.
        recorder.set_property("split-duration", s.config.chunk_seconds.max(1));
    }
    if let Some(w) = &s.config.webhook {
        recorder.set_property("webhook-url", &w.url);
        recorder.set_property("webhook-secret", &w.secret);
        recorder.set_property_from_str("webhook-format", w.format.nick());
    }
    pipeline.add(&recorder).map_err(|e| e.to_string())?;
    let mut people = req.participants;
    if people.is_empty() {
        people = ["Ada Lovelace", "Alan Turing"]
            .map(|n| ParticipantSpec {
                name: n.into(),
                uri: None,
            })
            .into();
    }
    let sources = people
        .iter()
        .map(|p| match &p.uri {
            Some(uri) => format!("{} ({uri})", p.name),
            None => format!("{} (synthetic)", p.name),
        })
        .collect::<Vec<_>>()
        .join(", ");
    for (i, p) in people.iter().enumerate() {
        let id = format!("p{i}");
        match &p.uri {
            None => add_synthetic(&pipeline, &recorder, i, &id, &p.name)?,
            Some(uri) => add_uri(&pipeline, &recorder, uri, &id, &p.name)?,
        }
    }
    let status = Arc::new(Mutex::new(String::from("RECORDING_STARTING")));
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|e| e.to_string())?;
    let recording_id: Option<String> = recorder.emit_by_name("start", &[]);
    let Some(recording_id) = recording_id else {
        // Say why: the recorder posts it as an error on the bus.
        let why = pipeline
            .bus()
            .and_then(|b| b.pop_filtered(&[gst::MessageType::Error]))
            .and_then(|m| match m.view() {
                gst::MessageView::Error(e) => Some(e.error().to_string()),
                _ => None,
            });
        let _ = pipeline.set_state(gst::State::Null);
        let state: gstmeetrec::meetingrecorder::RecordingState =
            recorder.property("recording-state");
        return Err(match why {
            Some(why) => format!("the recording did not start: {why}"),
            None => format!("the recording did not start ({})", state.as_str()),
        });
    };
    let abandon = Arc::new(Mutex::new(None));
    watch(
        s,
        pipeline,
        Watched {
            room: req.room_id.clone(),
            id: recording_id.clone(),
            status: status.clone(),
            abandon: abandon.clone(),
            sources,
            chunks,
            job: part.map(|p| p.fence.job.clone()),
        },
    );
    Ok(Active {
        room: req.room_id,
        api_id: part.map_or_else(|| recording_id.clone(), |p| p.fence.job.clone()),
        recording_id,
        recorder,
        status,
        abandon,
    })
}

pub(crate) fn add_synthetic(
    pipeline: &gst::Pipeline,
    recorder: &gst::Element,
    i: usize,
    id: &str,
    name: &str,
) -> Result<(), String> {
    const PATTERNS: [&str; 5] = ["ball", "smpte", "pinwheel", "spokes", "circular"];
    let video = format!(
        "videotestsrc is-live=true pattern={} ! capsfilter caps=\"video/x-raw,width=640,height=360,framerate=15/1\"",
        PATTERNS[i % PATTERNS.len()]
    );
    let audio = format!(
        "audiotestsrc is-live=true wave=sine volume=0.2 freq={} samplesperbuffer=960",
        220 * (i + 2)
    );
    for (desc, template) in [(video, "video_%u"), (audio, "audio_%u")] {
        let bin = gst::parse::bin_from_description(&desc, true).map_err(|e| e.to_string())?;
        pipeline.add(&bin).map_err(|e| e.to_string())?;
        let pad = recorder
            .request_pad_simple(template)
            .ok_or("no recorder pad")?;
        pad.set_property("participant-id", id);
        pad.set_property("display-name", name);
        bin.static_pad("src")
            .unwrap()
            .link(&pad)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A participant from a URI: decoded, converted, and paced by the clock
/// (a file would otherwise run ahead of the live meeting).
pub(crate) fn add_uri(
    pipeline: &gst::Pipeline,
    recorder: &gst::Element,
    uri: &str,
    id: &str,
    name: &str,
) -> Result<(), String> {
    let dec = gst::ElementFactory::make("uridecodebin")
        .property("uri", uri)
        .build()
        .map_err(|e| e.to_string())?;
    pipeline.add(&dec).map_err(|e| e.to_string())?;
    let (pw, rw, id, name) = (
        pipeline.downgrade(),
        recorder.downgrade(),
        id.to_string(),
        name.to_string(),
    );
    dec.connect_pad_added(move |_, src| {
        let (Some(pipeline), Some(recorder)) = (pw.upgrade(), rw.upgrade()) else {
            return;
        };
        let kind = src
            .current_caps()
            .and_then(|c| c.structure(0).map(|s| s.name().to_string()))
            .unwrap_or_default();
        let (template, convert) = match kind.split('/').next() {
            Some("video") => ("video_%u", "videoconvert"),
            Some("audio") => ("audio_%u", "audioconvert"),
            _ => return,
        };
        let Ok(bin) = gst::parse::bin_from_description(&format!("{convert} ! clocksync"), true)
        else {
            return;
        };
        let Some(pad) = recorder.request_pad_simple(template) else {
            return;
        };
        pad.set_property("participant-id", &id);
        pad.set_property("display-name", &name);
        let _ = pipeline.add(&bin);
        let _ = bin.sync_state_with_parent();
        let _ = bin.static_pad("src").unwrap().link(&pad);
        let _ = src.link(&bin.static_pad("sink").unwrap());
    });
    Ok(())
}

/// What [`watch`] follows of one recording.
pub(crate) struct Watched {
    room: String,
    id: String,
    status: Arc<Mutex<String>>,
    abandon: Arc<Mutex<Option<String>>>,
    /// Its participants and their sources, for the reasons it gives.
    sources: String,
    /// Where its chunks go as they close (a fleet with a media store).
    chunks: Option<crate::runner::Chunks>,
    /// In a fleet, its job: the holder is woken at each state change, so
    /// the catalog hears of it at once.
    job: Option<String>,
}

/// A pipeline that takes longer than this to stop is reported (its state
/// change is not cut short: the files are finished by it).
const SLOW_STOP: Duration = Duration::from_secs(5);

/// Follows the meeting's bus: the recording's states into `status`; when it
/// is stopped or failed (or the pipeline errs), the pipeline goes down and
/// the room is free again. Nothing stays stuck: a recording still
/// `starting` after the configured `startTimeout`, or given up by a stop
/// while starting, is taken down and settled as failed with the reason.
pub(crate) fn watch(s: &Shared, pipeline: gst::Pipeline, w: Watched) {
    let service = Arc::downgrade(s);
    let start_limit = Duration::from_secs(s.config.start_timeout);
    std::thread::spawn(move || {
        let began = std::time::Instant::now();
        let bus = pipeline.bus().unwrap();
        let given_up = loop {
            if let Some(why) = w.abandon.lock().unwrap().clone() {
                break Some(why);
            }
            let starting = w.status.lock().unwrap().as_str() == "RECORDING_STARTING";
            if starting && began.elapsed() > start_limit {
                break Some(format!(
                    "no media was recorded within {} s of the start (startTimeout); \
                     participants: {}",
                    start_limit.as_secs(),
                    w.sources
                ));
            }
            let Some(msg) = bus.timed_pop(gst::ClockTime::from_mseconds(100)) else {
                continue;
            };
            match msg.view() {
                gst::MessageView::Element(e) => {
                    if let (Some(st), Some(chunks)) = (
                        e.structure()
                            .filter(|st| st.name() == "splitmuxsink-fragment-closed"),
                        &w.chunks,
                    ) && let Ok(location) = st.get::<&str>("location")
                    {
                        chunks.closed(PathBuf::from(location));
                        continue;
                    }
                    let Some(st) = e
                        .structure()
                        .filter(|st| st.name() == "recording-state-changed")
                    else {
                        continue;
                    };
                    if st.get::<&str>("recording-id").ok() != Some(w.id.as_str()) {
                        continue;
                    }
                    let state = st.get::<String>("status").unwrap_or_default();
                    *w.status.lock().unwrap() = state.clone();
                    if let (Some(job), Some(s)) = (&w.job, service.upgrade()) {
                        s.holders.poke(job);
                    }
                    if state == "RECORDING_STOPPED" || state == "RECORDING_FAILED" {
                        break None;
                    }
                }
                gst::MessageView::Error(e) => {
                    *w.status.lock().unwrap() = "RECORDING_FAILED".into();
                    break Some(format!("{}; participants: {}", e.error(), w.sources));
                }
                gst::MessageView::Eos(_) => break None,
                _ => {}
            }
        };
        if let Some(why) = &given_up {
            eprintln!("room {}: recording {} given up: {why}", w.room, w.id);
        }
        let down = std::time::Instant::now();
        let _ = pipeline.set_state(gst::State::Null);
        if down.elapsed() > SLOW_STOP {
            eprintln!(
                "room {}: the pipeline took {:?} to stop",
                w.room,
                down.elapsed()
            );
        }
        if let Some(s) = service.upgrade() {
            if let Some(why) = given_up {
                settle(&s, &w.id, &why);
                *w.status.lock().unwrap() = "RECORDING_FAILED".into();
            }
            let mut active = s.active.lock().unwrap();
            if active.get(&w.room).is_some_and(|a| a.recording_id == w.id) {
                active.remove(&w.room);
            }
        }
    });
}

/// Writes the final metadata of a recording that was given up or whose
/// pipeline failed, unless the recorder did: what it holds is kept
/// (remuxed by recovery), else it is failed with `why`.
fn settle(s: &Service, id: &str, why: &str) {
    let Ok(entry) = s.catalog.get(id) else {
        return;
    };
    // The recorder wrote its end itself (it failed, or stopped in time).
    if entry.recording.status != Status::Recording {
        return;
    }
    let json = gstmeetrec::metadata::path_for(&entry.media);
    let has_media = std::fs::metadata(&entry.media).is_ok_and(|m| m.len() > 0);
    if has_media && gstmeetrec::recovery::recover(&json).is_ok() {
        return;
    }
    let mut meta = entry.recording;
    meta.status = Status::Failed;
    meta.error = Some(why.to_string());
    meta.writer_pid = None;
    meta.ended_at = Some(gstmeetrec::metadata::rfc3339(SystemTime::now()));
    if let Err(e) = meta.write() {
        eprintln!("recording {id}: writing its metadata: {e}");
    }
}

/// A recording this service runs, as a request controls it.
pub(crate) struct Controlled {
    recorder: gst::Element,
    status: Arc<Mutex<String>>,
    abandon: Arc<Mutex<Option<String>>>,
}

impl Service {
    /// Recording `id` as this service runs it (its recorder and state), if
    /// `caller` may `verb` recordings in its room: 404 when unknown, 409
    /// ("Recording \"id\" <finished>") when it is not running here, 403.
    fn controlled(
        &self,
        caller: &Caller,
        id: &str,
        finished: &str,
        verb: &str,
    ) -> ApiResult<Controlled> {
        let found = self
            .active
            .lock()
            .unwrap()
            .values()
            .find(|a| a.api_id == id)
            .map(|a| {
                (
                    a.room.clone(),
                    a.recorder.clone(),
                    a.status.clone(),
                    a.abandon.clone(),
                )
            });
        let Some((room, recorder, status, abandon)) = found else {
            self.catalog.get(id)?;
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("Recording \"{id}\" {finished}"),
            ));
        };
        if !caller.may(Action::Record, &room, &self.settings(&room)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("{:?} may not {verb} recordings in room {room}", caller.role),
            ));
        }
        Ok(Controlled {
            recorder,
            status,
            abandon,
        })
    }
}

/// Stops a recording in progress (202; it is `ending` until its file is
/// finished).
#[utoipa::path(post, path = "/recordings/{recordingId}/stop", operation_id = "stopRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path),
        ("X-Fields" = Option<String>, Header, description = "Comma-separated fields of the answer")),
    responses(
        (status = 202, body = MeetRecording, headers(("Location" = String))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn stop_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, [(header::HeaderName, String); 1], Json<Value>)> {
    let keep = query::fields(None, x_fields(&headers));
    let caller = s.caller(&headers)?;
    catalog::validate_id(&id)?;
    if s.fleet.is_some() {
        return blocking(move || {
            let (entry, live) = s.lookup_live(&id)?;
            let room = entry.recording.room.clone();
            if !caller.may(Action::Record, &room, &s.settings(&room)) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!("{:?} may not stop recordings in room {room}", caller.role),
                ));
            }
            if live.as_deref() == Some("RECORDING_STOPPING") {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!("Recording \"{id}\" is already stopping"),
                ));
            }
            let now = s.request(&id, Desired::Stop)?.ok_or_else(|| {
                ApiError::new(
                    StatusCode::CONFLICT,
                    format!("Recording \"{id}\" is already stopped"),
                )
            })?;
            let live = match now.status.as_str() {
                "failed" => "RECORDING_FAILED",
                _ => "RECORDING_STOPPING",
            };
            Ok((
                StatusCode::ACCEPTED,
                [location(&s, &id)],
                Json(meet_fields(&now.recording, Some(live), keep.as_ref())),
            ))
        })
        .await;
    }
    blocking(move || {
        let Controlled {
            recorder,
            status,
            abandon,
        } = s.controlled(&caller, &id, "is already stopped", "stop")?;
        let now = status.lock().unwrap().clone();
        match now.as_str() {
            // Nothing is written yet: the recording is given up and ends
            // failed with this reason (its watcher settles it).
            "RECORDING_STARTING" => {
                *abandon.lock().unwrap() =
                    Some("stopped while starting, before any media was recorded".into());
            }
            "RECORDING_STOPPING" => {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!("Recording \"{id}\" is already stopping"),
                ));
            }
            _ => recorder.emit_by_name::<()>("stop", &[]),
        }
        let recording = s.catalog.get(&id)?;
        // Stopping has begun; the recorder says STOPPING on its own thread.
        Ok((
            StatusCode::ACCEPTED,
            [location(&s, &id)],
            Json(meet_fields(
                &recording.recording,
                Some("RECORDING_STOPPING"),
                keep.as_ref(),
            )),
        ))
    })
    .await
}

/// Pauses (`pause`) or resumes a recording this service runs: meetrec's
/// own (OpenVidu Meet has neither). While paused nothing is written; the
/// recording stays `active` with `details: "paused"`.
async fn pause_or_resume(
    s: Shared,
    headers: HeaderMap,
    id: String,
    pause: bool,
) -> ApiResult<(StatusCode, Json<MeetRecording>)> {
    let caller = s.caller(&headers)?;
    catalog::validate_id(&id)?;
    if s.fleet.is_some() {
        return blocking(move || pause_or_resume_shared(&s, &caller, &id, pause)).await;
    }
    blocking(move || {
        let Controlled {
            recorder, status, ..
        } = s.controlled(&caller, &id, "is not in progress", "pause or resume")?;
        let now = status.lock().unwrap().clone();
        pausable(&id, &now, pause)?;
        let done: bool = recorder.emit_by_name(if pause { "pause" } else { "resume" }, &[]);
        if !done {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!(
                    "Recording \"{id}\" did not {}",
                    if pause { "pause" } else { "resume" }
                ),
            ));
        }
        let state = if pause {
            "RECORDING_PAUSED"
        } else {
            "RECORDING_RESUMED"
        };
        *status.lock().unwrap() = state.to_string();
        let recording = s.catalog.get(&id)?;
        Ok((
            StatusCode::ACCEPTED,
            Json(meet(&recording.recording, Some(state))),
        ))
    })
    .await
}

/// 409 unless a recording whose recorder is in state `now` can be paused
/// (`pause`) or resumed.
fn pausable(id: &str, now: &str, pause: bool) -> ApiResult<()> {
    let paused = now == "RECORDING_PAUSED";
    let ready = now == "RECORDING_STARTED" || now == "RECORDING_RESUMED" || paused;
    if !ready || paused == pause {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "Recording \"{id}\" cannot be {} now ({now})",
                if pause { "paused" } else { "resumed" }
            ),
        ));
    }
    Ok(())
}

/// [`pause_or_resume`] in a fleet: asked of the node that records it,
/// through the job's row.
fn pause_or_resume_shared(
    s: &Service,
    caller: &Caller,
    id: &str,
    pause: bool,
) -> ApiResult<(StatusCode, Json<MeetRecording>)> {
    let (entry, live) = s.lookup_live(id)?;
    let room = entry.recording.room.clone();
    if !caller.may(Action::Record, &room, &s.settings(&room)) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "{:?} may not pause or resume recordings in room {room}",
                caller.role
            ),
        ));
    }
    pausable(id, &live.unwrap_or_default(), pause)?;
    let desired = if pause {
        Desired::Pause
    } else {
        Desired::Record
    };
    let now = s.request(id, desired)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            format!("Recording \"{id}\" is not in progress"),
        )
    })?;
    let state = if pause {
        "RECORDING_PAUSED"
    } else {
        "RECORDING_RESUMED"
    };
    Ok((
        StatusCode::ACCEPTED,
        Json(meet(&now.recording, Some(state))),
    ))
}

/// Pauses a recording in progress (meetrec's; the paused time is cut out of
/// the file).
#[utoipa::path(post, path = "/recordings/{recordingId}/pause", operation_id = "pauseRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path)),
    responses(
        (status = 202, body = MeetRecording), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn pause_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<MeetRecording>)> {
    pause_or_resume(s, headers, id, true).await
}

/// Resumes a paused recording, into the same file (meetrec's).
#[utoipa::path(post, path = "/recordings/{recordingId}/resume", operation_id = "resumeRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path)),
    responses(
        (status = 202, body = MeetRecording), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn resume_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<MeetRecording>)> {
    pause_or_resume(s, headers, id, false).await
}

/// Stops every recording in progress and waits (up to `limit`) for their
/// files to be finalized.
pub(crate) fn stop_all(s: &Shared, limit: Duration) {
    for a in s.active.lock().unwrap().values() {
        if a.status.lock().unwrap().as_str() == "RECORDING_STARTING" {
            *a.abandon.lock().unwrap() =
                Some("the service shut down before any media was recorded".into());
        } else {
            a.recorder.emit_by_name::<()>("stop", &[]);
        }
    }
    let deadline = std::time::Instant::now() + limit;
    while !s.active.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}
