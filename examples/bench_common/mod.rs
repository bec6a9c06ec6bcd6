// SPDX-License-Identifier: MPL-2.0
//! Shared by the benchmark examples (`#[path]`-included; not an example).

use std::process::Command;

use gstmeetrec::layout::{self, LayoutEngine, Participant, Rect};

/// The tile rectangles layoutcompositor draws `n_visible` participants in
/// (grid, `grid_size`), from the same layout engine, so a stock pipeline can
/// be given the very same positions.
pub fn tiles(n_visible: usize, grid_size: u32, w: u32, h: u32) -> Vec<Rect> {
    let cfg = layout::Config {
        grid_size,
        ..Default::default()
    };
    let parts: Vec<Participant> = (0..n_visible)
        .map(|i| Participant {
            key: i as u64,
            pinned: false,
            has_video: true,
            audio_level_db: -100.0,
            screen: false,
            id_hash: 0,
        })
        .collect();
    LayoutEngine::new()
        .compute(0, w, h, &cfg, &parts)
        .iter()
        .map(|t| t.rect)
        .collect()
}

/// `compositor` pad properties placing pad `i` on `tiles[i]`.
pub fn compositor_pads(tiles: &[Rect]) -> String {
    tiles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                "sink_{i}::xpos={} sink_{i}::ypos={} sink_{i}::width={} sink_{i}::height={} ",
                r.x, r.y, r.w, r.h
            )
        })
        .collect()
}

/// `compositor` pad properties scaling pads `0..n` bilinearly, as
/// layoutcompositor does by default: the same work.
pub fn bilinear_pads(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "sink_{i}::converter-config=c,GstVideoConverter.resampler-method=\
                 (GstVideoResamplerMethod)linear "
            )
        })
        .collect()
}

/// callgrind's instruction count ("Collected") for a command.
#[allow(dead_code)] // not every benchmark counts instructions
pub fn instructions(cmd: &Command) -> Option<u64> {
    let mut v = Command::new("valgrind");
    v.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"]);
    v.arg(cmd.get_program());
    v.args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => v.env(key, value),
            None => v.env_remove(key),
        };
    }
    let out = v.output().ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        eprintln!("callgrind failed: {err}");
        return None;
    }
    err.lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
}
