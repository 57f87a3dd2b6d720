//! `GET /open311/openapi.json`: an OpenAPI 3.1 description of our Open311 GeoReport v2 and its
//! extensions (tokens, updates, the photo as a multipart part), so that clients can be
//! generated and tools can test us. The schemas are closed (`additionalProperties: false`): the
//! API tests check every real JSON answer against them, so a field added to an answer without
//! being described here fails the tests.

use super::format::Format;
use super::public;
use crate::reports::{Reports, Status};
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Map, Value};

/// The document as served: for this deployment's municipalities and their services.
pub async fn document(State(reports): State<Reports>) -> Response {
    let registry = &reports.tenants.registry;
    let jurisdictions: Vec<&str> = registry
        .municipalities
        .iter()
        .map(|m| m.slug.as_str())
        .collect();
    let mut services: Vec<&str> = registry
        .municipalities
        .iter()
        .flat_map(|m| m.categories.iter().filter(|c| c.active))
        .map(|c| c.code.as_str())
        .collect();
    services.sort_unstable();
    services.dedup();
    let document = describe(&reports.core.settings.public_url, &jurisdictions, &services);
    public(Format::Json, super::format::DISCOVERY, &document)
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn nullable(kind: &str) -> Value {
    json!({ "type": [kind, "null"] })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A closed object: these properties, all required.
fn object(properties: Value) -> Value {
    let required: Vec<String> = properties
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn list_of(name: &str) -> Value {
    json!({ "type": "array", "items": reference(name) })
}

fn query(name: &str, required: bool, description: &str) -> Value {
    json!({
        "name": name, "in": "query", "required": required,
        "description": description, "schema": string(),
    })
}

fn path(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": string() })
}

/// A parameter whose values this deployment knows.
fn one_of(mut parameter: Value, values: &[&str]) -> Value {
    parameter["schema"]["enum"] = json!(values);
    parameter
}

fn format_parameter() -> Value {
    json!({
        "name": "format", "in": "path", "required": true,
        "description": "xml (the specification's required format) or json",
        "schema": { "type": "string", "enum": ["xml", "json"] },
    })
}

/// An answer in both formats, described by one schema; the XML root and entry names follow the
/// specification.
fn answer(description: &str, schema: Value) -> Value {
    json!({
        "description": description,
        "content": {
            "application/json": { "schema": schema },
            "text/xml": { "schema": { "type": "string" } },
        },
    })
}

fn errors() -> Value {
    answer(
        "Errors: [{code, description}] or <errors><error><code/><description/></error></errors>, in German or, with locale=en, English",
        list_of("Error"),
    )
}

fn form_body(fields: Value, required: &[&str], multipart: bool) -> Value {
    let schema = json!({ "type": "object", "properties": fields, "required": required });
    let mut content = Map::new();
    content.insert(
        "application/x-www-form-urlencoded".into(),
        json!({ "schema": schema }),
    );
    if multipart {
        let mut with_media = schema.clone();
        with_media["properties"]["media"] = json!({
            "type": "string", "format": "binary",
            "description": "our extension: the photo as a file part (media_url is refused)",
        });
        content.insert(
            "multipart/form-data".into(),
            json!({ "schema": with_media }),
        );
    }
    json!({ "required": true, "content": content })
}

/// The whole document for a server at `base` serving the municipalities `jurisdictions`
/// with the service codes `services`.
pub fn describe(base: &str, jurisdictions: &[&str], services: &[&str]) -> Value {
    let jurisdiction = one_of(
        query("jurisdiction_id", true, "the municipality's slug"),
        jurisdictions,
    );
    let locale = query("locale", false, "en for English names and messages");
    let slug = json!({ "type": "string", "enum": jurisdictions });
    let code = json!({ "type": "string", "enum": services });
    let window = [
        query(
            "start_date",
            false,
            "W3C date-time, or a date (that day in Berlin time)",
        ),
        query(
            "end_date",
            false,
            "W3C date-time, or a date; at most 90 days after start_date",
        ),
    ];
    let reading_key = query(
        "api_key",
        false,
        "a key of the municipality (read or write), so that it sees who reads; a revoked or unknown key is refused",
    );
    let update_words: Vec<&str> = Status::ALL.into_iter().map(super::updates::word).collect();
    let schemas = json!({
        "Error": object(json!({ "code": { "type": "integer" }, "description": string() })),
        "Discovery": object(json!({
            "changeset": string(), "contact": string(), "key_service": string(),
            "endpoints": list_of("Endpoint"),
        })),
        "Endpoint": object(json!({
            "specification": string(), "url": string(), "changeset": string(), "type": string(),
            "formats": { "type": "array", "items": string() },
        })),
        "Service": object(json!({
            "service_code": string(), "service_name": string(), "description": string(),
            "metadata": { "type": "boolean" },
            "type": { "type": "string", "enum": ["realtime", "batch", "blackbox"] },
            "keywords": string(), "group": string(),
        })),
        "ServiceDefinition": object(json!({
            "service_code": string(), "attributes": list_of("Attribute"),
        })),
        "Attribute": object(json!({
            "variable": { "type": "boolean" }, "code": string(),
            "datatype": { "type": "string", "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] },
            "required": { "type": "boolean" }, "datatype_description": string(),
            "order": { "type": "integer" }, "description": string(),
            "values": list_of("AttributeValue"),
        })),
        "AttributeValue": object(json!({ "key": string(), "name": string() })),
        "ServiceRequest": object(json!({
            "service_request_id": string(),
            "status": { "type": "string", "enum": ["open", "closed"] },
            "status_notes": string(), "service_name": string(), "service_code": string(),
            "agency_responsible": string(), "service_notice": nullable("string"),
            "requested_datetime": nullable("string"), "updated_datetime": nullable("string"),
            "expected_datetime": nullable("string"),
            "address": string(), "address_id": nullable("string"), "zipcode": nullable("string"),
            "lat": nullable("number"), "long": nullable("number"), "media_url": nullable("string"),
        })),
        "CreatedRequest": object(json!({
            "service_request_id": string(), "token": string(), "service_notice": string(),
            "account_id": nullable("string"),
        })),
        "Token": object(json!({ "service_request_id": string(), "token": string() })),
        "Update": object(json!({
            "update_id": string(), "service_request_id": string(),
            "status": { "type": "string", "enum": update_words },
            "updated_datetime": string(), "description": string(), "media_url": string(),
        })),
        "UpdateId": object(json!({ "update_id": string() })),
    });
    let get = |summary: &str, parameters: Vec<Value>, ok: Value| {
        let mut parameters = parameters;
        parameters.push(format_parameter());
        json!({
            "get": {
                "summary": summary,
                "parameters": parameters,
                "responses": { "200": ok, "400": errors(), "404": errors() },
            },
        })
    };
    let mut requests = get(
        "Requests of a municipality: by ids, or by window, service codes and status (at most 1,000)",
        [
            vec![jurisdiction.clone(), locale.clone(), reading_key.clone()],
            vec![
                query("service_request_id", false, "comma-separated references; overrides every other filter"),
                query("service_code", false, "comma-separated service codes"),
                query("status", false, "open, closed or both, comma-separated"),
            ],
            window.to_vec(),
        ]
        .concat(),
        answer("The requests", list_of("ServiceRequest")),
    );
    requests["get"]["responses"]["403"] = errors();
    requests["post"] = json!({
        "summary": "A new request, routed to the responsible department",
        "parameters": [format_parameter()],
        "requestBody": form_body(json!({
            "api_key": string(), "jurisdiction_id": slug.clone(), "service_code": code,
            "lat": string(), "long": string(), "address_string": string(), "email": string(),
            "description": string(), "locale": string(),
        }), &["api_key", "jurisdiction_id", "service_code", "lat", "long"], true),
        "responses": {
            "201": answer("Created: the id at once, and a token that resolves to it", list_of("CreatedRequest")),
            "400": errors(), "403": errors(), "404": errors(), "409": errors(), "413": errors(), "429": errors(),
        },
    });
    let mut updates = get(
        "What staff told the public about the municipality's requests in a window (updates extension)",
        [vec![jurisdiction.clone(), locale.clone(), reading_key], window.to_vec()].concat(),
        answer("One update per change, oldest first", list_of("Update")),
    );
    updates["get"]["responses"]["403"] = errors();
    updates["post"] = json!({
        "summary": "A department's back office changes one of its requests (key bound to the department)",
        "parameters": [format_parameter()],
        "requestBody": form_body(json!({
            "api_key": string(), "jurisdiction_id": slug, "service_request_id": string(),
            "status": { "type": "string", "description": "investigating, action_scheduled, in_progress, fixed, closed, no_further_action, not_councils_responsibility or open" },
            "description": { "type": "string", "description": "the public message; the reason when closing unfixed" },
            "locale": string(),
        }), &["api_key", "jurisdiction_id", "service_request_id", "status"], false),
        "responses": {
            "200": answer("Taken: the update's id", list_of("UpdateId")),
            "400": errors(), "403": errors(), "404": errors(),
            "409": answer("The request changed meanwhile; post again", list_of("Error")),
            "429": errors(),
        },
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Kiezwerk Open311 GeoReport v2",
            "version": "2",
            "description": "Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) in XML and JSON, with tokens, the updates extension and photos as multipart parts. Public answers carry no personal data.",
        },
        "servers": [{ "url": base }],
        "paths": {
            "/open311/discovery.{format}": get("Where the API is and in which formats", vec![locale.clone()], answer("Discovery", reference("Discovery"))),
            "/open311/v2/services.{format}": get("The municipality's services (categories)", vec![jurisdiction.clone(), locale.clone()], answer("The services", list_of("Service"))),
            "/open311/v2/services/{service_code}.{format}": get("A service's extra questions as attributes", vec![one_of(path("service_code", "the service's code"), services), jurisdiction.clone(), locale.clone()], answer("The definition", reference("ServiceDefinition"))),
            "/open311/v2/requests.{format}": requests,
            "/open311/v2/requests/{service_request_id}.{format}": get("One request", vec![path("service_request_id", "the reference, e.g. BER-2026-000001"), jurisdiction.clone(), locale.clone()], answer("The request", list_of("ServiceRequest"))),
            "/open311/v2/tokens/{token}.{format}": get("The request a token stands for", vec![path("token", "the token of a POST requests answer"), jurisdiction.clone(), locale.clone()], answer("The request's id", list_of("Token"))),
            "/open311/v2/servicerequestupdates.{format}": updates,
        },
        "components": { "schemas": schemas },
    })
}
