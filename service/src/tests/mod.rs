// SPDX-License-Identifier: MPL-2.0
//! HTTP tests against the service running on 127.0.0.1 (one server for the
//! binary; each test uses rooms of its own so they can run in parallel).

use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use gstmeetrec::metadata;

use super::*;

/// GStreamer and the plugin, once for the test binary.
fn init() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        gst::init().unwrap();
        gstmeetrec::plugin_register_static().expect("register meetrec");
    });
}

/// The tests that run encoders take turns: on a 2-core machine, two live
/// recordings at once in one test binary fall behind real time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// What Discoverer says of a file.
struct Found {
    duration_s: f64,
    video: Option<(String, u32, u32)>,
    audio: Option<(String, u32)>,
}

fn discover(path: &std::path::Path) -> Found {
    use gst_pbutils::prelude::*;
    let uri = gst::glib::filename_to_uri(path, None).unwrap();
    let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20))
        .unwrap()
        .discover_uri(&uri)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = |caps: Option<gst::Caps>| caps.unwrap().structure(0).unwrap().name().to_string();
    Found {
        duration_s: info.duration().unwrap().mseconds() as f64 / 1000.0,
        video: info
            .video_streams()
            .first()
            .map(|v| (name(v.caps()), v.width(), v.height())),
        audio: info
            .audio_streams()
            .first()
            .map(|a| (name(a.caps()), a.channels())),
    }
}

/// This run's own directory (older runs' are removed once their process is
/// gone), so two runs never share files.
fn fresh_dir() -> PathBuf {
    let root = std::env::temp_dir().join("meetrec-service-tests");
    if let Ok(entries) = std::fs::read_dir(&root) {
        for e in entries.flatten() {
            let pid = e.file_name().to_string_lossy().parse::<u32>().ok();
            if pid.is_some_and(|p| !std::path::Path::new(&format!("/proc/{p}")).exists()) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = root.join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const SECRET: &str = "test share secret";
const API_KEY: &str = "test-api-key";

struct Server {
    base: String,
    service: Shared,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        init();
        let dir = fresh_dir();
        let tokens = [
            ("t-admin", Role::Admin, None),
            ("t-mod", Role::Moderator, None),
            (
                "t-mod-elsewhere",
                Role::Moderator,
                Some(vec!["elsewhere".to_string()]),
            ),
            ("t-spk", Role::Speaker, None),
        ]
        .into_iter()
        .map(|(t, role, rooms)| (t.to_string(), Caller { role, rooms }))
        .collect();
        let config = Config {
            listen: "127.0.0.1:0".into(),
            recordings_dir: dir,
            public_url: None,
            share_secret: SECRET.into(),
            tokens,
            api_keys: vec![API_KEY.into()],
            webhook: None,
            // Short, so the stuck-start test ends soon; long enough for the
            // other tests' starts on a loaded 2-core machine.
            start_timeout: 8,
            database: None,
            node_id: Some("test-node".into()),
            media_store: None,
            chunk_seconds: 1,
        };
        let listener = std::net::TcpListener::bind(&config.listen).unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let service = Arc::new(Service::new(config, base.clone()).unwrap());
        let app = router(service.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        Server { base, service }
    })
}

struct Reply {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// One request; `path` is sent as written (no normalisation of `..`).
fn call(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    extra: &[(&str, &str)],
) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = if path.starts_with("http") {
        path.to_string()
    } else {
        format!("{}{path}", server().base)
    };
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let mut resp = match body {
        Some(b) => agent.run(
            req.header("Content-Type", "application/json")
                .body(b.to_string())
                .unwrap(),
        ),
        None => agent.run(req.body(()).unwrap()),
    }
    .unwrap();
    let reply = Reply {
        status: resp.status().as_u16(),
        headers: resp.headers().clone(),
        body: resp
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_vec()
            .unwrap(),
    };
    conforms(method, path, &reply);
    reply
}

/// The service's OpenAPI document, as it serves it.
fn openapi() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let body = ureq::get(format!("{}/api/v1/openapi.json", server().base))
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap();
        serde_json::from_slice(&body).unwrap()
    })
}

/// The document's operation for `method` on `path` (its template with the
/// most literal segments wins: `/recordings/download` over
/// `/recordings/{recordingId}`), with the template.
fn operation(method: &str, path: &str) -> Option<(String, &'static Value)> {
    let segs: Vec<&str> = path.split('/').collect();
    let mut best: Option<(usize, String, &Value)> = None;
    for (template, item) in openapi()["paths"].as_object()? {
        let t: Vec<&str> = template.split('/').collect();
        if t.len() != segs.len() {
            continue;
        }
        let literal = t.iter().filter(|x| !x.starts_with('{')).count();
        let fits = t
            .iter()
            .zip(&segs)
            .all(|(a, b)| a.starts_with('{') || a == b);
        let op = &item[method.to_lowercase()];
        if fits && op.is_object() && best.as_ref().is_none_or(|b| literal > b.0) {
            best = Some((literal, template.clone(), op));
        }
    }
    best.map(|(_, t, op)| (t, op))
}

/// Every answer of the API the tests get must be one the document
/// declares for that operation, and a JSON body must validate against the
/// declared schema (JSON Schema 2020-12, references into the document).
fn conforms(method: &str, path: &str, reply: &Reply) {
    let base = &server().base;
    let path = path.strip_prefix(base.as_str()).unwrap_or(path);
    let path = path.split('?').next().unwrap_or_default();
    if !path.starts_with("/api/v1/") || path == "/api/v1/openapi.json" {
        return;
    }
    let Some((template, op)) = operation(method, path) else {
        // No such operation: only axum's own 404/405 may answer.
        assert!(
            [404, 405].contains(&reply.status),
            "{method} {path} answered {} but the document has no such operation",
            reply.status
        );
        return;
    };
    let status = reply.status.to_string();
    let declared = &op["responses"][&status];
    assert!(
        declared.is_object(),
        "{method} {template}: status {status} is not in the document ({})",
        String::from_utf8_lossy(&reply.body[..reply.body.len().min(300)])
    );
    if !reply.header("content-type").starts_with("application/json") {
        return;
    }
    let Some(schema) = declared["content"]["application/json"]["schema"].as_object() else {
        panic!("{method} {template} {status}: JSON answer, no JSON schema declared");
    };
    let validator = validator_for(&Value::Object(schema.clone()));
    let body: Value = reply.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {template} {status}: the answer does not validate against the document: {errors:?}\n{body:#}"
    );
}

/// A validator of `schema` whose references point into the document.
fn validator_for(schema: &Value) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let key = schema.to_string();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    // The document itself is the root, so "#/components/schemas/…" resolve.
    let mut root = json!({ "components": openapi()["components"].clone() });
    root["allOf"] = json!([schema]);
    let v = Arc::new(
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .unwrap_or_else(|e| panic!("schema {schema}: {e}")),
    );
    cache.lock().unwrap().insert(key, v.clone());
    v
}

