// SPDX-License-Identifier: MPL-2.0
//! A throwaway PostgreSQL for one test binary: Debian's server binaries,
//! `initdb` in a temporary directory, listening on 127.0.0.1 on a free port
//! (and a socket in that directory), stopped and removed on drop.
//! PostgreSQL refuses to run as root, so as root (CI) it runs as the
//! `postgres` user that Debian's package creates.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_root: bool,
}

/// The newest installed server's binaries.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop().unwrap_or_else(|| {
        panic!(
            "no PostgreSQL server under /usr/lib/postgresql: \
             scripts/deps.sh installs Debian's `postgresql`"
        )
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Postgres {
    pub fn start() -> Postgres {
        let as_root = unsafe { libc_geteuid() } == 0;
        let dir =
            std::env::temp_dir().join(format!("meetrec-pg-{}-{}", std::process::id(), free_port()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let pg = Postgres {
            dir,
            bin: bin_dir(),
            port: free_port(),
            as_root,
        };
        if as_root {
            let ok = Command::new("chown")
                .arg("postgres:postgres")
                .arg(&pg.dir)
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown postgres {}", pg.dir.display());
        }
        let data = pg.data();
        pg.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        pg.ctl("start");
        pg
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// One server for all the tests of a binary, stopped when the binary
    /// exits (statics are never dropped, so through `atexit`).
    pub fn shared() -> &'static Postgres {
        static PG: std::sync::OnceLock<Postgres> = std::sync::OnceLock::new();
        PG.get_or_init(|| {
            extern "C" fn stop() {
                if let Some(pg) = PG.get() {
                    pg.shut_down();
                }
            }
            unsafe { atexit(stop) };
            Postgres::start()
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A database of its own for one test (tests of one binary share the
    /// server and run in parallel).
    pub fn database(&self, name: &str) -> String {
        self.psql(&format!("DROP DATABASE IF EXISTS {name}"));
        self.psql(&format!("CREATE DATABASE {name}"));
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Runs one SQL statement as the superuser; panics on error.
    pub fn psql(&self, sql: &str) -> String {
        let out = Command::new("psql")
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-U", "postgres", "-d", "postgres", "-c", sql])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Restarts the server (fast: open connections are cut).
    pub fn restart(&self) {
        self.ctl("restart");
    }

    /// Stops the server, keeping its data: [`Postgres::start_again`] brings
    /// it back.
    pub fn stop(&self) {
        self.ctl("stop");
    }

    pub fn start_again(&self) {
        self.ctl("start");
    }

    fn ctl(&self, what: &str) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            self.port,
            self.dir.display()
        );
        let data = self.data();
        let log = self.dir.join("server.log");
        let mut args = vec![
            "-D",
            data.to_str().unwrap(),
            "-l",
            log.to_str().unwrap(),
            "-w",
            "-t",
            "30",
        ];
        if what != "stop" {
            args.extend(["-o", &options]);
        }
        args.extend(["-m", "fast", what]);
        self.run("pg_ctl", &args);
    }

    /// `tool` from the server's binaries, as the `postgres` user when root.
    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        }
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let out = self
            .command(tool)
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e}"));
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
        );
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.shut_down();
    }
}

impl Postgres {
    /// Stops the server at once and removes its files.
    pub fn shut_down(&self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args([
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

unsafe extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

unsafe extern "C" {
    fn atexit(f: extern "C" fn()) -> i32;
}
