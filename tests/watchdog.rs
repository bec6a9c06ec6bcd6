// SPDX-License-Identifier: MPL-2.0
//! The test harness's watchdog: a test that hangs is aborted past its
//! deadline with every thread's backtrace, instead of holding CI until its
//! time limit.

mod common;

use std::time::{Duration, Instant};

use gst::prelude::*;

/// Hangs on purpose (a live pipeline waited on for an EOS that never
/// comes); only run, as a child process, by the test below.
#[test]
#[ignore = "hangs on purpose: run as a child by a_hung_test_fails_with_every_threads_backtrace"]
fn hangs_on_purpose() {
    if std::env::var_os("MEETREC_WATCHDOG_SELF_TEST").is_none() {
        return;
    }
    common::init();
    let _watchdog = common::watchdog::Watchdog::arm(Duration::from_secs(2));
    let p = gst::parse::launch("videotestsrc is-live=true ! fakesink").unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let _ = p
        .bus()
        .unwrap()
        .timed_pop_filtered(gst::ClockTime::NONE, &[gst::MessageType::Eos]);
}

#[test]
fn a_hung_test_fails_with_every_threads_backtrace() {
    let began = Instant::now();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "hangs_on_purpose", "--ignored", "--nocapture"])
        .env("MEETREC_WATCHDOG_SELF_TEST", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the hung test passed: {err}");
    assert!(
        err.contains("WATCHDOG: hangs_on_purpose still running after 2 s"),
        "{err}"
    );
    // gdb's backtraces: the test's own frame, and the pipeline's streaming
    // thread (Debian's GStreamer has no symbols: it is known by its name).
    assert!(
        err.contains("watchdog::hangs_on_purpose"),
        "no frame of the test: {err}"
    );
    assert!(
        err.contains("\"videotestsrc0:s"),
        "no streaming thread: {err}"
    );
    assert!(
        began.elapsed() < Duration::from_secs(60),
        "{:?}",
        began.elapsed()
    );
}
