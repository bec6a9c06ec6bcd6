// SPDX-License-Identifier: MPL-2.0
//! A deadline for a test that runs a pipeline: past it, every thread's
//! backtrace is printed (gdb attached to this process) and the test binary
//! aborts, so a hang is a diagnosed failure in CI, never a CI timeout.

use std::sync::mpsc;
use std::time::Duration;

/// How long a pipeline test may run: `MEETREC_TEST_DEADLINE_S`, else 240 s
/// (the longest test, the live outputs' stalled server, takes about 75 s on
/// a loaded 2-core machine).
pub fn deadline() -> Duration {
    seconds_from_env("MEETREC_TEST_DEADLINE_S", 240)
}

/// Armed while it lives; dropping it (the test ended, passed or failed)
/// disarms it.
pub struct Watchdog {
    _disarm: mpsc::Sender<()>,
}

/// How long one test binary may run in all: `MEETREC_TEST_BINARY_DEADLINE_S`,
/// else 1200 s. The backstop for tests that take no [`super::serial`] turn.
pub fn binary_deadline() -> Duration {
    seconds_from_env("MEETREC_TEST_BINARY_DEADLINE_S", 1200)
}

fn seconds_from_env(name: &str, default: u64) -> Duration {
    let s = std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    Duration::from_secs(s)
}

impl Watchdog {
    /// A deadline for the calling test (named after its thread).
    pub fn arm(limit: Duration) -> Watchdog {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        Watchdog::arm_named(test, limit)
    }

    /// A deadline for `what`.
    pub fn arm_named(what: String, limit: Duration) -> Watchdog {
        let test = what;
        let (tx, rx) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(limit) {
                fire(&test, limit);
            }
        });
        Watchdog { _disarm: tx }
    }
}

fn fire(test: &str, limit: Duration) -> ! {
    eprintln!(
        "WATCHDOG: {test} still running after {} s; every thread's backtrace follows",
        limit.as_secs()
    );
    let pid = std::process::id().to_string();
    match std::process::Command::new("gdb")
        .args(["-batch", "-nx", "-p", &pid, "-ex", "thread apply all bt"])
        .stdin(std::process::Stdio::null())
        .output()
    {
        Ok(out) => eprintln!("{}", String::from_utf8_lossy(&out.stdout)),
        Err(e) => eprintln!("WATCHDOG: no backtrace (gdb: {e}; scripts/deps.sh installs it)"),
    }
    eprintln!("WATCHDOG: {test} hung; aborting the test binary");
    std::process::abort()
}
