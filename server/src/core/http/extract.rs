//! Request context for handlers, as extractors: the request's language, the client's address
//! and the signed-in person. Handlers ask for them instead of reading headers themselves.

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::Viewer;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The request's language: the person's choice, else the browser's preference, else German.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLang(kiezwerk_app::cookies::lang(&parts.headers)))
    }
}

/// The client's address, as [`identify_client`] determined it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Client>()
            .copied()
            .unwrap_or(Client(peer(parts))))
    }
}

/// The signed-in person, if any (put into the request by the session middleware).
#[derive(Clone, Debug, Default)]
pub struct MaybeViewer(pub Option<Viewer>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeViewer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeViewer(parts.extensions.get::<Viewer>().cloned()))
    }
}

fn peer(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// The client's address: the peer of the connection, or, if that peer is a trusted reverse
/// proxy, the right-most address in `X-Forwarded-For` that is not a trusted proxy itself
/// (addresses further left are whatever the client claimed).
pub fn client_ip(parts: &Parts, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer(parts);
    if !trusted.contains(&peer) {
        return peer;
    }
    parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map_while(|a| a.parse::<IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

/// Determines the client's address once per request, for handlers ([`Client`]), server
/// functions and the audit log (`kiezwerk_app::request::ClientIp`) and the rate limits.
pub async fn identify_client(
    State(trusted): State<Arc<[IpAddr]>>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let client = client_ip(&parts, &trusted);
    parts.extensions.insert(Client(client));
    parts
        .extensions
        .insert(kiezwerk_app::request::ClientIp(client.to_string()));
    next.run(Request::from_parts(parts, body)).await
}