fn get(path: &str, token: &str) -> Reply {
    call("GET", path, Some(token), None, &[])
}

/// A room with these settings (set directly, as an admin would via the API).
fn room(name: &str, allow_recording: bool, access: RecordingAccess) {
    let s = server();
    s.service
        .rooms
        .lock()
        .unwrap()
        .put(
            name,
            RoomSettings {
                allow_recording,
                recording_access: access,
            },
        )
        .unwrap();
}

/// A recording's metadata as the recorder writes it, with `media` as its
/// file; the rest plain (room "r", started now, no tracks).
fn recording(id: &str, status: Status, media: &std::path::Path, size: u64) -> Recording {
    let now = metadata::rfc3339(std::time::SystemTime::now());
    let mut r = Recording::starting(id, "r", &now, "webm");
    r.status = status;
    r.file.path = media.to_string_lossy().into();
    r.file.size_bytes = size;
    r
}

/// A finished (or in-progress) recording as the recorder leaves it: media
/// bytes and `<file>.json`. Returns the media bytes.
fn seed(room: &str, id: &str, status: Status, started_s: u64) -> Vec<u8> {
    let s = server();
    let media = s.service.catalog.dir().join(format!("{room}-{id}.webm"));
    let bytes: Vec<u8> = (0..10_000u32)
        .map(|i| (i * 7 + id.len() as u32) as u8)
        .collect();
    std::fs::write(&media, &bytes).unwrap();
    Recording {
        room: room.into(),
        started_at: metadata::rfc3339(UNIX_EPOCH + Duration::from_secs(started_s)),
        duration_ms: 1000,
        ..recording(id, status, &media, bytes.len() as u64)
    }
    .write()
    .unwrap();
    bytes
}

