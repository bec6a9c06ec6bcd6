// SPDX-License-Identifier: MPL-2.0
//! OpenVidu Meet's listing options as plain logic: room-name matching
//! (`roomName`, `roomNameMatchMode`, `roomNameCaseInsensitive`) and field
//! selection (`fields` and `X-Fields`, merged).

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

/// `roomNameMatchMode`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MatchMode {
    #[default]
    Exact,
    Prefix,
    Partial,
    Regex,
}

/// A room-name filter.
#[derive(Debug)]
pub(crate) enum NameFilter {
    Text {
        mode: MatchMode,
        want: String,
        fold: bool,
    },
    Regex(regex::Regex),
}

/// Longest pattern accepted, and the compiled size limit: a hostile regex
/// is refused, never slow (the regex crate matches in linear time).
const MAX_PATTERN: usize = 256;
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl NameFilter {
    pub(crate) fn new(want: &str, mode: MatchMode, case_insensitive: bool) -> Result<Self, String> {
        if want.len() > MAX_PATTERN {
            return Err(format!("at most {MAX_PATTERN} bytes"));
        }
        if mode == MatchMode::Regex {
            return regex::RegexBuilder::new(want)
                .case_insensitive(case_insensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map(NameFilter::Regex)
                .map_err(|e| format!("not a regular expression: {e}"));
        }
        Ok(NameFilter::Text {
            mode,
            want: if case_insensitive {
                want.to_lowercase()
            } else {
                want.to_string()
            },
            fold: case_insensitive,
        })
    }

    pub(crate) fn matches(&self, name: &str) -> bool {
        match self {
            NameFilter::Regex(re) => re.is_match(name),
            NameFilter::Text { mode, want, fold } => {
                let lowered;
                let name = if *fold {
                    lowered = name.to_lowercase();
                    lowered.as_str()
                } else {
                    name
                };
                match mode {
                    MatchMode::Exact | MatchMode::Regex => name == want,
                    MatchMode::Prefix => name.starts_with(want.as_str()),
                    MatchMode::Partial => name.contains(want.as_str()),
                }
            }
        }
    }
}

/// The fields asked for by `fields` and `X-Fields` (their union); `None`
/// when neither names any: everything.
pub(crate) fn fields(query: Option<&str>, header: Option<&str>) -> Option<BTreeSet<String>> {
    let set: BTreeSet<String> = [query, header]
        .into_iter()
        .flatten()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    (!set.is_empty()).then_some(set)
}

/// Keeps only `keep`'s keys of a JSON object.
pub(crate) fn select(mut v: Value, keep: Option<&BTreeSet<String>>) -> Value {
    if let (Some(keep), Value::Object(map)) = (keep, &mut v) {
        map.retain(|k, _| keep.contains(k));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn room_names_match_as_asked() {
        let f = |w, m, ci| NameFilter::new(w, m, ci).unwrap();
        assert!(f("standup", MatchMode::Exact, false).matches("standup"));
        assert!(!f("standup", MatchMode::Exact, false).matches("standup-2"));
        assert!(!f("Standup", MatchMode::Exact, false).matches("standup"));
        assert!(f("Standup", MatchMode::Exact, true).matches("standup"));
        assert!(f("stand", MatchMode::Prefix, false).matches("standup-2"));
        assert!(!f("up", MatchMode::Prefix, false).matches("standup"));
        assert!(f("DUP", MatchMode::Partial, true).matches("standup"));
        assert!(f("^team-[0-9]+$", MatchMode::Regex, false).matches("team-42"));
        assert!(!f("^team-[0-9]+$", MatchMode::Regex, false).matches("team-x"));
        assert!(f("^TEAM", MatchMode::Regex, true).matches("team-42"));
    }

    #[test]
    fn bad_or_hostile_patterns_are_refused() {
        assert!(NameFilter::new("(", MatchMode::Regex, false).is_err());
        assert!(NameFilter::new(&"a".repeat(300), MatchMode::Exact, false).is_err());
        // Compiles to far more than the limit.
        assert!(NameFilter::new("(\\w{100}){100}", MatchMode::Regex, false).is_err());
    }

    #[test]
    fn fields_from_query_and_header_are_merged() {
        let keep = fields(Some("recordingId, roomId"), Some("status,roomId")).unwrap();
        assert_eq!(
            keep.iter().map(String::as_str).collect::<Vec<_>>(),
            ["recordingId", "roomId", "status"]
        );
        assert!(fields(Some(" , "), None).is_none());
        let v = json!({"recordingId": "a", "roomId": "r", "size": 1, "status": "complete"});
        assert_eq!(
            select(v.clone(), Some(&keep)),
            json!({"recordingId": "a", "roomId": "r", "status": "complete"})
        );
        assert_eq!(select(v.clone(), None), v);
    }
}
