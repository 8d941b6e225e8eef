//! Control characters in a URL (`%00`–`%1F`, `%7F`) never reach a handler (issue 20, finding 8):
//! a NUL in a slug, token or query parameter used to reach PostgreSQL, which refuses it: a 500.
//! A path holding one names no page (404); a query parameter holding one is dropped, as unknown
//! parameters are ignored (under `/api` the request is refused with 400: the API's parameters
//! are described, and a value outside the description is an error there). Text in forms is checked field by field by the domain's text rule
//! instead, so the form can come back with an error.

use crate::error::WebError;
use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

/// True when the percent-encoded text holds an encoded control character.
fn has_encoded_control(raw: &str) -> bool {
    raw.as_bytes().windows(3).any(|w| {
        w[0] == b'%'
            && match (w[1].to_ascii_uppercase(), w[2].to_ascii_uppercase()) {
                (b'0' | b'1', second) => second.is_ascii_hexdigit(),
                (b'7', b'F') => true,
                _ => false,
            }
    })
}

/// The query string without the parameters that hold an encoded control character.
fn clean_query(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !has_encoded_control(pair))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if has_encoded_control(req.uri().path()) {
        let response = crate::error_pages::before_visitor(req.request(), WebError::NotFound);
        return Ok(req.into_response(response).map_into_right_body());
    }
    if let Some(query) = req.uri().query().filter(|q| has_encoded_control(q)) {
        // The API describes its parameters in its OpenAPI document; a value that breaks that
        // description is refused (400 problem details), not quietly dropped as on pages.
        if crate::problem::is_api(req.path()) {
            let response = crate::error_pages::before_visitor(req.request(), WebError::BadRequest);
            return Ok(req.into_response(response).map_into_right_body());
        }
        let cleaned = clean_query(query);
        let path_and_query = if cleaned.is_empty() {
            req.uri().path().to_owned()
        } else {
            format!("{}?{cleaned}", req.uri().path())
        };
        let mut parts = req.uri().clone().into_parts();
        parts.path_and_query = path_and_query.parse().ok();
        if let Ok(uri) = actix_web::http::Uri::from_parts(parts) {
            req.head_mut().uri = uri;
        } else {
            let response = WebError::BadRequest.error_response();
            return Ok(req.into_response(response).map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::{clean_query, has_encoded_control};

    #[test]
    fn only_the_parameters_holding_control_characters_are_dropped() {
        assert_eq!(clean_query("q=a%00b&sort=nieuw"), "sort=nieuw");
        assert_eq!(clean_query("lang=en%00"), "");
        assert_eq!(clean_query("pagina=2"), "pagina=2");
    }

    #[test]
    fn encoded_control_characters_are_found_and_ordinary_escapes_are_not() {
        for bad in ["a%00b", "%1b%5B", "%0A", "x=%7f", "%1F"] {
            assert!(has_encoded_control(bad), "{bad}");
        }
        for fine in [
            "caf%C3%A9",
            "a%20b",
            "%2F",
            "q=NUMMER+7",
            "%",
            "%0",
            "%E2%80%AE",
        ] {
            assert!(!has_encoded_control(fine), "{fine}");
        }
    }
}