/// Recording `id` as `token` sees it once its status is `want` (polled;
/// failing after `limit`).
fn wait_for_status(id: &str, want: &str, token: &str, limit: Duration) -> Value {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let r = get(&format!("/api/v1/recordings/{id}"), token);
        if r.status == 200 && r.json()["status"] == want {
            return r.json();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never {want}: {} {}",
            r.status,
            String::from_utf8_lossy(&r.body)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits (up to `limit`) until room `room` has no recording in progress.
fn wait_until_room_is_free(room: &str, limit: Duration) {
    let deadline = std::time::Instant::now() + limit;
    while !get(&format!("/api/v1/rooms/{room}"), "t-admin").json()["recording"].is_null() {
        assert!(
            std::time::Instant::now() < deadline,
            "room {room} still busy"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `POST /recordings/{id}/stop` as `token`.
fn stop(id: &str, token: &str) -> Reply {
    call(
        "POST",
        &format!("/api/v1/recordings/{id}/stop"),
        Some(token),
        None,
        &[],
    )
}

fn ids_of(v: &Value) -> Vec<String> {
    v["recordings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["recordingId"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn authentication_is_required() {
    assert_eq!(
        call("GET", "/api/v1/recordings", None, None, &[]).status,
        401
    );
    let r = get("/api/v1/recordings", "nope");
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"], "Authentication Error");
    assert_eq!(r.header("content-type"), "application/json");
    // OpenVidu Meet's X-API-KEY: a configured key is an admin; others 401.
    let r = call(
        "GET",
        "/api/v1/recordings",
        None,
        None,
        &[("X-API-KEY", API_KEY)],
    );
    assert_eq!(r.status, 200);
    let r = call("GET", "/api/v1/me", None, None, &[("X-API-KEY", API_KEY)]);
    assert_eq!(r.json()["role"], "admin");
    let r = call(
        "GET",
        "/api/v1/recordings",
        None,
        None,
        &[("X-API-KEY", "guess")],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["message"], "Invalid API key");
}

#[test]
fn rooms_are_created_by_admins() {
    let body = json!({"roomId": "created", "recordingAccess": "admin-moderator"});
    assert_eq!(
        call(
            "POST",
            "/api/v1/rooms",
            Some("t-mod"),
            Some(body.clone()),
            &[]
        )
        .status,
        403
    );
    let r = call(
        "POST",
        "/api/v1/rooms",
        Some("t-admin"),
        Some(body.clone()),
        &[],
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["recordingAccess"], "admin-moderator");
    assert_eq!(r.json()["allowRecording"], true);
    assert_eq!(
        call("POST", "/api/v1/rooms", Some("t-admin"), Some(body), &[]).status,
        409
    );
    for bad in [
        json!({"roomId": "../up"}),
        json!({"roomId": "x", "recordingAccess": "everyone"}),
        json!({"room": "x"}),
    ] {
        assert_eq!(
            call(
                "POST",
                "/api/v1/rooms",
                Some("t-admin"),
                Some(bad.clone()),
                &[]
            )
            .status,
            422,
            "{bad}"
        );
    }
    let r = get("/api/v1/rooms/created", "t-spk");
    assert_eq!(r.status, 200);
    assert!(r.json()["recording"].is_null());
    assert_eq!(get("/api/v1/rooms/created", "t-mod-elsewhere").status, 403);
    assert_eq!(get("/api/v1/rooms/never-made", "t-admin").status, 404);
}

#[test]
fn list_and_get_follow_the_rooms_access() {
    room("list-open", true, RecordingAccess::AdminModeratorSpeaker);
    room("list-admin", true, RecordingAccess::Admin);
    seed("list-open", "lo-1", Status::Stopped, 1_800_000_001);
    seed("list-open", "lo-2", Status::Recording, 1_800_000_002);
    seed("list-open", "lo-3", Status::Stopped, 1_800_000_003);
    seed("list-admin", "la-1", Status::Stopped, 1_800_000_004);

    let r = get("/api/v1/recordings?roomId=list-open", "t-spk");
    assert_eq!(r.status, 200);
    assert_eq!(ids_of(&r.json()), ["lo-3", "lo-2", "lo-1"]);
    // In progress (no recorder of this service runs it): active.
    assert_eq!(r.json()["recordings"][1]["status"], "active");
    assert_eq!(r.json()["pagination"]["isTruncated"], false);

    let r = get(
        "/api/v1/recordings?roomId=list-open&status=complete&maxItems=1",
        "t-mod",
    );
    assert_eq!(ids_of(&r.json()), ["lo-3"]);
    let next = r.json()["pagination"]["nextPageToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(r.json()["pagination"]["isTruncated"], true);
    let r = get(
        &format!(
            "/api/v1/recordings?roomId=list-open&status=complete&maxItems=1&nextPageToken={next}"
        ),
        "t-mod",
    );
    assert_eq!(ids_of(&r.json()), ["lo-1"]);

    // recording-access=admin: moderators and speakers neither see nor get it.
    assert_eq!(
        ids_of(&get("/api/v1/recordings?roomId=list-admin", "t-admin").json()),
        ["la-1"]
    );
    assert!(ids_of(&get("/api/v1/recordings?roomId=list-admin", "t-mod").json()).is_empty());
    assert_eq!(get("/api/v1/recordings/la-1", "t-mod").status, 403);
    assert_eq!(get("/api/v1/recordings/la-1", "t-spk").status, 403);
    let r = get("/api/v1/recordings/la-1", "t-admin");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["roomId"], "list-admin");
    assert_eq!(r.json()["size"], 10_000);
    assert_eq!(r.json()["meetrec"]["file"]["sizeBytes"], 10_000);
    // A moderator of another room sees nothing of these.
    assert_eq!(
        get("/api/v1/recordings/lo-1", "t-mod-elsewhere").status,
        403
    );
    assert_eq!(get("/api/v1/recordings/missing", "t-admin").status, 404);
    for bad in [
        "status=paused",
        "nextPageToken=zz",
        "maxItems=0",
        "maxItems=101",
        "sortField=name",
        "sortOrder=up",
        "roomName=(&roomNameMatchMode=regex",
        "roomNameMatchMode=fuzzy",
        "colour=red",
    ] {
        let r = get(&format!("/api/v1/recordings?{bad}"), "t-admin");
        assert_eq!(r.status, 422, "{bad}");
        assert_eq!(r.json()["error"], "Unprocessable Entity");
        assert!(r.json()["details"][0]["field"].is_string(), "{bad}");
    }
}

#[test]
fn deletes_follow_the_rules() {
    room("del-open", true, RecordingAccess::AdminModeratorSpeaker);
    room("del-mod", true, RecordingAccess::AdminModerator);
    seed("del-open", "do-1", Status::Stopped, 1_800_000_001);
    seed("del-open", "do-live", Status::Recording, 1_800_000_002);
    seed("del-mod", "dm-1", Status::Stopped, 1_800_000_003);
    // Speakers only play.
    assert_eq!(
        call(
            "DELETE",
            "/api/v1/recordings/do-1",
            Some("t-spk"),
            None,
            &[]
        )
        .status,
        403
    );
    assert_eq!(get("/api/v1/recordings/do-1", "t-spk").status, 200);
    // In progress: 409, kept.
    let r = call(
        "DELETE",
        "/api/v1/recordings/do-live",
        Some("t-admin"),
        None,
        &[],
    );
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["error"], "Recording Error");
    assert_eq!(
        r.json()["message"],
        "Recording \"do-live\" is not stopped yet"
    );
    // Moderators delete where the access includes them.
    let r = call(
        "DELETE",
        "/api/v1/recordings/dm-1",
        Some("t-mod"),
        None,
        &[],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["message"], "Recording 'dm-1' deleted successfully");
    assert_eq!(get("/api/v1/recordings/dm-1", "t-admin").status, 404);
    assert!(
        !server()
            .service
            .catalog
            .dir()
            .join("del-mod-dm-1.webm")
            .exists()
    );
    assert_eq!(
        call(
            "DELETE",
            "/api/v1/recordings/dm-1",
            Some("t-admin"),
            None,
            &[]
        )
        .status,
        404
    );
}

#[test]
fn bulk_delete_reports_each_id() {
    room("bulk-open", true, RecordingAccess::AdminModeratorSpeaker);
    room("bulk-admin", true, RecordingAccess::Admin);
    seed("bulk-open", "bo-1", Status::Stopped, 1_800_000_001);
    seed("bulk-open", "bo-2", Status::Stopped, 1_800_000_002);
    seed("bulk-open", "bo-live", Status::Recording, 1_800_000_003);
    seed("bulk-admin", "ba-1", Status::Stopped, 1_800_000_004);
    let r = call(
        "DELETE",
        "/api/v1/recordings?recordingIds=bo-1,ba-1,bo-live,nope,bo-2",
        Some("t-mod"),
        None,
        &[],
    );
    // Some could not be deleted: 400, with what happened to each.
    assert_eq!(r.status, 400);
    let v = r.json();
    assert_eq!(v["deleted"], json!(["bo-1", "bo-2"]));
    assert_eq!(v["message"], "3 recording(s) could not be deleted");
    let not: Vec<(String, u64, String)> = v["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["recordingId"].as_str().unwrap().to_string(),
                e["status"].as_u64().unwrap(),
                e["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(not[0].0, "ba-1");
    assert_eq!(not[0].1, 403);
    assert_eq!(
        not[1..],
        [
            (
                "bo-live".to_string(),
                409,
                "Recording in progress".to_string()
            ),
            ("nope".to_string(), 404, "Recording not found".to_string())
        ]
    );
    // All deleted: 200 and an empty `failed`.
    seed("bulk-open", "bo-3", Status::Stopped, 1_800_000_005);
    let r = call(
        "DELETE",
        "/api/v1/recordings?recordingIds=bo-3",
        Some("t-mod"),
        None,
        &[],
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"message": "All recordings deleted successfully", "deleted": ["bo-3"], "failed": []})
    );
    assert_eq!(get("/api/v1/recordings/ba-1", "t-admin").status, 200);
    assert_eq!(
        call(
            "DELETE",
            "/api/v1/recordings?recordingIds=a,../b",
            Some("t-admin"),
            None,
            &[]
        )
        .status,
        422
    );
    assert_eq!(
        call(
            "DELETE",
            "/api/v1/recordings?recordingIds=",
            Some("t-admin"),
            None,
            &[]
        )
        .status,
        422
    );
}

#[test]
fn media_supports_range_requests() {
    room("media-room", true, RecordingAccess::AdminModeratorSpeaker);
    let bytes = seed("media-room", "mr-1", Status::Stopped, 1_800_000_001);
    let r = get("/api/v1/recordings/mr-1/media", "t-spk");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, bytes);
    assert_eq!(r.header("content-type"), "video/webm");
    assert_eq!(r.header("accept-ranges"), "bytes");

    let ranged = |range: &str| {
        call(
            "GET",
            "/api/v1/recordings/mr-1/media",
            Some("t-spk"),
            None,
            &[("Range", range)],
        )
    };
    let r = ranged("bytes=100-199");
    assert_eq!(r.status, 206);
    assert_eq!(r.body, bytes[100..200]);
    assert_eq!(r.header("content-range"), "bytes 100-199/10000");
    assert_eq!(r.header("content-length"), "100");
    assert_eq!(r.header("content-type"), "video/webm");
    // Suffix and open ranges, as players ask for the end and then the rest.
    let r = ranged("bytes=-10");
    assert_eq!((r.status, r.body.as_slice()), (206, &bytes[9990..]));
    let r = ranged("bytes=9995-");
    assert_eq!((r.status, r.body.as_slice()), (206, &bytes[9995..]));
    let r = ranged("bytes=20000-");
    assert_eq!(r.status, 416);
    assert_eq!(r.header("content-range"), "bytes */10000");
    assert_eq!(
        r.json()["message"],
        "Recording \"mr-1\" range not satisfiable. File size: 10000"
    );
    // /download: the same bytes, as an attachment.
    let r = get("/api/v1/recordings/mr-1/download", "t-spk");
    assert_eq!((r.status, r.body == bytes), (200, true));
    assert_eq!(
        r.header("content-disposition"),
        "attachment; filename=\"media-room-mr-1.webm\""
    );
    assert_eq!(
        get("/api/v1/recordings/mr-1/download", "t-mod-elsewhere").status,
        403
    );
    assert_eq!(get("/api/v1/recordings/gone/download", "t-spk").status, 404);
    assert_eq!(
        get("/api/v1/recordings/mr-1/media", "t-mod-elsewhere").status,
        403
    );
}

#[test]
fn share_links_open_one_recording_until_they_expire() {
    room("share-admin", true, RecordingAccess::Admin);
    let bytes = seed("share-admin", "sh-1", Status::Stopped, 1_800_000_001);
    seed("share-admin", "sh-2", Status::Stopped, 1_800_000_002);
    assert_eq!(get("/api/v1/recordings/sh-1/url", "t-mod").status, 403);
    let r = get("/api/v1/recordings/sh-1/url?expiresIn=600", "t-admin");
    assert_eq!(r.status, 200);
    let url = r.json()["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with(&format!(
            "{}/api/v1/recordings/sh-1/media?recordingSecret=",
            server().base
        )),
        "{url}"
    );
    // No bearer token needed; Range works the same.
    let r = call("GET", &url, None, None, &[]);
    assert_eq!((r.status, r.body == bytes), (200, true));
    let r = call("GET", &url, None, None, &[("Range", "bytes=0-9")]);
    assert_eq!((r.status, r.body.as_slice()), (206, &bytes[..10]));

    let token = url.split("recordingSecret=").nth(1).unwrap();
    // The recording itself, by the same secret, without signing in.
    let r = call(
        "GET",
        &format!("/api/v1/recordings/sh-1?recordingSecret={token}"),
        None,
        None,
        &[],
    );
    assert_eq!(
        (r.status, r.json()["recordingId"].clone()),
        (200, json!("sh-1"))
    );
    // A private link: no secret; it needs signing in.
    let r = get("/api/v1/recordings/sh-1/url?privateAccess=true", "t-admin");
    let private = r.json()["url"].as_str().unwrap().to_string();
    assert_eq!(
        private,
        format!("{}/api/v1/recordings/sh-1/media", server().base)
    );
    assert_eq!(call("GET", &private, None, None, &[]).status, 401);
    // Another recording with this recording's token.
    let other = format!("/api/v1/recordings/sh-2/media?share={token}");
    assert_eq!(call("GET", &other, None, None, &[]).status, 400);
    // Tampered: expiry pushed out, or the signature changed.
    let (expiry, sig) = token.split_once('.').unwrap();
    let later = format!(
        "/api/v1/recordings/sh-1/media?share={}.{sig}",
        expiry.parse::<u64>().unwrap() + 3600
    );
    assert_eq!(call("GET", &later, None, None, &[]).status, 400);
    let flipped = format!(
        "/api/v1/recordings/sh-1/media?share={expiry}.{}{}",
        &sig[..63],
        if sig.ends_with('0') { '1' } else { '0' }
    );
    assert_eq!(call("GET", &flipped, None, None, &[]).status, 400);
    // Expired: signed with the right secret, an expiry in the past.
    let old = share::token(
        SECRET.as_bytes(),
        "sh-1",
        SystemTime::now() - Duration::from_secs(1),
    );
    let r = call(
        "GET",
        &format!("/api/v1/recordings/sh-1/media?share={old}"),
        None,
        None,
        &[],
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["message"].as_str().unwrap().contains("expired"));
    assert_eq!(
        get("/api/v1/recordings/sh-1/url?expiresIn=0", "t-admin").status,
        422
    );
}

#[test]
fn traversal_in_ids_is_refused() {
    for path in [
        "/api/v1/recordings/..",
        "/api/v1/recordings/../media",
        "/api/v1/recordings/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/recordings/%2e%2e%2f%2e%2e%2fetc/media",
        "/api/v1/recordings/%2E%2E/media",
        "/api/v1/recordings/.hidden/url",
        "/api/v1/recordings/a%00b",
        "/api/v1/rooms/..%2f",
        "/api/v1/recordings/download?recordingIds=..%2Fx",
        "/api/v1/recordings?roomId=..%2Fx",
    ] {
        let r = get(path, "t-admin");
        assert_eq!(
            r.status,
            422,
            "{path}: {}",
            String::from_utf8_lossy(&r.body)
        );
    }
    // A share token does not open a path either.
    let tok = share::token(
        SECRET.as_bytes(),
        "../x",
        SystemTime::now() + Duration::from_secs(60),
    );
    assert_eq!(
        call(
            "GET",
            &format!("/api/v1/recordings/..%2Fx/media?recordingSecret={tok}"),
            None,
            None,
            &[]
        )
        .status,
        422
    );
}

#[test]
fn download_zips_the_right_files() {
    room("zip-room", true, RecordingAccess::AdminModeratorSpeaker);
    room("zip-admin", true, RecordingAccess::Admin);
    let a = seed("zip-room", "zr-1", Status::Stopped, 1_800_000_001);
    let b = seed("zip-room", "zr-2", Status::Stopped, 1_800_000_002);
    seed("zip-room", "zr-3", Status::Stopped, 1_800_000_003);
    seed("zip-admin", "za-1", Status::Stopped, 1_800_000_004);
    let r = get(
        "/api/v1/recordings/download?recordingIds=zr-1,zr-2",
        "t-spk",
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "application/zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "zip-room-zr-1.webm",
            "zip-room-zr-1.webm.json",
            "zip-room-zr-2.webm",
            "zip-room-zr-2.webm.json"
        ]
    );
    for (name, want) in [("zip-room-zr-1.webm", &a), ("zip-room-zr-2.webm", &b)] {
        let mut got = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut got).unwrap();
        assert_eq!(&got, want, "{name}");
    }
    let mut meta = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("zip-room-zr-2.webm.json").unwrap(),
        &mut meta,
    )
    .unwrap();
    assert_eq!(serde_json::from_str::<Recording>(&meta).unwrap().id, "zr-2");
    // A split recording: every part, beside the first.
    let s = server();
    let first = s.service.catalog.dir().join("zip-room-zs-1.webm");
    let second = s.service.catalog.dir().join("zip-room-zs-1-part2.webm");
    std::fs::write(&first, b"part one").unwrap();
    std::fs::write(&second, b"part two").unwrap();
    let mut split = recording("zs-1", Status::Stopped, &first, 16);
    split.room = "zip-room".into();
    split.file.parts = vec![
        "zip-room-zs-1.webm".into(),
        "zip-room-zs-1-part2.webm".into(),
    ];
    split.write().unwrap();
    let r = get("/api/v1/recordings/download?recordingIds=zs-1", "t-spk");
    assert_eq!(r.status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "zip-room-zs-1-part2.webm",
            "zip-room-zs-1.webm",
            "zip-room-zs-1.webm.json"
        ]
    );
    let mut got = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name("zip-room-zs-1-part2.webm").unwrap(),
        &mut got,
    )
    .unwrap();
    assert_eq!(got, b"part two");
    // Only what the caller may see is in it (as OpenVidu Meet does); none
    // of them: 400.
    let r = get(
        "/api/v1/recordings/download?recordingIds=zr-1,za-1,gone",
        "t-spk",
    );
    assert_eq!(r.status, 200);
    let zip = zip::ZipArchive::new(std::io::Cursor::new(r.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(names, ["zip-room-zr-1.webm", "zip-room-zr-1.webm.json"]);
    let r = get(
        "/api/v1/recordings/download?recordingIds=za-1,gone",
        "t-spk",
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["message"],
        "None of the provided recordings are available for ZIP download"
    );
    // The zips' files were unlinked when made; once each response is over,
    // the service holds none of them open either.
    let open_zips = || {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| {
                target
                    .to_string_lossy()
                    .contains(&format!("meetrec-download-{}-", std::process::id()))
            })
            .count()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while open_zips() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(open_zips(), 0, "zip files still open after their responses");
}

/// The whole embedding: create a room, start a recording of two synthetic
/// live participants through the API, stop it, and find a playable file the
/// list shows.
#[test]
fn start_and_stop_through_the_api_makes_a_playable_recording() {
    let _serial = serial();
    let s = server();
    room("no-rec", false, RecordingAccess::AdminModeratorSpeaker);
    let r = call(
        "POST",
        "/api/v1/rooms",
        Some("t-admin"),
        Some(json!({"roomId": "live"})),
        &[],
    );
    assert_eq!(r.status, 201);
    let start = json!({"roomId": "live", "quality": "low", "layout": "grid"});
    assert_eq!(
        call(
            "POST",
            "/api/v1/recordings",
            Some("t-spk"),
            Some(start.clone()),
            &[]
        )
        .status,
        403
    );
    let r = call(
        "POST",
        "/api/v1/recordings",
        Some("t-admin"),
        Some(json!({"roomId": "no-rec"})),
        &[],
    );
    assert_eq!(r.status, 403);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("does not allow")
    );
    assert_eq!(
        call(
            "POST",
            "/api/v1/recordings",
            Some("t-admin"),
            Some(json!({"roomId": "nowhere"})),
            &[]
        )
        .status,
        404
    );
    assert_eq!(
        call(
            "POST",
            "/api/v1/recordings",
            Some("t-admin"),
            Some(json!({"roomId": "live", "layout": "mosaic"})),
            &[]
        )
        .status,
        422
    );
    for bad in [
        json!({"roomId": "live", "config": {"layout": "mosaic"}}),
        json!({"roomId": "live", "config": {"encoding": "H264_4K_30"}}),
        json!({"roomId": "live", "config": {"encoding": {"video": {"codec": "VP8"}}}}),
        json!({"room": "live"}),
    ] {
        let r = call(
            "POST",
            "/api/v1/recordings",
            Some("t-admin"),
            Some(bad.clone()),
            &[],
        );
        assert_eq!(r.status, 422, "{bad}");
    }

    let r = call(
        "POST",
        "/api/v1/recordings",
        Some("t-mod"),
        Some(start.clone()),
        &[],
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let id = r.json()["recordingId"].as_str().unwrap().to_string();
    assert_eq!(
        r.header("location"),
        format!("{}/api/v1/recordings/{id}", s.base)
    );
    assert!(["starting", "active"].contains(&r.json()["status"].as_str().unwrap()));
    assert_eq!(r.json()["roomId"], "live");
    let r = call(
        "POST",
        "/api/v1/recordings",
        Some("t-mod"),
        Some(start),
        &[],
    );
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["message"],
        "Room \"live\" is already being recorded"
    );
    let room_state = get("/api/v1/rooms/live", "t-spk").json();
    assert_eq!(room_state["recording"]["recordingId"], id.as_str());

    // In progress: listed with its status, not deletable.
    let wait_for = |want: &str| wait_for_status(&id, want, "t-spk", Duration::from_secs(20));
    wait_for("active");
    // Pause and resume (meetrec's): once each, by who may record.
    let post = |what: &str, token: &str| {
        call(
            "POST",
            &format!("/api/v1/recordings/{id}/{what}"),
            Some(token),
            None,
            &[],
        )
    };
    assert_eq!(post("pause", "t-spk").status, 403);
    assert_eq!(post("resume", "t-mod").status, 409);
    let r = post("pause", "t-mod");
    assert_eq!(
        (r.status, r.json()["details"].clone()),
        (202, json!("paused"))
    );
    assert_eq!(r.json()["status"], "active");
    assert_eq!(post("pause", "t-mod").status, 409);
    assert_eq!(
        get(&format!("/api/v1/recordings/{id}"), "t-spk").json()["details"],
        "paused"
    );
    let r = post("resume", "t-mod");
    assert_eq!((r.status, r.json()["details"].clone()), (202, Value::Null));
    assert_eq!(
        call(
            "POST",
            "/api/v1/recordings/nope/pause",
            Some("t-mod"),
            None,
            &[]
        )
        .status,
        404
    );
    assert_eq!(
        call(
            "DELETE",
            &format!("/api/v1/recordings/{id}"),
            Some("t-admin"),
            None,
            &[]
        )
        .status,
        409
    );
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(stop(&id, "t-spk").status, 403);
    let r = stop(&id, "t-mod");
    assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["status"], "ending");
    assert!(
        r.header("location")
            .ends_with(&format!("/api/v1/recordings/{id}"))
    );
    let meta = wait_for("complete");

    // The room is free again, the list shows the recording, the file plays.
    wait_until_room_is_free("live", Duration::from_secs(10));
    assert_eq!(stop(&id, "t-mod").status, 409);
    let list = get("/api/v1/recordings?roomId=live", "t-spk").json();
    assert!(
        (meta["endDate"].as_u64().unwrap() - meta["startDate"].as_u64().unwrap()) as f64
            >= meta["duration"].as_f64().unwrap() * 1000.0 - 50.0
    );
    assert_eq!(ids_of(&list), [id.as_str()]);
    assert_eq!(
        list["recordings"][0]["meetrec"]["participants"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let media = s.service.catalog.get(&id).unwrap().media;
    let found = discover(&media);
    assert!(found.duration_s > 2.5, "{}", found.duration_s);
    assert!((found.duration_s - meta["duration"].as_f64().unwrap()).abs() < 0.2);
    assert_eq!(meta["size"], std::fs::metadata(&media).unwrap().len());
    assert_eq!(found.video, Some(("video/x-vp8".to_string(), 640, 360)));
    assert_eq!(
        found.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/x-opus")
    );
    // And through the media endpoint: a WebM (EBML) header, the whole file.
    let r = get(&format!("/api/v1/recordings/{id}/media"), "t-spk");
    assert_eq!(r.status, 200);
    assert_eq!(&r.body[..4], &[0x1a, 0x45, 0xdf, 0xa3]);
    assert_eq!(
        r.body.len() as u64,
        std::fs::metadata(&media).unwrap().len()
    );
}

/// Every OpenVidu Meet preset maps to H.264 in MP4 at its size and rate.
#[test]
fn every_openvidu_preset_asks_for_h264_in_mp4_at_its_size_and_rate() {
    let want = [
        ("H264_720P_30", false, "med", 30),
        ("H264_720P_60", false, "med", 60),
        ("H264_1080P_30", false, "high", 30),
        ("H264_1080P_60", false, "high", 60),
        ("PORTRAIT_H264_720P_30", true, "med", 30),
        ("PORTRAIT_H264_720P_60", true, "med", 60),
        ("PORTRAIT_H264_1080P_30", true, "high", 30),
        ("PORTRAIT_H264_1080P_60", true, "high", 60),
    ];
    for (preset, portrait, quality, fps) in want {
        let req: StartRequest =
            serde_json::from_value(json!({"roomId": "r", "config": {"encoding": preset}})).unwrap();
        let props: BTreeMap<&str, String> = recorder_settings(&req).unwrap().into_iter().collect();
        assert_eq!(props["video-codec"], "h264", "{preset}");
        assert_eq!(props["container"], "mp4", "{preset}");
        assert_eq!(props["quality"], quality, "{preset}");
        assert_eq!(props["framerate"], fps.to_string(), "{preset}");
        assert_eq!(
            props.get("orientation").map(String::as_str),
            portrait.then_some("portrait"),
            "{preset}"
        );
    }
}

/// OpenVidu Meet's default preset (and a 60 fps portrait one) record: an
/// MP4 with H.264 at the preset's size and rate, and the recording object
/// says so. Before, H.264 was asked for in WebM and the start answered 500.
#[test]
fn openvidu_presets_record_h264_mp4_at_their_size_and_rate() {
    let _serial = serial();
    let s = server();
    for (preset, (w, h, fps)) in [
        ("H264_720P_30", (1280, 720, 30)),
        ("PORTRAIT_H264_720P_60", (720, 1280, 60)),
    ] {
        let room_id = format!("preset-{}", preset.to_lowercase().replace('_', "-"));
        room(&room_id, true, RecordingAccess::AdminModeratorSpeaker);
        let r = call(
            "POST",
            "/api/v1/recordings",
            Some("t-admin"),
            Some(json!({"roomId": room_id, "config": {"encoding": preset}})),
            &[],
        );
        assert_eq!(
            r.status,
            201,
            "{preset}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let id = r.json()["recordingId"].as_str().unwrap().to_string();
        wait_for_status(&id, "active", "t-admin", Duration::from_secs(20));
        std::thread::sleep(Duration::from_secs(2));
        assert_eq!(stop(&id, "t-admin").status, 202);
        let meta = wait_for_status(&id, "complete", "t-admin", Duration::from_secs(30));
        assert_eq!(
            meta["encoding"]["video"]["codec"], "H264_MAIN",
            "{preset}: {meta}"
        );
        assert_eq!(meta["encoding"]["video"]["framerate"], fps, "{preset}");
        let media = s.service.catalog.get(&id).unwrap().media;
        assert_eq!(media.extension().and_then(|e| e.to_str()), Some("mp4"));
        let found = discover(&media);
        assert_eq!(
            found.video,
            Some(("video/x-h264".to_string(), w, h)),
            "{preset}"
        );
        assert!(found.duration_s > 1.5, "{preset}: {}", found.duration_s);
        let uri = gst::glib::filename_to_uri(&media, None).unwrap();
        let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20))
            .unwrap()
            .discover_uri(&uri)
            .unwrap();
        let rate = info.video_streams()[0].framerate();
        assert_eq!(rate, gst::Fraction::new(fps, 1), "{preset}");
    }
}

