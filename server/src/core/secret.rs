//! Secrets handed to people or clients — session and draft tokens, personal access links,
//! recovery links, API keys — and how they are kept: only their SHA-256 is stored. They are
//! long random strings, so no salt or slow hash is needed.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Hex SHA-256 of a secret: the form it is stored and looked up in.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new random token (256 bits, base64url without padding: 43 characters).
pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// A new token and the id it is stored under (its hash).
pub fn new_token_and_id() -> (String, String) {
    let token = new_token();
    let id = hash(&token);
    (token, id)
}

/// Whether a presented secret is the one whose hash is stored, compared in constant time.
pub fn matches_hash(presented: &str, stored_hash: &str) -> bool {
    let presented = hash(presented);
    presented.len() == stored_hash.len()
        && presented
            .bytes()
            .zip(stored_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_matches() {
        let (token, id) = new_token_and_id();
        assert_eq!(token.len(), 43);
        assert_ne!(new_token(), token);
        assert_eq!(hash(&token), id);
        assert_eq!(hash("demo-key").len(), 64);
        assert!(matches_hash(&token, &id));
        assert!(!matches_hash("guess", &id));
        assert!(!matches_hash(&token, "short"));
    }
}
