//! The delivery calls the extension shell makes, with data-only arguments and results: each
//! function here is the body of one export in `wasm.rs`, so the glue stays one line per call.

use super::error::{Call, ErrorReport, TransportFailure};
use super::history::{self, DailyCount, HistoryEntry};
use super::import::{self, ImportHandoff};
use super::requests::{ApiRequest, PostSettings, PostTarget, PreparedPost};
use super::responses::{self, ApiResponse, Parsed};
use super::{editor, ApiError, MediumApi};
use crate::draft::Draft;
use crate::warning::Warning;

fn client(token: &str, api_base: Option<&str>) -> Result<MediumApi, ApiError> {
    let api = MediumApi::new(token)?;
    match api_base {
        Some(base) => api.with_base_url(base),
        None => Ok(api),
    }
}

/// `GET /me` for the token being saved (or the saved one). `api_base` is only set by the test
/// build.
pub fn me_request(token: &str, api_base: Option<&str>) -> Result<ApiRequest, ErrorReport> {
    Ok(client(token, api_base).map_err(|e| e.report())?.me())
}

/// `GET /users/{user_id}/publications`.
pub fn publications_request(
    token: &str,
    api_base: Option<&str>,
    user_id: &str,
) -> Result<ApiRequest, ErrorReport> {
    client(token, api_base)
        .and_then(|api| api.publications(user_id))
        .map_err(|e| e.report())
}

/// `GET /publications/{publication_id}/contributors`.
pub fn contributors_request(
    token: &str,
    api_base: Option<&str>,
    publication_id: &str,
) -> Result<ApiRequest, ErrorReport> {
    client(token, api_base)
        .and_then(|api| api.contributors(publication_id))
        .map_err(|e| e.report())
}

/// `POST …/posts` for the draft as the user left it, with the warnings about what was cut.
pub fn create_post_request(
    token: &str,
    api_base: Option<&str>,
    target: &PostTarget,
    draft: &Draft,
    settings: &PostSettings,
) -> Result<PreparedPost, ErrorReport> {
    client(token, api_base)
        .and_then(|api| api.create_post(target, draft, settings))
        .map_err(|e| e.report())
}

/// Reads Medium's answer to the request built for `call`.
pub fn parse_response(call: Call, response: &ApiResponse) -> Result<Parsed, ErrorReport> {
    responses::parse_for(call, response).map_err(|e| e.report())
}

/// The error for a fetch that failed or timed out.
pub fn transport_error(call: Call, failure: TransportFailure) -> ErrorReport {
    ApiError::transport(call, failure).report()
}

/// Warnings before sending: same canonical already sent, daily threshold reached.
/// `day_start_ms` is local midnight from JavaScript's `Date` (a float there).
pub fn delivery_warnings(
    history: &[HistoryEntry],
    canonical_url: Option<&str>,
    day_start_ms: f64,
    daily_limit: u32,
) -> Vec<Warning> {
    history::delivery_warnings(history, canonical_url, js_ms(day_start_ms), daily_limit)
}

/// Today's count for the history view.
pub fn daily_count(history: &[HistoryEntry], day_start_ms: f64, daily_limit: u32) -> DailyCount {
    history::daily_count(history, js_ms(day_start_ms), daily_limit)
}

/// What the editor content script pastes and lists.
pub fn editor_handoff(draft: &Draft) -> editor::EditorHandoff {
    editor::handoff(draft)
}

/// What the import path opens and copies.
pub fn import_handoff(draft: &Draft) -> Result<ImportHandoff, ErrorReport> {
    import::handoff(draft).map_err(|e| e.report())
}

/// A JavaScript time value as whole milliseconds (`as` saturates; NaN becomes 0).
fn js_ms(ms: f64) -> i64 {
    ms as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_the_boundary_as_reports_with_their_message() {
        let report = me_request("", None).unwrap_err();
        assert_eq!(report.code, "token-missing");
        assert!(report.message.contains("Options"));
        let report = me_request("tok", Some("http://evil.example/v1")).unwrap_err();
        assert_eq!(report.code, "bad-base-url");
        let request = me_request("tok", Some("http://127.0.0.1:3000/v1")).unwrap();
        assert_eq!(request.url, "http://127.0.0.1:3000/v1/me");
        let report = parse_response(Call::Me, &ApiResponse::new(401, "")).unwrap_err();
        assert_eq!(report.code, "unauthorized");
        let report = transport_error(Call::CreatePost, TransportFailure::Timeout { seconds: 30 });
        assert!(report.may_have_posted && report.retryable);
    }

    #[test]
    fn javascript_times_become_milliseconds() {
        assert_eq!(js_ms(1_795_478_400_000.0), 1_795_478_400_000);
        assert_eq!(js_ms(f64::NAN), 0);
        assert_eq!(js_ms(f64::INFINITY), i64::MAX);
    }
}
