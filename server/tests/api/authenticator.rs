//! A software passkey authenticator (ES256, "none" attestation) that answers the server's
//! WebAuthn options as a browser and platform authenticator would, with switches for the
//! misbehaviour the security tests need: no user verification, a bad signature, a counter that
//! goes backwards, someone else's user handle.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub const ORIGIN: &str = "http://localhost:3000";
const RP_ID: &str = "localhost";

/// One credential on the authenticator.
#[derive(Clone)]
pub struct Credential {
    pub id: Vec<u8>,
    key: SigningKey,
    pub user_handle: Vec<u8>,
    pub counter: u32,
}

/// How the next assertion misbehaves.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tamper {
    pub without_user_verification: bool,
    pub bad_signature: bool,
    /// Report this counter instead of the next one.
    pub counter: Option<u32>,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .expect("base64url from the server")
}

// ---- minimal CBOR (RFC 8949) for the attestation object and the COSE key ----

fn cbor_head(major: u8, value: u64, out: &mut Vec<u8>) {
    let major = major << 5;
    match value {
        0..=23 => out.push(major | value as u8),
        24..=0xff => out.extend([major | 24, value as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend((value as u16).to_be_bytes());
        }
        _ => {
            out.push(major | 26);
            out.extend((value as u32).to_be_bytes());
        }
    }
}

fn cbor_int(value: i64, out: &mut Vec<u8>) {
    if value >= 0 {
        cbor_head(0, value as u64, out);
    } else {
        cbor_head(1, (-1 - value) as u64, out);
    }
}

fn cbor_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    cbor_head(2, bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

fn cbor_text(text: &str, out: &mut Vec<u8>) {
    cbor_head(3, text.len() as u64, out);
    out.extend_from_slice(text.as_bytes());
}

fn cose_key(key: &SigningKey) -> Vec<u8> {
    let point = key.verifying_key().to_sec1_point(false);
    let bytes = point.as_bytes();
    let (x, y) = (&bytes[1..33], &bytes[33..65]);
    let mut out = Vec::new();
    cbor_head(5, 5, &mut out);
    cbor_int(1, &mut out);
    cbor_int(2, &mut out); // kty: EC2
    cbor_int(3, &mut out);
    cbor_int(-7, &mut out); // alg: ES256
    cbor_int(-1, &mut out);
    cbor_int(1, &mut out); // crv: P-256
    cbor_int(-2, &mut out);
    cbor_bytes(x, &mut out);
    cbor_int(-3, &mut out);
    cbor_bytes(y, &mut out);
    out
}

fn client_data(kind: &str, challenge: &str) -> Vec<u8> {
    json!({
        "type": kind,
        "challenge": challenge,
        "origin": ORIGIN,
        "crossOrigin": false,
    })
    .to_string()
    .into_bytes()
}

const UP: u8 = 0x01;
const UV: u8 = 0x04;
const BE: u8 = 0x08;
const BS: u8 = 0x10;
const AT: u8 = 0x40;

fn authenticator_data(flags: u8, counter: u32) -> Vec<u8> {
    let mut data = Sha256::digest(RP_ID.as_bytes()).to_vec();
    data.push(flags);
    data.extend(counter.to_be_bytes());
    data
}

impl Credential {
    /// Answers `navigator.credentials.create()` with the server's options
    /// (`{"publicKey": …}`); returns the credential and the JSON the browser would post.
    pub fn register(options: &Value) -> (Credential, Value) {
        let public_key = &options["publicKey"];
        assert_eq!(public_key["rp"]["id"], RP_ID, "relying party: {options}");
        let challenge = public_key["challenge"].as_str().expect("challenge");
        let user_handle = unb64(public_key["user"]["id"].as_str().expect("user id"));
        let key = SigningKey::from_slice(&rand::random::<[u8; 32]>()).expect("signing key");
        let id = rand::random::<[u8; 16]>().to_vec();

        let mut auth_data = authenticator_data(UP | UV | BE | BS | AT, 0);
        auth_data.extend([0u8; 16]); // AAGUID
        auth_data.extend((id.len() as u16).to_be_bytes());
        auth_data.extend(&id);
        auth_data.extend(cose_key(&key));

        let mut attestation = Vec::new();
        cbor_head(5, 3, &mut attestation);
        cbor_text("fmt", &mut attestation);
        cbor_text("none", &mut attestation);
        cbor_text("attStmt", &mut attestation);
        cbor_head(5, 0, &mut attestation);
        cbor_text("authData", &mut attestation);
        cbor_bytes(&auth_data, &mut attestation);

        let answer = json!({
            "id": b64(&id),
            "rawId": b64(&id),
            "type": "public-key",
            "response": {
                "attestationObject": b64(&attestation),
                "clientDataJSON": b64(&client_data("webauthn.create", challenge)),
                "transports": ["internal"],
            },
            "extensions": {},
        });
        (
            Credential {
                id,
                key,
                user_handle,
                counter: 0,
            },
            answer,
        )
    }

    /// Answers `navigator.credentials.get()` with the server's options.
    pub fn assert(&mut self, options: &Value, tamper: Tamper) -> Value {
        let challenge = options["publicKey"]["challenge"]
            .as_str()
            .expect("challenge");
        self.counter += 1;
        let counter = tamper.counter.unwrap_or(self.counter);
        let flags = if tamper.without_user_verification {
            UP | BE | BS
        } else {
            UP | UV | BE | BS
        };
        let auth_data = authenticator_data(flags, counter);
        let client_data = client_data("webauthn.get", challenge);
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&client_data));
        if tamper.bad_signature {
            signed[0] ^= 0xff;
        }
        let signature: Signature = self.key.sign(&signed);
        json!({
            "id": b64(&self.id),
            "rawId": b64(&self.id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64(&auth_data),
                "clientDataJSON": b64(&client_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(&self.user_handle),
            },
            "extensions": {},
        })
    }
}
