// SPDX-License-Identifier: MPL-2.0
//! The built plugin as gst-inspect-1.0 and gst-launch-1.0 users load it: from
//! the shared library, through GStreamer's registry (the other tests register
//! it statically, which would not notice a plugin GStreamer refuses to load).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A directory holding only this build's libgstmeetrec.so, and a registry
/// file of its own.
fn plugin_dir() -> PathBuf {
    let so = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .join("libgstmeetrec.so");
    assert!(so.exists(), "{} not built", so.display());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("plugin-load");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("plugins")).unwrap();
    std::os::unix::fs::symlink(&so, dir.join("plugins/libgstmeetrec.so")).unwrap();
    dir
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env("GST_PLUGIN_PATH", dir.join("plugins"))
        .env("GST_REGISTRY", dir.join("registry.bin"))
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

#[test]
fn gst_inspect_and_gst_launch_load_the_built_plugin() {
    let dir = plugin_dir();
    let out = run(&dir, "gst-inspect-1.0", &["meetrec"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for element in ["layoutcompositor", "bitratepolicy", "meetingrecorder"] {
        assert!(text.contains(element), "{element} missing: {text}");
    }
    assert!(text.contains("Unknown package origin"), "{text}");

    // A recording from gst-launch-1.0 (one second, two participants).
    let out = run(
        &dir,
        "gst-launch-1.0",
        &[
            "-e",
            "meetingrecorder",
            "name=r",
            "location=out.webm",
            "videotestsrc",
            "num-buffers=30",
            "!",
            "video/x-raw,framerate=30/1",
            "!",
            "r.video_0",
            "audiotestsrc",
            "num-buffers=47",
            "!",
            "r.audio_0",
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(dir.join("out.webm")).unwrap().len() > 1000);
    assert!(dir.join("out.webm.json").exists());

    // A recording that cannot be made: gst-launch says why and stops.
    let out = run(
        &dir,
        "gst-launch-1.0",
        &[
            "meetingrecorder",
            "container=webm",
            "video-codec=h264",
            "location=bad.webm",
            "name=r",
            "videotestsrc",
            "is-live=true",
            "!",
            "r.video_0",
        ],
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("ERROR") && said.contains("H.264"), "{said}");
}