/// Starts a recording of room `room_id` (made here) whose one participant,
/// Ada, is an SRT source where nothing listens: (recording id, its URI).
fn start_with_a_silent_source(room_id: &str) -> (String, String) {
    room(room_id, true, RecordingAccess::AdminModeratorSpeaker);
    // SRT is UDP: a port bound and let go has nothing behind it.
    let port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let uri = format!("srt://127.0.0.1:{port}");
    let r = call(
        "POST",
        "/api/v1/recordings",
        Some("t-admin"),
        Some(json!({"roomId": room_id, "participants": [{"name": "Ada", "uri": uri}]})),
        &[],
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["status"], "starting");
    (r.json()["recordingId"].as_str().unwrap().to_string(), uri)
}

/// Nothing stays `starting`: a source that never sends fails the start
/// within `startTimeout` (8 s here), with a reason that names it, and the
/// room is free again.
#[test]
fn a_source_that_never_arrives_fails_the_start_in_time_and_names_it() {
    let _serial = serial();
    let began = std::time::Instant::now();
    let (id, uri) = start_with_a_silent_source("never-arrives");
    let meta = wait_for_status(&id, "failed", "t-admin", Duration::from_secs(20));
    let error = meta["error"].as_str().unwrap_or_default();
    assert!(error.contains(&uri) && error.contains("Ada"), "{error}");
    assert!(
        began.elapsed() < Duration::from_secs(14),
        "{:?}",
        began.elapsed()
    );
    wait_until_room_is_free("never-arrives", Duration::from_secs(5));
    assert_eq!(stop(&id, "t-admin").status, 409, "already over");
}

