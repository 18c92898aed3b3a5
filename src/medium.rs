//! Delivery to Medium without doing any IO: API requests built as plain data and responses parsed
//! into typed results ([`requests`], [`responses`], [`error`]), plus what the editor and import
//! paths need ([`editor`], [`import`]) and the checks made before sending ([`history`]).
//! [`boundary`] is what the wasm door exposes; the transport (fetch) is a few lines at the edge.

pub mod boundary;
pub mod editor;
pub mod error;
pub mod history;
pub mod import;
pub mod requests;
pub mod responses;

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

pub use error::{ApiError, ErrorReport, TransportFailure};
pub use requests::{ApiRequest, Method, PostSettings, PostTarget, PreparedPost};
pub use responses::{ApiResponse, Contributor, CreatedPost, Publication, User};

/// Medium's API, version 1. Tests point [`MediumApi::with_base_url`] at a local fake instead.
pub const DEFAULT_API_BASE: &str = "https://api.medium.com/v1";

/// A Medium integration token. It is a secret: `Debug` never shows it and it has no `Display`,
/// so it cannot leak into an error text or a log line by accident.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Token(String);

impl Token {
    /// Wraps what the user pasted, without the spaces and line breaks a copy often brings along.
    pub fn new(raw: &str) -> Token {
        Token(raw.trim().to_string())
    }

    /// The `Authorization` header value; only [`requests`] calls this.
    fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }

    fn check(&self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            return Err(ApiError::TokenMissing);
        }
        // A token becomes a header value: anything outside visible ASCII would be refused by
        // fetch (or worse, split the header), and no Medium token contains it.
        if !self.0.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ApiError::TokenMalformed);
        }
        Ok(())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The sans-IO client: knows the base URL and the token, builds [`ApiRequest`]s (see
/// [`requests`]). It never sends anything itself.
#[derive(Clone)]
pub struct MediumApi {
    base_url: Url,
    token: Token,
}

impl fmt::Debug for MediumApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MediumApi")
            .field("base_url", &self.base_url.as_str())
            .field("token", &self.token)
            .finish()
    }
}

impl MediumApi {
    /// A client for Medium's real API with the user's token; refuses an empty or garbled token
    /// before anything is sent.
    pub fn new(token: &str) -> Result<MediumApi, ApiError> {
        let token = Token::new(token);
        token.check()?;
        let base_url = Url::parse(DEFAULT_API_BASE).map_err(|_| ApiError::BadBaseUrl)?;
        Ok(MediumApi { base_url, token })
    }

    /// Points the client elsewhere (the test build's local fake). Only https, or plain http to
    /// this machine, is accepted: the token must never travel in clear over a network.
    pub fn with_base_url(mut self, base_url: &str) -> Result<MediumApi, ApiError> {
        let mut url = Url::parse(base_url.trim()).map_err(|_| ApiError::BadBaseUrl)?;
        let loopback = matches!(
            url.host(),
            Some(url::Host::Ipv4(ip)) if ip.is_loopback()
        ) || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
            || url.host_str() == Some("localhost");
        let allowed = url.scheme() == "https" || (url.scheme() == "http" && loopback);
        if !allowed || url.cannot_be_a_base() || url.query().is_some() {
            return Err(ApiError::BadBaseUrl);
        }
        // `…/v1` and `…/v1/` both mean the same base; segments are appended after it.
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty();
        }
        self.base_url = url;
        Ok(self)
    }

    /// The base URL requests are built against.
    pub fn base_url(&self) -> &str {
        self.base_url.as_str()
    }
}

/// How a draft reached Medium; stored in the history and shown in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryMethod {
    /// Posted through the API with the user's token.
    Api,
    /// Opened in Medium's editor and pasted (or handed over on the clipboard).
    Editor,
    /// Handed to Medium's "Import a story" tool.
    Import,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_never_shows_in_debug() {
        let api = MediumApi::new("  2a7d9bc0ffee1234567890abcdef  \n").unwrap();
        let shown = format!("{api:?} {:?}", api.token);
        assert!(!shown.contains("2a7d9bc0ffee"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn empty_and_garbled_tokens_are_refused_before_sending() {
        assert_eq!(MediumApi::new("   ").unwrap_err(), ApiError::TokenMissing);
        assert_eq!(
            MediumApi::new("abc def").unwrap_err(),
            ApiError::TokenMalformed
        );
        assert_eq!(
            MediumApi::new("abc\r\nX-Evil: 1").unwrap_err(),
            ApiError::TokenMalformed
        );
        assert_eq!(
            MediumApi::new("jeton-é").unwrap_err(),
            ApiError::TokenMalformed
        );
    }

    #[test]
    fn base_url_defaults_to_medium_and_accepts_only_https_or_loopback() {
        let api = MediumApi::new("t0k3n").unwrap();
        assert_eq!(api.base_url(), "https://api.medium.com/v1");
        let local = api
            .clone()
            .with_base_url("http://127.0.0.1:4567/v1/")
            .unwrap();
        assert_eq!(local.base_url(), "http://127.0.0.1:4567/v1");
        assert!(api.clone().with_base_url("http://localhost:9/v1").is_ok());
        assert!(api.clone().with_base_url("http://[::1]:9/v1").is_ok());
        assert!(api
            .clone()
            .with_base_url("https://proxy.example/v1")
            .is_ok());
        for bad in [
            "http://api.medium.com/v1",
            "http://192.168.1.2/v1",
            "ftp://127.0.0.1/v1",
            "data:text/plain,x",
            "not a url",
            "https://api.medium.com/v1?x=1",
        ] {
            assert_eq!(
                api.clone().with_base_url(bad).unwrap_err(),
                ApiError::BadBaseUrl,
                "{bad}"
            );
        }
    }
}
