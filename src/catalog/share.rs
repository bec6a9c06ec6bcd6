// SPDX-License-Identifier: MPL-2.0
//! Share links: a token that opens one recording until a moment, checked with
//! the secret alone (no storage). The token is `<expiry>.<signature>`, the
//! expiry in Unix seconds and the signature HMAC-SHA256(secret,
//! "<recording id>\n<expiry>") in hex; the recording id is in the URL.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    Malformed,
    /// Not made with this secret for this recording (forged, tampered with,
    /// or another recording's).
    BadSignature,
    Expired,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShareError::Malformed => "malformed share token",
            ShareError::BadSignature => "share token not valid for this recording",
            ShareError::Expired => "share token expired",
        })
    }
}

impl std::error::Error for ShareError {}

fn mac(secret: &[u8], id: &str, expiry: u64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(id.as_bytes());
    mac.update(b"\n");
    mac.update(expiry.to_string().as_bytes());
    mac
}

/// The token opening recording `id` until `expires`.
pub fn token(secret: &[u8], id: &str, expires: SystemTime) -> String {
    let expiry = expires
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let sig = mac(secret, id, expiry).finalize().into_bytes();
    format!("{expiry}.{}", crate::util::hex::hex(&sig))
}

/// Checks that `token` opens recording `id` at `now`.
pub fn verify(secret: &[u8], id: &str, token: &str, now: SystemTime) -> Result<(), ShareError> {
    let (expiry, sig) = token.split_once('.').ok_or(ShareError::Malformed)?;
    let expiry: u64 = expiry.parse().map_err(|_| ShareError::Malformed)?;
    let bytes = crate::util::hex::unhex(sig)
        .filter(|b| b.len() == 32)
        .ok_or(ShareError::Malformed)?;
    // Signature first (constant time), so a forger learns nothing from
    // which check failed.
    mac(secret, id, expiry)
        .verify_slice(&bytes)
        .map_err(|_| ShareError::BadSignature)?;
    let now = now
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    if now >= expiry {
        return Err(ShareError::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_forged_expired_and_other_recording() {
        let t0 = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let tok = token(b"secret", "rec-1", t0 + Duration::from_secs(60));
        assert!(tok.starts_with("1800000060."), "{tok}");
        assert_eq!(verify(b"secret", "rec-1", &tok, t0), Ok(()));
        assert_eq!(
            verify(b"secret", "rec-1", &tok, t0 + Duration::from_secs(60)),
            Err(ShareError::Expired)
        );
        assert_eq!(
            verify(b"secret", "rec-2", &tok, t0),
            Err(ShareError::BadSignature)
        );
        assert_eq!(
            verify(b"other", "rec-1", &tok, t0),
            Err(ShareError::BadSignature)
        );
        // Pushing the expiry out breaks the signature.
        let moved = tok.replacen("1800000060", "1900000060", 1);
        assert_eq!(
            verify(b"secret", "rec-1", &moved, t0),
            Err(ShareError::BadSignature)
        );
        // One flipped signature digit.
        let mut flipped = tok.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(
            verify(b"secret", "rec-1", &flipped, t0),
            Err(ShareError::BadSignature)
        );
        for junk in ["", "abc", "1800000060", "1800000060.zz", "x.00", "1.é"] {
            assert_eq!(
                verify(b"secret", "rec-1", junk, t0),
                Err(ShareError::Malformed),
                "{junk}"
            );
        }
    }

    #[test]
    fn signature_is_hmac_over_id_newline_expiry() {
        let tok = token(b"k", "r", UNIX_EPOCH + Duration::from_secs(5));
        let mut m = Hmac::<Sha256>::new_from_slice(b"k").unwrap();
        m.update(b"r\n5");
        assert_eq!(
            tok,
            format!("5.{}", crate::util::hex::hex(&m.finalize().into_bytes()))
        );
    }
}
