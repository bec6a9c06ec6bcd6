// SPDX-License-Identifier: MPL-2.0
//! Errors that say which step failed.

use std::fmt::Display;

/// `result.step("linking the muxer to the file")`: the error becomes
/// "linking the muxer to the file: <error>".
pub(crate) trait Step<T> {
    fn step(self, what: impl Display) -> Result<T, String>;
}

impl<T, E: Display> Step<T> for Result<T, E> {
    fn step(self, what: impl Display) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

impl<T> Step<T> for Option<T> {
    fn step(self, what: impl Display) -> Result<T, String> {
        self.ok_or_else(|| format!("{what}: refused"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_is_named_before_the_cause() {
        let r: Result<(), &str> = Err("no space left");
        assert_eq!(
            r.step("writing out.webm").unwrap_err(),
            "writing out.webm: no space left"
        );
        assert_eq!(
            None::<u8>.step("requesting a tee pad").unwrap_err(),
            "requesting a tee pad: refused"
        );
    }
}
