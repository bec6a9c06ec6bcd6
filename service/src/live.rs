// SPDX-License-Identifier: MPL-2.0
//! Recordings in progress: start and stop through the API.

use super::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct StartRequest {
    room_id: String,
    #[serde(default)]
    participants: Vec<ParticipantSpec>,
    #[serde(default)]
    layout: Option<String>,
    #[serde(default)]
    quality: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParticipantSpec {
    name: String,
    /// A media URI (file://, http://, rtsp://…); synthetic when absent.
    #[serde(default)]
    uri: Option<String>,
}

pub(crate) fn one_of(what: &str, value: &Option<String>, allowed: &[&str]) -> ApiResult<()> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{what} must be one of {allowed:?}, not {v:?}"),
        )),
        _ => Ok(()),
    }
}

pub(crate) async fn start_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<StartRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let caller = s.caller(&headers)?;
    let Json(req) = body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    catalog::validate_id(&req.room_id)?;
    one_of("layout", &req.layout, &["grid", "spotlight", "sidebar"])?;
    one_of("quality", &req.quality, &["low", "med", "high"])?;
    if req.participants.len() > 25 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "at most 25 participants",
        ));
    }
    let settings = s.rooms.lock().unwrap().get(&req.room_id).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("room {} not found", req.room_id),
        )
    })?;
    if !settings.allow_recording {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("room {} does not allow recording", req.room_id),
        ));
    }
    if !caller.may(Action::Record, &req.room_id, &settings) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{:?} may not record in room {}", caller.role, req.room_id),
        ));
    }
    blocking(move || {
        let room = req.room_id.clone();
        let mut active = s.active.lock().unwrap();
        if let Some(a) = active.get(&room) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("room {room} is already recording ({})", a.recording_id),
            ));
        }
        let a = launch(&s, req).map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
        let body = json!({
            "recordingId": a.recording_id,
            "roomId": room,
            "status": *a.status.lock().unwrap(),
        });
        active.insert(room, a);
        Ok((StatusCode::CREATED, Json(body)))
    })
    .await
}

/// Builds and plays the room's meeting pipeline and starts its recording.
pub(crate) fn launch(s: &Shared, req: StartRequest) -> Result<Active, String> {
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
    if let Some(q) = &req.quality {
        recorder.set_property_from_str("quality", q);
    }
    if let Some(l) = &req.layout {
        recorder.set_property_from_str("layout", l);
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
        let _ = pipeline.set_state(gst::State::Null);
        let state: gstmeetrec::meetingrecorder::RecordingState =
            recorder.property("recording-state");
        return Err(format!("the recording did not start ({})", state.as_str()));
    };
    watch(
        s,
        pipeline,
        req.room_id.clone(),
        recording_id.clone(),
        status.clone(),
    );
    Ok(Active {
        room: req.room_id,
        recording_id,
        recorder,
        status,
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

/// Follows the meeting's bus: the recording's states into `status`; when it
/// is stopped or failed (or the pipeline errs), the pipeline goes down and
/// the room is free again.
pub(crate) fn watch(
    s: &Shared,
    pipeline: gst::Pipeline,
    room: String,
    id: String,
    status: Arc<Mutex<String>>,
) {
    let service = Arc::downgrade(s);
    std::thread::spawn(move || {
        let bus = pipeline.bus().unwrap();
        for msg in bus.iter_timed(gst::ClockTime::NONE) {
            match msg.view() {
                gst::MessageView::Element(e) => {
                    let Some(st) = e
                        .structure()
                        .filter(|st| st.name() == "recording-state-changed")
                    else {
                        continue;
                    };
                    if st.get::<&str>("recording-id").ok() != Some(id.as_str()) {
                        continue;
                    }
                    let state = st.get::<String>("status").unwrap_or_default();
                    *status.lock().unwrap() = state.clone();
                    if state == "RECORDING_STOPPED" || state == "RECORDING_FAILED" {
                        break;
                    }
                }
                gst::MessageView::Error(e) => {
                    eprintln!("room {room}: {}", e.error());
                    *status.lock().unwrap() = "RECORDING_FAILED".into();
                    break;
                }
                gst::MessageView::Eos(_) => break,
                _ => {}
            }
        }
        let _ = pipeline.set_state(gst::State::Null);
        if let Some(s) = service.upgrade() {
            let mut active = s.active.lock().unwrap();
            if active.get(&room).is_some_and(|a| a.recording_id == id) {
                active.remove(&room);
            }
        }
    });
}

pub(crate) async fn stop_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let caller = s.caller(&headers)?;
    catalog::validate_id(&id)?;
    blocking(move || {
        let found = s
            .active
            .lock()
            .unwrap()
            .values()
            .find(|a| a.recording_id == id)
            .map(|a| (a.room.clone(), a.recorder.clone(), a.status.clone()));
        let Some((room, recorder, status)) = found else {
            // Known but finished, or unknown.
            s.catalog.get(&id)?;
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("recording {id} is not in progress"),
            ));
        };
        if !caller.may(Action::Record, &room, &s.settings(&room)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("{:?} may not stop recordings in room {room}", caller.role),
            ));
        }
        recorder.emit_by_name::<()>("stop", &[]);
        let status = status.lock().unwrap().clone();
        Ok((
            StatusCode::ACCEPTED,
            Json(json!({ "recordingId": id, "roomId": room, "status": status })),
        ))
    })
    .await
}

/// Stops every recording in progress and waits (up to `limit`) for their
/// files to be finalized.
pub(crate) fn stop_all(s: &Shared, limit: Duration) {
    for a in s.active.lock().unwrap().values() {
        a.recorder.emit_by_name::<()>("stop", &[]);
    }
    let deadline = std::time::Instant::now() + limit;
    while !s.active.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}
