//! The specification's two formats. "XML is a required format, JSON can be provided at the
//! discretion of the API provider": every answer is built once, as a JSON value, and written in
//! the format its path asks for (`….xml` or `….json`). The XML uses the specification's element
//! names: each answer names its root and its list entries ([`Shape`]), a nested list is named by
//! its field and its entries by the singular (`attributes` → `attribute`, `formats` → `format`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::fmt::Write;

/// The format of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `code.json` → `("code", Json)`, `code.xml` → `("code", Xml)`; anything else is no file
    /// of this API.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (stem, format) = if let Some(stem) = file.strip_suffix(".json") {
            (stem, Format::Json)
        } else {
            (file.strip_suffix(".xml")?, Format::Xml)
        };
        (!stem.is_empty()).then_some((stem, format))
    }

    /// The format a request path asks for: XML for `….xml`, JSON otherwise (also for paths of
    /// no format, whose errors must be written somehow).
    pub fn of_path(path: &str) -> Format {
        if path.ends_with(".xml") {
            Format::Xml
        } else {
            Format::Json
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Xml => "text/xml",
        }
    }
}

/// How an answer is written in XML: its root element, and the element of each entry when the
/// answer is a list.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub root: &'static str,
    pub entry: &'static str,
}

pub const DISCOVERY: Shape = Shape {
    root: "discovery",
    entry: "endpoint",
};
pub const SERVICES: Shape = Shape {
    root: "services",
    entry: "service",
};
pub const SERVICE_DEFINITION: Shape = Shape {
    root: "service_definition",
    entry: "attribute",
};
/// Requests, the answer to a POST, and tokens.
pub const REQUESTS: Shape = Shape {
    root: "service_requests",
    entry: "request",
};
/// The updates extension's list and the answer to its POST.
pub const UPDATES: Shape = Shape {
    root: "service_request_updates",
    entry: "request_update",
};
pub const ERRORS: Shape = Shape {
    root: "errors",
    entry: "error",
};

/// The answer's body and `Content-Type`.
pub fn write(format: Format, shape: Shape, value: &Value) -> (HeaderValue, String) {
    match format {
        Format::Json => (
            HeaderValue::from_static("application/json"),
            value.to_string(),
        ),
        Format::Xml => (
            HeaderValue::from_static("text/xml; charset=utf-8"),
            xml(shape, value),
        ),
    }
}

/// An answer with its status, written in the format.
pub fn respond(status: StatusCode, format: Format, shape: Shape, value: &Value) -> Response {
    let (content_type, body) = write(format, shape, value);
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The value as an XML document with `shape`'s root.
pub fn xml(shape: Shape, value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    match value {
        Value::Array(entries) => {
            open(&mut out, shape.root);
            for entry in entries {
                element(&mut out, shape.entry, entry);
            }
            close(&mut out, shape.root);
        }
        other => element(&mut out, shape.root, other),
    }
    out
}

/// One element: objects as child elements in their order, lists as one child per entry named
/// by the singular, values as text; `null` as an empty element (the field exists, unset).
fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {
            let _ = write!(out, "<{name}/>");
        }
        Value::Object(fields) => {
            open(out, name);
            for (field, value) in fields {
                element(out, field, value);
            }
            close(out, name);
        }
        Value::Array(entries) => {
            open(out, name);
            let entry_name = singular(name);
            for entry in entries {
                element(out, entry_name, entry);
            }
            close(out, name);
        }
        Value::String(text) => {
            open(out, name);
            escape(out, text);
            close(out, name);
        }
        Value::Bool(_) | Value::Number(_) => {
            open(out, name);
            out.push_str(&value.to_string());
            close(out, name);
        }
    }
}

fn open(out: &mut String, name: &str) {
    let _ = write!(out, "<{name}>");
}

fn close(out: &mut String, name: &str) {
    let _ = write!(out, "</{name}>");
}

/// The element of a list's entries: `values` → `value`. Names are ours (the specification's
/// fields), never the client's.
fn singular(list: &str) -> &str {
    list.strip_suffix('s')
        .filter(|s| !s.is_empty())
        .unwrap_or(list)
}

/// Text content with the five characters XML reserves escaped, and the control characters XML
/// 1.0 cannot carry at all dropped (a citizen's text must never make the document invalid).
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn files_name_their_format_and_nothing_else_is_a_file() {
        assert_eq!(Format::split("pothole.xml"), Some(("pothole", Format::Xml)));
        assert_eq!(
            Format::split("BER-2026-000001.json"),
            Some(("BER-2026-000001", Format::Json))
        );
        assert_eq!(Format::split(".json"), None);
        assert_eq!(Format::split("pothole.csv"), None);
        assert_eq!(Format::of_path("/open311/v2/services.xml"), Format::Xml);
        assert_eq!(Format::of_path("/open311/v2/nothing"), Format::Json);
    }

    #[test]
    fn lists_become_the_specifications_entries_and_nested_lists_their_singulars() {
        let definition = json!({
            "service_code": "pothole",
            "attributes": [{ "code": "depth", "required": true, "order": 1,
                             "values": [{ "key": "deep", "name": "Tief" }] }],
        });
        assert_eq!(
            xml(SERVICE_DEFINITION, &definition),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition>\
             <service_code>pothole</service_code><attributes><attribute><code>depth</code>\
             <required>true</required><order>1</order><values><value><key>deep</key>\
             <name>Tief</name></value></values></attribute></attributes></service_definition>"
        );
        let requests =
            json!([{ "service_request_id": "BER-2026-000001", "expected_datetime": null }]);
        assert_eq!(
            xml(REQUESTS, &requests),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>\
             <service_request_id>BER-2026-000001</service_request_id><expected_datetime/>\
             </request></service_requests>"
        );
        assert_eq!(
            xml(ERRORS, &json!([])),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors></errors>"
        );
    }

    #[test]
    fn text_cannot_break_the_document() {
        let hostile = json!([{ "description": "<b>&\"'</b>\u{1}\u{7}ok\n" }]);
        assert_eq!(
            xml(ERRORS, &hostile),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><description>\
             &lt;b&gt;&amp;&quot;&apos;&lt;/b&gt;ok\n</description></error></errors>"
        );
    }
}
