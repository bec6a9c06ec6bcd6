// SPDX-License-Identifier: MPL-2.0
//! The recordings API against OpenVidu Meet's published description: the
//! listing options as its clients use them, and the generated document
//! compared with theirs (operations, parameters, statuses, the recording
//! object).

use super::*;

#[test]
fn listings_filter_sort_and_select_fields_as_openvidu_meet_clients_ask() {
    for r in ["team-alpha", "team-beta", "Team-Gamma", "ops"] {
        room(r, true, RecordingAccess::AdminModeratorSpeaker);
    }
    seed("team-alpha", "ta-1", Status::Stopped, 1_800_100_001);
    seed("team-beta", "tb-1", Status::Stopped, 1_800_100_002);
    seed("Team-Gamma", "tg-1", Status::Stopped, 1_800_100_003);
    seed("ops", "op-1", Status::Stopped, 1_800_100_004);
    let list = |q: &str| {
        let r = get(&format!("/api/v1/recordings?maxItems=100&{q}"), "t-admin");
        assert_eq!(r.status, 200, "{q}: {}", String::from_utf8_lossy(&r.body));
        ids_of(&r.json())
    };
    assert_eq!(list("roomName=team-alpha"), ["ta-1"]);
    assert_eq!(
        list("roomName=team&roomNameMatchMode=prefix"),
        ["tb-1", "ta-1"]
    );
    assert_eq!(
        list("roomName=team&roomNameMatchMode=prefix&roomNameCaseInsensitive=true"),
        ["tg-1", "tb-1", "ta-1"]
    );
    assert_eq!(
        list("roomName=AM-&roomNameMatchMode=partial&roomNameCaseInsensitive=true"),
        ["tg-1", "tb-1", "ta-1"]
    );
    assert_eq!(
        list("roomName=%5E(ops%7Cteam-beta)%24&roomNameMatchMode=regex"),
        ["op-1", "tb-1"]
    );
    // Sorted by room name, both ways; by start date oldest first.
    assert_eq!(
        list(
            "roomName=%5E(ops%7Cteam-.*%7CTeam-.*)%24&roomNameMatchMode=regex&sortField=roomName&sortOrder=asc"
        ),
        ["tg-1", "op-1", "ta-1", "tb-1"]
    );
    assert_eq!(
        list(
            "roomName=%5E(ops%7Cteam-.*%7CTeam-.*)%24&roomNameMatchMode=regex&sortField=roomName&sortOrder=desc"
        ),
        ["tb-1", "ta-1", "op-1", "tg-1"]
    );
    assert_eq!(
        list("roomName=team-&roomNameMatchMode=prefix&sortField=startDate&sortOrder=asc"),
        ["ta-1", "tb-1"]
    );
    // fields and X-Fields: the union, nothing else.
    let r = call(
        "GET",
        "/api/v1/recordings?roomId=ops&fields=recordingId,status",
        Some("t-admin"),
        None,
        &[("X-Fields", "size")],
    );
    assert_eq!(
        r.json()["recordings"],
        json!([{"recordingId": "op-1", "status": "complete", "size": 10_000}])
    );
    let r = call(
        "GET",
        "/api/v1/recordings/op-1",
        Some("t-admin"),
        None,
        &[("X-Fields", "roomId,startDate")],
    );
    assert_eq!(
        r.json(),
        json!({"roomId": "ops", "startDate": 1_800_100_004_000u64})
    );
    // A whole object: OpenVidu Meet's fields, ms dates, seconds.
    let whole = get("/api/v1/recordings/op-1", "t-admin").json();
    for field in [
        "recordingId",
        "roomId",
        "roomName",
        "status",
        "layout",
        "encoding",
        "filename",
        "startDate",
        "endDate",
        "duration",
        "size",
        "errorCode",
        "error",
        "details",
        "meetrec",
    ] {
        assert!(whole.get(field).is_some(), "{field} missing: {whole:#}");
    }
    assert_eq!(whole["duration"], 1.0);
    assert_eq!(whole["layout"], "grid");
}

/// The checker above every test's answers is not a formality: a wrong
/// answer fails it.
#[test]
fn an_answer_off_the_document_fails_the_check() {
    let fake = |status: u16, body: Value| Reply {
        status,
        headers: {
            let mut h = ureq::http::HeaderMap::new();
            h.insert("content-type", "application/json".parse().unwrap());
            h
        },
        body: body.to_string().into_bytes(),
    };
    let fails = |method: &str, path: &str, reply: Reply| {
        std::panic::catch_unwind(|| conforms(method, path, &reply)).is_err()
    };
    // As served: passes.
    assert!(!fails(
        "GET",
        "/api/v1/recordings/x",
        fake(
            404,
            json!({"error": "Recording Error", "message": "Recording \"x\" not found"})
        )
    ));
    // A wrong type, an unknown status value, an undeclared status, a
    // missing error message.
    assert!(fails(
        "GET",
        "/api/v1/recordings/x",
        fake(200, json!({"recordingId": 7}))
    ));
    assert!(fails(
        "GET",
        "/api/v1/recordings/x",
        fake(200, json!({"status": "stopped"}))
    ));
    assert!(fails("GET", "/api/v1/recordings/x", fake(418, json!({}))));
    assert!(fails(
        "GET",
        "/api/v1/recordings/x",
        fake(404, json!({"error": "Recording Error"}))
    ));
    assert!(fails(
        "GET",
        "/api/v1/recordings",
        fake(
            200,
            json!({"recordings": [{"startDate": "2026-01-01"}], "pagination": {}})
        )
    ));
}