/// `stop` works in every state: a recording still starting is given up at
/// once and ends failed with the reason (before, 409 "cannot be stopped
/// while starting" left it for ever).
#[test]
fn a_recording_stopped_while_starting_ends_at_once_with_the_reason() {
    let _serial = serial();
    let (id, _) = start_with_a_silent_source("stopped-starting");
    let stopped = std::time::Instant::now();
    let r = stop(&id, "t-admin");
    assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["status"], "ending");
    let meta = wait_for_status(&id, "failed", "t-admin", Duration::from_secs(8));
    assert!(
        stopped.elapsed() < Duration::from_secs(6),
        "{:?}",
        stopped.elapsed()
    );
    let error = meta["error"].as_str().unwrap_or_default();
    assert!(error.contains("stopped while starting"), "{error}");
}

/// A participant given by URI: a media file is decoded into the meeting
/// (paced by the clock) next to a synthetic one, and both are in the file.
#[test]
fn a_participant_from_a_uri_is_recorded() {
    let _serial = serial();
    let s = server();
    // The participant's media: 6 s of a red picture and a tone, in WebM.
    let clip = std::env::temp_dir().join(format!("meetrec-uri-{}.webm", std::process::id()));
    let p = gst::parse::launch(&format!(
        "webmmux name=m ! filesink location={} \
         videotestsrc num-buffers=90 pattern=red ! capsfilter caps=\"video/x-raw,width=320,height=240,framerate=15/1\" ! vp8enc deadline=1 ! m. \
         audiotestsrc num-buffers=280 ! opusenc ! m.",
        clip.display()
    ))
    .unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let bus = p.bus().unwrap();
    for msg in bus.iter_timed(gst::ClockTime::from_seconds(30)) {
        match msg.view() {
            gst::MessageView::Eos(..) => break,
            gst::MessageView::Error(e) => panic!("{}", e.error()),
            _ => {}
        }
    }
    p.set_state(gst::State::Null).unwrap();

    room("uri-room", true, RecordingAccess::AdminModeratorSpeaker);
    let uri = gst::glib::filename_to_uri(&clip, None).unwrap();
    let body = json!({
        "roomId": "uri-room",
        "quality": "low",
        "participants": [{"name": "Ada"}, {"name": "Red file", "uri": uri.as_str()}],
    });
    let r = call(
        "POST",
        "/api/v1/recordings",
        Some("t-admin"),
        Some(body),
        &[],
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let id = r.json()["recordingId"].as_str().unwrap().to_string();
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(stop(&id, "t-admin").status, 202);
    // (This failed once in CI without saying why: the wait says what it saw.)
    let meta = wait_for_status(&id, "complete", "t-admin", Duration::from_secs(30));
    let names: Vec<&str> = meta["meetrec"]["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Ada") && names.contains(&"Red file"),
        "{names:?}"
    );
    // Paced by the clock: about the 3 s it ran, not the file's 6 s at once.
    let found = discover(&s.service.catalog.get(&id).unwrap().media);
    assert!(
        (2.0..5.0).contains(&found.duration_s),
        "{}",
        found.duration_s
    );
    assert_eq!(
        found.video.as_ref().map(|v| v.0.as_str()),
        Some("video/x-vp8")
    );
    let _ = std::fs::remove_file(&clip);
}

