// SPDX-License-Identifier: MPL-2.0
//! The console in a real browser: headless Chromium driven through
//! chromedriver (WebDriver) against the service on 127.0.0.1, as a person
//! would use it. Takes the README's screenshot.

use super::*;
use fantoccini::{Client, ClientBuilder, Locator};

/// A chromedriver on 127.0.0.1, stopped when dropped.
struct Chromedriver {
    child: std::process::Child,
    url: String,
}

impl Chromedriver {
    /// `None` (and the caller says SKIPPED) when chromium or chromedriver is
    /// not installed; `scripts/deps.sh` installs both.
    fn start() -> Option<Chromedriver> {
        let have = |bin: &str| {
            std::process::Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if !have("chromedriver") || !have("chromium") {
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Chromedriver) -> Client {
    let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                     "--force-color-profile=srgb"]
        }
    }))
    .unwrap();
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session in headless Chromium")
}

/// Polls `expr` (a JavaScript expression) in the page until it is truthy;
/// returns its value.
async fn until(c: &Client, what: &str, expr: &str, limit: Duration) -> Value {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let v = c
            .execute(&format!("return ({expr});"), vec![])
            .await
            .unwrap_or(Value::Null);
        if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
            return v;
        }
        if std::time::Instant::now() > deadline {
            let page = c
                .execute(
                    "return document.querySelector('#message')?.textContent + ' | ' + document.body.innerText.slice(0, 800)",
                    vec![],
                )
                .await
                .unwrap_or_default();
            panic!("never {what} ({expr}); the page shows: {page}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn sign_in(c: &Client, kind: &str, secret: &str) {
    c.goto(&server().base).await.unwrap();
    c.execute("sessionStorage.clear();", vec![]).await.unwrap();
    c.goto(&server().base).await.unwrap();
    until(
        c,
        "the sign-in form",
        "!document.querySelector('#sign-in').hidden",
        Duration::from_secs(10),
    )
    .await;
    c.execute(
        "document.querySelector('#credential-kind').value = arguments[0];",
        vec![json!(kind)],
    )
    .await
    .unwrap();
    c.find(Locator::Css("#credential"))
        .await
        .unwrap()
        .send_keys(secret)
        .await
        .unwrap();
    click(c, "#sign-in-button").await;
    until(
        c,
        "signed in",
        "!document.querySelector('#console').hidden",
        Duration::from_secs(10),
    )
    .await;
}

/// Shows one room's recordings.
async fn show_room(c: &Client, room: &str) {
    let input = c.find(Locator::Css("#room")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(room).await.unwrap();
    click(c, "#filter button").await;
}

/// The CSS selector of recording `id`'s card (ids are `[A-Za-z0-9._-]`, so
/// it goes into a quoted JavaScript string as it is).
fn card(id: &str) -> String {
    format!("li[data-id=\"{id}\"]")
}

/// A real, playable WebM: 2 s of green then 4 s of red (so a frame from
/// the middle is red), VP8 + Opus, with its metadata, in `room`.
fn playable(room: &str, id: &str, started: SystemTime) {
    init();
    let media = server()
        .service
        .catalog
        .dir()
        .join(format!("{room}-{id}.webm"));
    let p = gst::parse::launch(&format!(
        "webmmux name=m ! filesink location={} \
         concat name=c ! videoconvert ! vp8enc deadline=1 keyframe-max-dist=15 ! m. \
         videotestsrc num-buffers=30 pattern=green ! video/x-raw,width=320,height=240,framerate=15/1 ! c. \
         videotestsrc num-buffers=60 pattern=red ! video/x-raw,width=320,height=240,framerate=15/1 ! c. \
         audiotestsrc num-buffers=300 samplesperbuffer=960 ! audio/x-raw,rate=48000 ! opusenc ! m.",
        media.display()
    ))
    .unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let bus = p.bus().unwrap();
    let msg = bus
        .timed_pop_filtered(
            gst::ClockTime::from_seconds(30),
            &[gst::MessageType::Eos, gst::MessageType::Error],
        )
        .expect("the clip is made");
    assert!(matches!(msg.view(), gst::MessageView::Eos(_)), "{msg:?}");
    p.set_state(gst::State::Null).unwrap();
    let size = std::fs::metadata(&media).unwrap().len();
    let mut r = recording(id, Status::Stopped, &media, size);
    r.room = room.into();
    r.started_at = metadata::rfc3339(started);
    r.ended_at = Some(metadata::rfc3339(started + Duration::from_secs(6)));
    r.duration_ms = 6000;
    r.participants = vec![metadata::Participant {
        id: "p0".into(),
        name: "Ada Lovelace".into(),
        joined_ms: 0,
        left_ms: None,
    }];
    r.write().unwrap();
}

/// Where the test leaves its screenshots: `target/console-*.png` (the
/// README's copy is `docs/console.png`, taken from here).
fn screenshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target")
        .join(format!("console-{name}.png"))
}

#[test]
fn the_console_in_a_real_browser() {
    let _serial = serial();
    let Some(driver) = Chromedriver::start() else {
        println!(
            "SKIPPED the_console_in_a_real_browser: chromium and chromedriver are not installed \
             (scripts/deps.sh installs them)"
        );
        return;
    };
    let s = server();
    room("console", true, RecordingAccess::AdminModeratorSpeaker);
    room("console-live", true, RecordingAccess::AdminModeratorSpeaker);
    let now = SystemTime::now();
    playable("console", "cw-old", now - Duration::from_secs(7200));
    playable("console", "cw-play", now - Duration::from_secs(3600));
    playable("console", "cw-gone", now - Duration::from_secs(60));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver).await;

        // A wrong key: a clear 401 message, still signed out.
        c.goto(&s.base).await.unwrap();
        until(&c, "the sign-in form", "document.querySelector('#credential')", Duration::from_secs(10)).await;
        c.execute("document.querySelector('#credential-kind').value = 'key';", vec![]).await.unwrap();
        c.find(Locator::Css("#credential")).await.unwrap().send_keys("wrong").await.unwrap();
        click(&c, "#sign-in-button").await;
        let m = until(&c, "a 401 message", "document.querySelector('#message:not([hidden])')?.textContent", Duration::from_secs(10)).await;
        assert!(m.as_str().unwrap().contains("401"), "{m}");

        // Admin (API key): the room's recordings, newest first, with their
        // details and a poster frame.
        sign_in(&c, "key", API_KEY).await;
        // An admin sees the fleet's nodes: here, this one node.
        let node = until(&c, "the nodes panel", "!document.querySelector('#nodes').hidden && document.querySelector('#node-rows tr')?.dataset.node", Duration::from_secs(10)).await;
        assert_eq!(node, json!("test-node"));
        show_room(&c, "console").await;
        until(&c, "three cards", "document.querySelectorAll('#recordings li').length === 3", Duration::from_secs(10)).await;
        let order = c
            .execute("return [...document.querySelectorAll('#recordings li')].map(li => li.dataset.id)", vec![])
            .await
            .unwrap();
        assert_eq!(order, json!(["cw-gone", "cw-play", "cw-old"]));
        let text = c.find(Locator::Css(&card("cw-play"))).await.unwrap().text().await.unwrap();
        for want in ["console", "complete", "0:06", "Ada Lovelace", "Play", "Delete"] {
            assert!(text.contains(want), "{want} not in {text:?}");
        }
        until(&c, "poster frames", "[...document.querySelectorAll('.poster video')].every(v => v.readyState >= 2)", Duration::from_secs(20)).await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(screenshot_path("desktop"), &shot).unwrap();

        // Play, seek to the middle: the time lands there and the frame
        // shown is the red half.
        click(&c, &format!("{} .play", card("cw-play"))).await;
        until(&c, "the player", "document.querySelector('#video').readyState >= 1", Duration::from_secs(20)).await;
        let seen = c
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   const v = document.querySelector('#video');
                   v.pause();
                   v.addEventListener('seeked', () => {
                     const c = document.createElement('canvas');
                     c.width = v.videoWidth; c.height = v.videoHeight;
                     const g = c.getContext('2d');
                     g.drawImage(v, 0, 0);
                     const p = g.getImageData(c.width / 2, c.height / 2, 1, 1).data;
                     done([v.currentTime, v.duration, v.videoWidth, p[0], p[1], p[2]]);
                   }, { once: true });
                   v.currentTime = v.duration / 2;"#,
                vec![],
            )
            .await
            .unwrap();
        let f = |i: usize| seen[i].as_f64().unwrap();
        assert!((f(1) - 6.0).abs() < 0.3, "duration {seen}");
        assert!((f(0) - f(1) / 2.0).abs() < 0.2, "currentTime {seen}");
        assert_eq!(f(2), 320.0, "{seen}");
        assert!(f(3) > 180.0 && f(4) < 70.0 && f(5) < 70.0, "the middle frame is not red: {seen}");
        click(&c, "#player-close").await;

        // Share: a link that plays without signing in; an expired one does not.
        click(&c, &format!("{} .share", card("cw-play"))).await;
        let url = until(&c, "a share link", &format!("document.querySelector('{} .share-url').value", card("cw-play")), Duration::from_secs(10)).await;
        let url = url.as_str().unwrap().to_string();
        assert!(url.contains("recordingSecret="), "{url}");
        // A fresh browser session holds no credential at all.
        let anon = browser(&driver).await;
        anon.goto(&url).await.unwrap();
        let shown = until(&anon, "the shared video", "(() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && v.duration; })()", Duration::from_secs(20)).await;
        assert!((shown.as_f64().unwrap() - 6.0).abs() < 0.3, "{shown}");
        let expired = share::token(SECRET.as_bytes(), "cw-play", SystemTime::now() - Duration::from_secs(1));
        anon.goto(&format!("{}/api/v1/recordings/cw-play/media?recordingSecret={expired}", s.base)).await.unwrap();
        let body = until(&anon, "an answer", "document.body && document.body.innerText", Duration::from_secs(10)).await;
        assert!(body.as_str().unwrap().contains("expired"), "{body}");
        assert_eq!(anon.execute("return document.querySelectorAll('video').length", vec![]).await.unwrap(), json!(0));
        anon.close().await.unwrap();

        // A speaker: no delete button, and deleting anyway is refused.
        sign_in(&c, "token", "t-spk").await;
        // A speaker does not see the nodes.
        until(&c, "no nodes panel", "document.querySelector('#nodes').hidden", Duration::from_secs(10)).await;
        show_room(&c, "console").await;
        until(&c, "the cards", "document.querySelectorAll('#recordings li').length === 3", Duration::from_secs(10)).await;
        assert_eq!(
            c.execute("return document.querySelectorAll('#recordings .delete').length", vec![]).await.unwrap(),
            json!(0)
        );
        let forced = c
            .execute_async(
                "const done = arguments[0]; fetch('/api/v1/recordings/cw-gone', {method: 'DELETE', headers: {Authorization: 'Bearer t-spk'}}).then(r => done(r.status));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(forced, json!(403));
        assert_eq!(get("/api/v1/recordings/cw-gone", "t-admin").status, 200);

        // A moderator deletes one (two clicks: delete, confirm).
        sign_in(&c, "token", "t-mod").await;
        show_room(&c, "console").await;
        until(&c, "the cards", "document.querySelectorAll('#recordings li').length === 3", Duration::from_secs(10)).await;
        let del = format!("{} .delete", card("cw-gone"));
        click(&c, &del).await;
        click(&c, &del).await;
        until(&c, "the card gone", &format!("!document.querySelector('{}')", card("cw-gone")), Duration::from_secs(10)).await;
        assert_eq!(get("/api/v1/recordings/cw-gone", "t-admin").status, 404);

        // Start and stop from the page: live indicator while it runs, then a
        // new playable recording in the list.
        show_room(&c, "console-live").await;
        until(&c, "the start button", "!document.querySelector('#start-form').hidden", Duration::from_secs(10)).await;
        click(&c, "#start").await;
        let id = until(&c, "a recording in progress", "document.querySelector('#recordings li.in-progress')?.dataset.id", Duration::from_secs(20)).await;
        let id = id.as_str().unwrap().to_string();
        until(&c, "the live indicator", "!document.querySelector('#live-indicator').hidden", Duration::from_secs(10)).await;
        until(&c, "active", &format!("document.querySelector('{}').dataset.status === 'active'", card(&id)), Duration::from_secs(20)).await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(screenshot_path("recording"), &shot).unwrap();
        std::thread::sleep(Duration::from_secs(2));
        // Pause and resume from the page: the card says so; the paused
        // stretch is cut out of the file (see below).
        click(&c, &format!("{} .pause", card(&id))).await;
        until(&c, "paused", &format!("document.querySelector('{}').dataset.paused === '1' && document.querySelector('{} .status').textContent === 'paused'", card(&id), card(&id)), Duration::from_secs(10)).await;
        std::thread::sleep(Duration::from_secs(2));
        click(&c, &format!("{} .pause", card(&id))).await;
        until(&c, "resumed", &format!("document.querySelector('{}').dataset.paused === ''", card(&id)), Duration::from_secs(10)).await;
        std::thread::sleep(Duration::from_secs(2));
        click(&c, &format!("{} .stop", card(&id))).await;
        until(&c, "complete", &format!("document.querySelector('{}')?.dataset.status === 'complete'", card(&id)), Duration::from_secs(40)).await;
        assert!(c.execute("return document.querySelector('#live-indicator').hidden", vec![]).await.unwrap() == json!(true));
        click(&c, &format!("{} .play", card(&id))).await;
        let d = until(&c, "the new recording playing", "(() => { const v = document.querySelector('#video'); return v.readyState >= 2 && v.duration; })()", Duration::from_secs(20)).await;
        assert!(d.as_f64().unwrap() > 2.0, "{d}");
        // The README's picture: the new recording in the player, 2 s in.
        c.execute_async(
            "const done = arguments[0]; const v = document.querySelector('#video'); v.pause(); \
             v.addEventListener('seeked', () => done(true), { once: true }); v.currentTime = 2;",
            vec![],
        )
        .await
        .unwrap();
        c.set_window_size(1280, 1500).await.unwrap();
        c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        until(&c, "posters", "[...document.querySelectorAll('.poster video')].every(v => v.readyState >= 2)", Duration::from_secs(20)).await;
        let shot = c.screenshot().await.unwrap();
        std::fs::write(screenshot_path("readme"), &shot).unwrap();
        c.set_window_size(1280, 900).await.unwrap();
        let done = get(&format!("/api/v1/recordings/{id}"), "t-admin").json();
        assert_eq!(done["status"], "complete");
        // One pause of about 2 s, cut out: what is recorded is the wall
        // time from start to stop less the pause.
        let pauses = done["meetrec"]["pauses"].as_array().unwrap();
        assert_eq!(pauses.len(), 1, "{done:#}");
        let ms = |v: &Value| gstmeetrec::catalog::openvidu::epoch_ms(v.as_str().unwrap()) as f64 / 1000.0;
        let paused = ms(&pauses[0]["endedAt"]) - ms(&pauses[0]["startedAt"]);
        assert!(paused >= 1.8, "paused {paused} s");
        let wall = (done["endDate"].as_u64().unwrap() - done["startDate"].as_u64().unwrap()) as f64 / 1000.0;
        let recorded = done["duration"].as_f64().unwrap();
        assert!(
            (wall - paused - recorded).abs() < 0.6,
            "{recorded} s recorded of {wall} s with {paused} s paused"
        );
        c.execute("document.querySelector('#player-close').click()", vec![]).await.unwrap();

        // Dark, and a phone's width: nothing wider than the screen.
        sign_in(&c, "key", API_KEY).await;
        show_room(&c, "console").await;
        until(&c, "the cards", "document.querySelectorAll('#recordings li').length === 2", Duration::from_secs(10)).await;
        click(&c, "#theme").await;
        let bg = c.execute("return getComputedStyle(document.body).backgroundColor", vec![]).await.unwrap();
        assert_eq!(bg, json!("rgb(17, 20, 24)"), "dark theme");
        c.set_window_size(390, 844).await.unwrap();
        until(&c, "posters", "[...document.querySelectorAll('.poster video')].every(v => v.readyState >= 2)", Duration::from_secs(20)).await;
        let fits = c
            .execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![])
            .await
            .unwrap();
        assert_eq!(fits, json!(true), "wider than a phone");
        let shot = c.screenshot().await.unwrap();
        std::fs::write(screenshot_path("phone-dark"), &shot).unwrap();
        c.close().await.unwrap();
    });
}