/// OpenVidu Meet's published description, read from where the project's
/// reference copy is kept (never copied into the project).
fn reference_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("MEETREC_OPENVIDU_OPENAPI")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            manifest.join("../../shared/reference/openvidu-meet-openapi"),
            PathBuf::from("/work/shared/reference/openvidu-meet-openapi"),
        ])
        .find(|d| d.join("openvidu-meet-api.yaml").is_file())
}

/// A YAML file of the description.
fn load(file: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// `v` with every `$ref` replaced by what it points at (in `root`, the
/// document of `file`, or another file relative to it).
fn resolve(v: &Value, root: &Value, file: &std::path::Path, depth: usize) -> Value {
    assert!(depth < 64, "$ref cycle near {}", file.display());
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let (target, pointer) = r.split_once('#').unwrap_or((r.as_str(), ""));
                let (doc, path) = if target.is_empty() {
                    (root.clone(), file.to_path_buf())
                } else {
                    let path = file.parent().unwrap().join(target);
                    (load(&path), path)
                };
                let found = if pointer.is_empty() {
                    doc.clone()
                } else {
                    doc.pointer(pointer)
                        .unwrap_or_else(|| panic!("{r} in {}", file.display()))
                        .clone()
                };
                return resolve(&found, &doc, &path, depth + 1);
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), resolve(v, root, file, depth + 1)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|v| resolve(v, root, file, depth + 1))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Our document's `$ref`s into components, inlined.
fn inline(v: &Value, doc: &Value) -> Value {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let p = r.trim_start_matches('#');
                return inline(doc.pointer(p).unwrap_or_else(|| panic!("{r}")), doc);
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), inline(v, doc)))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| inline(v, doc)).collect()),
        other => other.clone(),
    }
}

/// A schema's JSON types, `integer` counted as `number`; through `oneOf`
/// with null (how utoipa writes an optional reference).
fn types(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match &schema["type"] {
        Value::String(t) => {
            out.insert(t.clone());
        }
        Value::Array(ts) => out.extend(ts.iter().filter_map(|t| t.as_str().map(String::from))),
        _ => {}
    }
    for branch in schema["oneOf"].as_array().into_iter().flatten() {
        out.extend(types(branch));
    }
    if out.is_empty() && (schema["properties"].is_object() || schema["allOf"].is_array()) {
        out.insert("object".into());
    }
    out.into_iter()
        .map(|t| if t == "integer" { "number".into() } else { t })
        .collect()
}

fn enum_values(schema: &Value) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    for branch in schema["oneOf"].as_array().into_iter().flatten() {
        out.extend(enum_values(branch));
    }
    out
}

/// Statuses OpenVidu Meet declares that meetrec never answers: (operation
/// or "*", status, why).
const NOT_ANSWERED: [(&str, &str, &str); 7] = [
    ("*", "429", "meetrec has no rate limiting"),
    ("*", "503", "meetrec is never in maintenance mode"),
    (
        "*",
        "500",
        "declared where meetrec's handlers can fail inside (start), not on every operation",
    ),
    (
        "getRecordingMedia",
        "409",
        "a recording in progress is served: meetrec's files play as they are written",
    ),
    (
        "downloadRecording",
        "409",
        "a recording in progress is served: meetrec's files play as they are written",
    ),
    (
        "getRecordings",
        "403",
        "a caller is shown what they may see, never refused the list",
    ),
    (
        "*",
        "403",
        "bulk delete and zip download report or skip what the caller may not touch (bulkDeleteRecordings, downloadRecordings)",
    ),
];