/// The configuration file as the module documentation shows it, and the
/// mistakes an operator makes get a clear error, not a default.
#[test]
fn the_documented_config_file_parses_and_typos_are_refused() {
    // The `service.json` block of the crate's documentation, as written.
    let doc: String = include_str!("../lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .skip_while(|l| l.trim() != "```json")
        .skip(1)
        .take_while(|l| l.trim() != "```")
        .collect::<Vec<_>>()
        .join("\n");
    let c: Config = serde_json::from_str(&doc).unwrap_or_else(|e| panic!("{e}: {doc}"));
    assert_eq!(c.listen, "127.0.0.1:8080");
    assert_eq!(c.recordings_dir, PathBuf::from("recordings"));
    assert_eq!(c.tokens["t-mod"].role, Role::Moderator);
    assert!(c.tokens["t-mod"].member("standup") && !c.tokens["t-mod"].member("retro"));
    assert!(c.tokens["t-spk"].member("retro"));
    assert!(c.tokens["t-admin"].member("anything"));
    for bad in [
        r#"{"recordingsDir": "r", "shareSecret": "s", "tokens": {"t": {"role": "owner"}}}"#,
        r#"{"recordingsDir": "r", "shareSecret": "s", "tokens": {}, "sharesecret": "x"}"#,
        r#"{"recordingsDir": "r", "tokens": {}}"#,
    ] {
        assert!(serde_json::from_str::<Config>(bad).is_err(), "{bad}");
    }
}

/// A recording's audio alone through the API: Ogg Opus for an Opus
/// recording, as an attachment, as long as the recording; 404 for an
/// unknown id, 401 without a token, 403 for a caller without access.
#[test]
fn the_audio_of_a_recording_downloads_on_its_own() {
    let _serial = serial();
    let s = server();
    room("audio-room", true, RecordingAccess::AdminModerator);
    let media = s.service.catalog.dir().join("audio-room-talk.webm");
    let p = gst::parse::launch(&format!(
        "meetingrecorder name=r room=audio-room quality=low location={} \
         videotestsrc num-buffers=48 ! video/x-raw,framerate=24/1 ! r.video_0 \
         audiotestsrc num-buffers=100 ! audio/x-raw,rate=48000,channels=1 ! r.audio_0",
        media.display()
    ))
    .unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let msg = p
        .bus()
        .unwrap()
        .timed_pop_filtered(
            gst::ClockTime::from_seconds(60),
            &[gst::MessageType::Eos, gst::MessageType::Error],
        )
        .unwrap();
    p.set_state(gst::State::Null).unwrap();
    assert!(matches!(msg.view(), gst::MessageView::Eos(_)), "{msg:?}");
    let id = gstmeetrec::metadata::Recording::read(&media).unwrap().id;

    let r = get(&format!("/api/v1/recordings/{id}/audio"), "t-admin");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), "audio/ogg");
    assert_eq!(
        r.header("content-disposition"),
        "attachment; filename=\"audio-room-talk.opus\""
    );
    assert!(r.body.starts_with(b"OggS"), "an Ogg file");
    let out = s.service.catalog.dir().join("downloaded.ogg");
    std::fs::write(&out, &r.body).unwrap();
    let (got, recorded) = (discover(&out), discover(&media));
    let _ = std::fs::remove_file(&out);
    assert_eq!(
        got.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/x-opus")
    );
    assert!(got.video.is_none());
    assert!((got.duration_s - recorded.duration_s).abs() < 0.1);

    assert_eq!(
        get("/api/v1/recordings/nope-1/audio", "t-admin").status,
        404
    );
    assert_eq!(
        call(
            "GET",
            &format!("/api/v1/recordings/{id}/audio"),
            None,
            None,
            &[]
        )
        .status,
        401
    );
    assert_eq!(
        get(&format!("/api/v1/recordings/{id}/audio"), "t-spk").status,
        403
    );
}

