// SPDX-License-Identifier: MPL-2.0
//! `meetrec-service --config service.json`: see the crate's documentation.

use meetrec_service::{Config, serve};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let config_path = match args.as_slice() {
        [_, flag, path] if flag == "--config" => path.clone(),
        _ => {
            eprintln!("usage: meetrec-service --config service.json");
            std::process::exit(2);
        }
    };
    let config: Config = match std::fs::read(&config_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{config_path}: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = serve(config) {
        eprintln!("meetrec-service: {e}");
        std::process::exit(1);
    }
}