#[test]
fn the_recordings_api_is_openvidu_meets_published_one() {
    let Some(dir) = reference_dir() else {
        println!(
            "SKIPPED the_recordings_api_is_openvidu_meets_published_one: OpenVidu Meet's \
             description was not found (set MEETREC_OPENVIDU_OPENAPI to its directory)"
        );
        return;
    };
    // Only the recordings' part is resolved ($refs replaced by what they
    // point at): the reference copy holds the files that part uses.
    let entry = dir.join("openvidu-meet-api.yaml");
    let root = load(&entry);
    let mut theirs = json!({"paths": {}, "components": {"schemas": {}}});
    for (path, item) in root["paths"].as_object().unwrap() {
        if path.starts_with("/recordings") {
            theirs["paths"][path] = resolve(item, &root, &entry, 0);
        }
    }
    theirs["components"]["schemas"]["MeetRecording"] = resolve(
        &root["components"]["schemas"]["MeetRecording"],
        &root,
        &entry,
        0,
    );
    let ours = openapi();
    let mut problems = Vec::new();
    let mut compared = 0;
    for (path, item) in theirs["paths"].as_object().unwrap() {
        if !path.starts_with("/recordings") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default();
            let mine = &ours["paths"][format!("/api/v1{path}")][method];
            if !mine.is_object() {
                problems.push(format!("{method} {path} ({id}): missing"));
                continue;
            }
            compared += 1;
            if mine["operationId"] != op["operationId"] {
                problems.push(format!(
                    "{method} {path}: operationId {} not {id}",
                    mine["operationId"]
                ));
            }
            let my_params: Vec<Value> = mine["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|p| inline(p, ours))
                .collect();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let Some(m) = my_params.iter().find(|m| {
                    m["name"]
                        .as_str()
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && m["in"] == p["in"]
                }) else {
                    problems.push(format!("{id}: parameter {name} ({}) missing", p["in"]));
                    continue;
                };
                let (want, have) = (enum_values(&p["schema"]), enum_values(&m["schema"]));
                if want != have {
                    problems.push(format!(
                        "{id}: {name} takes {have:?}, OpenVidu Meet {want:?}"
                    ));
                }
                let (want, have) = (types(&p["schema"]), types(&m["schema"]));
                if !want.is_empty()
                    && !have.is_empty()
                    && !have.is_subset(&want)
                    && !want.is_subset(&have)
                {
                    problems.push(format!("{id}: {name} is {have:?}, OpenVidu Meet {want:?}"));
                }
            }
            for status in op["responses"].as_object().unwrap().keys() {
                let declared = mine["responses"][status].is_object();
                let excused = NOT_ANSWERED.iter().any(|(op, s, _)| {
                    s == status
                        && (*op == id
                            || (*op == "*"
                                && (*s != "403"
                                    || ["bulkDeleteRecordings", "downloadRecordings"]
                                        .contains(&id))))
                });
                if !declared && !excused {
                    problems.push(format!("{id}: status {status} not declared"));
                }
            }
            for status in mine["responses"].as_object().unwrap().keys() {
                if !op["responses"][status].is_object() {
                    println!("note: {id} also answers {status}");
                }
            }
            if mine["requestBody"].is_object() != op["requestBody"].is_object() {
                problems.push(format!("{id}: request body differs"));
            }
        }
    }
    // The recording object: every field of theirs, of a type theirs takes
    // and, where theirs lists values, only those.
    let their_rec = &theirs["components"]["schemas"]["MeetRecording"];
    let my_rec = inline(&ours["components"]["schemas"]["MeetRecording"], ours);
    for (field, t) in their_rec["properties"].as_object().unwrap() {
        let m = &my_rec["properties"][field];
        if !m.is_object() {
            problems.push(format!("MeetRecording.{field} missing"));
            continue;
        }
        let (want, have) = (types(t), types(m));
        if !have.is_subset(&want) {
            problems.push(format!(
                "MeetRecording.{field}: {have:?}, OpenVidu Meet {want:?}"
            ));
        }
        let (want, have) = (enum_values(t), enum_values(m));
        if !want.is_empty() && !have.is_subset(&want) {
            problems.push(format!(
                "MeetRecording.{field}: values {have:?}, OpenVidu Meet {want:?}"
            ));
        }
    }
    // encoding is the options object: its video and audio fields exist there.
    let their_options = their_rec["properties"]["encoding"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "object")
        .unwrap();
    for part in ["video", "audio"] {
        let theirs = &their_options["properties"][part]["properties"];
        let mine = &my_rec["properties"]["encoding"]["properties"][part];
        let mine = mine["oneOf"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["type"] != "null"))
            .unwrap_or(mine);
        for field in mine["properties"].as_object().unwrap().keys() {
            if !theirs[field].is_object() {
                problems.push(format!("encoding.{part}.{field} is not OpenVidu Meet's"));
            }
        }
        let (want, have) = (
            enum_values(&theirs["codec"]),
            enum_values(&mine["properties"]["codec"]),
        );
        if !have.is_subset(&want) {
            problems.push(format!(
                "encoding.{part}.codec: {have:?}, OpenVidu Meet {want:?}"
            ));
        }
    }
    assert!(compared >= 10, "only {compared} operations compared");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every reference in the served document points at something (a client
/// generator would stop at a dangling one).
#[test]
fn the_served_document_has_no_dangling_references() {
    fn walk(v: &Value, doc: &Value, seen: &mut usize) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    *seen += 1;
                    assert!(
                        doc.pointer(r.trim_start_matches('#')).is_some(),
                        "dangling {r}"
                    );
                }
                map.values().for_each(|v| walk(v, doc, seen));
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, doc, seen)),
            _ => {}
        }
    }
    let doc = openapi();
    let mut seen = 0;
    walk(doc, doc, &mut seen);
    assert!(seen > 20, "{seen} references");
    assert_eq!(doc["openapi"], "3.1.0");
}