/// Nothing a client receives names a path on the server: a recording's file
/// is given by name (it is fetched by id).
#[test]
fn clients_never_see_server_paths() {
    let s = server();
    room("paths", true, RecordingAccess::AdminModeratorSpeaker);
    seed("paths", "pa-1", Status::Stopped, 1_700_000_000);
    let dir = s.service.catalog.dir().to_string_lossy().to_string();
    for path in ["/api/v1/recordings?roomId=paths", "/api/v1/recordings/pa-1"] {
        let r = get(path, "t-admin");
        assert_eq!(r.status, 200);
        let text = String::from_utf8_lossy(&r.body);
        assert!(!text.contains(&dir), "{path}: {text}");
    }
    let one = get("/api/v1/recordings/pa-1", "t-admin").json();
    assert_eq!(one["filename"], "paths-pa-1.webm");
    assert_eq!(one["meetrec"]["file"]["path"], "paths-pa-1.webm");
    // On disk the metadata keeps where the file is.
    assert!(
        s.service
            .catalog
            .get("pa-1")
            .unwrap()
            .recording
            .file
            .path
            .starts_with(&dir)
    );
}

/// Recordings a crash left in progress are finished before the service
/// serves: remuxed, marked stopped and recovered.
#[test]
fn a_crashed_recording_is_recovered_at_start_up() {
    let _serial = serial();
    init();
    // A directory of its own (fresh_dir() would empty the shared server's).
    let dir = std::env::temp_dir()
        .join("meetrec-service-tests")
        .join(format!("{}-crashed", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let media = dir.join("crashed.webm");
    let p = gst::parse::launch(&format!(
        "videotestsrc num-buffers=30 ! video/x-raw,framerate=30/1 ! vp8enc deadline=1 ! \
         webmmux ! filesink location={}",
        media.display()
    ))
    .unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let _ = p.bus().unwrap().timed_pop_filtered(
        gst::ClockTime::from_seconds(30),
        &[gst::MessageType::Eos, gst::MessageType::Error],
    );
    p.set_state(gst::State::Null).unwrap();
    // Its writer is gone: a process that has ended.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let size = std::fs::metadata(&media).unwrap().len();
    Recording {
        writer_pid: Some(pid),
        ..recording("crashed-1", Status::Recording, &media, size)
    }
    .write()
    .unwrap();
    let config = Config {
        listen: "127.0.0.1:0".into(),
        recordings_dir: dir.clone(),
        public_url: None,
        share_secret: SECRET.into(),
        tokens: HashMap::new(),
        api_keys: Vec::new(),
        webhook: None,
        start_timeout: config::default_start_timeout(),
        database: None,
        node_id: None,
        media_store: None,
        chunk_seconds: 1,
    };
    let service = Service::new(config, "http://127.0.0.1".into()).unwrap();
    let r = service.catalog.get("crashed-1").unwrap().recording;
    assert_eq!(r.status, Status::Stopped);
    assert!(r.recovered);
    assert!(
        (r.duration_ms as i64 - 1000).abs() <= 50,
        "{} ms",
        r.duration_ms
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// 50 clients listing, fetching media ranges and sharing for a minute while
/// two recordings run, all on 127.0.0.1: no error responses, latencies
/// printed (p50, p99, max), the two recordings intact. `MEETREC_LOAD_SECONDS`
/// shortens or lengthens it.
#[test]
fn fifty_clients_for_a_minute_while_two_recordings_run() {
    let _serial = serial();
    let s = server();
    let seconds: u64 = std::env::var("MEETREC_LOAD_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    room("load", true, RecordingAccess::AdminModeratorSpeaker);
    let bytes = seed("load", "load-1", Status::Stopped, 1_800_000_100);
    seed("load", "load-2", Status::Stopped, 1_800_000_101);
    let mut running = Vec::new();
    for r in ["load-a", "load-b"] {
        let c = call(
            "POST",
            "/api/v1/rooms",
            Some("t-admin"),
            Some(json!({"roomId": r})),
            &[],
        );
        assert_eq!(c.status, 201, "{}", String::from_utf8_lossy(&c.body));
        let c = call(
            "POST",
            "/api/v1/recordings",
            Some("t-mod"),
            Some(json!({"roomId": r, "quality": "low"})),
            &[],
        );
        assert_eq!(c.status, 201, "{}", String::from_utf8_lossy(&c.body));
        running.push(c.json()["recordingId"].as_str().unwrap().to_string());
    }
    let share = get("/api/v1/recordings/load-1/url?expiresIn=3600", "t-admin").json()["url"]
        .as_str()
        .unwrap()
        .to_string();
    let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
    let clients: Vec<_> = (0..50)
        .map(|c| {
            let (share, running, want) = (share.clone(), running.clone(), bytes.clone());
            std::thread::spawn(move || {
                let mut took = Vec::new();
                let mut bad = Vec::new();
                let mut n = c;
                while std::time::Instant::now() < deadline {
                    let from = (n * 997) % (want.len() - 1000);
                    let range = format!("bytes={from}-{}", from + 999);
                    let t = std::time::Instant::now();
                    let (what, r) = match n % 5 {
                        0 => ("list", get("/api/v1/recordings?roomId=load", "t-spk")),
                        1 => (
                            "in progress",
                            get(&format!("/api/v1/recordings/{}", running[n % 2]), "t-mod"),
                        ),
                        2 => (
                            "range",
                            call(
                                "GET",
                                "/api/v1/recordings/load-1/media",
                                Some("t-spk"),
                                None,
                                &[("Range", &range)],
                            ),
                        ),
                        3 => ("share", get("/api/v1/recordings/load-2/url", "t-admin")),
                        _ => (
                            "shared range",
                            call("GET", &share, None, None, &[("Range", &range)]),
                        ),
                    };
                    took.push(t.elapsed());
                    let ok = match what {
                        "range" | "shared range" => {
                            r.status == 206 && r.body == want[from..from + 1000]
                        }
                        _ => r.status == 200,
                    };
                    if !ok {
                        bad.push(format!("{what}: {}", r.status));
                    }
                    n += 1;
                }
                (took, bad)
            })
        })
        .collect();
    let mut took = Vec::new();
    let mut bad = Vec::new();
    for c in clients {
        let (t, b) = c.join().unwrap();
        took.extend(t);
        bad.extend(b);
    }
    took.sort();
    let at = |q: f64| took[((took.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    eprintln!(
        "load: {} requests from 50 clients in {seconds} s ({:.0}/s) while 2 recordings ran: \
         p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} bad",
        took.len(),
        took.len() as f64 / seconds as f64,
        at(0.5),
        at(0.99),
        at(1.0),
        bad.len()
    );
    assert!(
        bad.is_empty(),
        "{} bad responses, e.g. {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
    assert!(took.len() as u64 >= 50 * seconds, "{} requests", took.len());
    // The recordings went on meanwhile: stopped, whole and playable.
    for id in &running {
        let r = stop(id, "t-mod");
        assert_eq!(r.status, 202, "{}", String::from_utf8_lossy(&r.body));
    }
    for id in &running {
        wait_for_status(id, "complete", "t-mod", Duration::from_secs(30));
        let media = s.service.catalog.get(id).unwrap().media;
        let found = discover(&media);
        assert!(
            found.duration_s >= seconds as f64 * 0.9,
            "{id}: {} s of a {seconds} s meeting",
            found.duration_s
        );
        assert!(found.video.is_some() && found.audio.is_some(), "{id}");
    }
}

mod console;
mod openvidu;
