// SPDX-License-Identifier: MPL-2.0
//! What a node's recordings cost and how much room it has, measured (Linux
//! `/proc`), not taken from a table: `load` is the CPU cores this process
//! used over the last interval, `headroom` the machine's idle cores.

use std::time::Instant;

/// CPU counters at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// This process's user + system time, in clock ticks.
    process: u64,
    /// The machine's idle (+ iowait) and total time, in ticks of all cores.
    idle: u64,
    total: u64,
    at: Instant,
}

/// The process's user + system ticks from a `/proc/PID/stat` line.
pub fn process_ticks(stat: &str) -> Option<u64> {
    // The command (field 2) is in parentheses and may hold spaces: count
    // from after it. utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// (idle + iowait, total) ticks from `/proc/stat`'s first `cpu` line.
pub fn machine_ticks(stat: &str) -> Option<(u64, u64)> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .take(8)
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    if v.len() < 5 {
        return None;
    }
    Some((v[3] + v[4], v.iter().sum()))
}

impl Sample {
    pub fn now() -> Option<Sample> {
        let process = process_ticks(&std::fs::read_to_string("/proc/self/stat").ok()?)?;
        let (idle, total) = machine_ticks(&std::fs::read_to_string("/proc/stat").ok()?)?;
        Some(Sample {
            process,
            idle,
            total,
            at: Instant::now(),
        })
    }

    /// (load, headroom) in cores between `earlier` and `self`, with `hz`
    /// ticks a second and `cores` CPUs.
    pub fn since(&self, earlier: &Sample, hz: f64, cores: f64) -> (f64, f64) {
        let seconds = self.at.duration_since(earlier.at).as_secs_f64();
        let load = if seconds > 0.0 {
            self.process.saturating_sub(earlier.process) as f64 / hz / seconds
        } else {
            0.0
        };
        let total = self.total.saturating_sub(earlier.total);
        let headroom = if total > 0 {
            self.idle.saturating_sub(earlier.idle) as f64 / total as f64 * cores
        } else {
            cores
        };
        (load, headroom)
    }
}

/// Ticks a second of the `/proc` counters (USER_HZ: 100 on Linux).
pub const HZ: f64 = 100.0;

/// The CPUs this process may use.
pub fn cores() -> f64 {
    std::thread::available_parallelism().map_or(1, |n| n.get()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counters_are_read_from_proc_lines() {
        let stat = "4242 (meetrec service) S 1 4242 4242 0 -1 4194560 2087 0 0 0 \
                    150 35 0 0 20 0 9 0 55211 1000 500";
        assert_eq!(process_ticks(stat), Some(185));
        let machine = "cpu  100 5 50 800 45 0 0 0 0 0\ncpu0 50 2 25 400 20 0 0 0 0 0\n";
        assert_eq!(machine_ticks(machine), Some((845, 1000)));
        assert_eq!(machine_ticks("intr 1 2 3"), None);
    }

    #[test]
    fn load_and_headroom_are_cores_over_the_interval() {
        let t = Instant::now();
        let a = Sample {
            process: 1000,
            idle: 10_000,
            total: 20_000,
            at: t,
        };
        // 2 s later: the process used 50 ticks (0.25 core at 100 Hz), and
        // 300 of the 400 ticks of two cores were idle (1.5 cores free).
        let b = Sample {
            process: 1050,
            idle: 10_300,
            total: 20_400,
            at: t + std::time::Duration::from_secs(2),
        };
        let (load, headroom) = b.since(&a, HZ, 2.0);
        assert!((load - 0.25).abs() < 1e-9, "{load}");
        assert!((headroom - 1.5).abs() < 1e-9, "{headroom}");
    }

    #[test]
    fn this_process_is_measured() {
        // Other tests run in this process too: what holds whatever they do
        // is that the process's load covers this thread's spinning.
        let thread = || process_ticks(&std::fs::read_to_string("/proc/thread-self/stat").unwrap());
        let a = Sample::now().expect("/proc is readable");
        let spun_from = thread().unwrap();
        let spin = Instant::now();
        while spin.elapsed() < std::time::Duration::from_millis(300) {
            std::hint::black_box(0u64.wrapping_add(1));
        }
        let spun = (thread().unwrap() - spun_from) as f64 / HZ;
        let b = Sample::now().unwrap();
        let (load, headroom) = b.since(&a, HZ, cores());
        let seconds = b.at.duration_since(a.at).as_secs_f64();
        assert!(spun > 0.0, "the thread used no CPU");
        assert!(
            load * seconds + 0.02 >= spun,
            "load {load} over {seconds} s < spun {spun} s"
        );
        assert!(load <= cores() + 0.2, "{load}");
        assert!((0.0..=cores()).contains(&headroom), "{headroom}");
    }
}
