//! Files streamed from the database (the open data): rows are read one at a time and leave in
//! chunks of about 64 KiB, so an export of a million rows needs no more memory than one of
//! ten, and the database is read no faster than the client takes the file. With the CSV
//! helpers every export shares: quoting, and names a spreadsheet would run as formulas
//! defused.

use crate::core::db::Db;
use axum::body::Body;
use bytes::Bytes;
use futures_util::StreamExt;
use sqlx::any::AnyRow;

/// A chunk leaves the server when it reaches this size.
const CHUNK: usize = 64 * 1024;
/// Chunks waiting for a slow client.
const CHUNKS_IN_FLIGHT: usize = 4;

/// The rows of `sql` (with `$1` bound to `key`) as a body that streams while the database is
/// read: `header`, then each row as `write(out, first, row)` puts it, then `footer`. A failure
/// midway is logged and ends the body with an error, so the client sees a broken download
/// rather than a short one that looks complete.
pub fn streamed<T, W>(
    db: Db,
    sql: &'static str,
    key: i64,
    header: Vec<u8>,
    footer: &'static [u8],
    mut write: W,
) -> Body
where
    T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin + 'static,
    W: FnMut(&mut Vec<u8>, bool, T) + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(CHUNKS_IN_FLIGHT);
    tokio::spawn(async move {
        let mut out = header;
        let mut rows = sqlx::query_as::<_, T>(sql).bind(key).fetch(&db.pool);
        let mut first = true;
        while let Some(row) = rows.next().await {
            let row = match row {
                Ok(row) => row,
                Err(error) => {
                    tracing::error!(%error, "open-data export failed");
                    let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
                    return;
                }
            };
            write(&mut out, first, row);
            first = false;
            if out.len() >= CHUNK {
                let chunk = Bytes::from(std::mem::replace(
                    &mut out,
                    Vec::with_capacity(CHUNK + 1024),
                ));
                if tx.send(Ok(chunk)).await.is_err() {
                    // The client went away.
                    return;
                }
            }
        }
        out.extend(footer);
        let _ = tx.send(Ok(Bytes::from(out))).await;
    });
    // Fused: the compression layer polls once more after the end.
    Body::from_stream(
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        })
        .fuse(),
    )
}

/// One CSV line of `fields` separated by `separator`, ended by CRLF.
pub fn csv_line<S: AsRef<str>>(out: &mut Vec<u8>, separator: u8, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        csv_field(out, separator, field.as_ref());
    }
    out.extend(b"\r\n");
}

/// One CSV field: quoted (quotes doubled) when it holds the separator, a quote or a line break.
pub fn csv_field(out: &mut Vec<u8>, separator: u8, value: &str) {
    if value
        .bytes()
        .any(|b| b == separator || b == b'"' || b == b'\n' || b == b'\r')
    {
        out.push(b'"');
        out.extend(value.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend(value.as_bytes());
    }
}

/// A name that a spreadsheet would take for a formula gets a leading apostrophe.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
        assert_eq!(spreadsheet_safe("Straßenbeleuchtung"), "Straßenbeleuchtung");
    }

    #[test]
    fn csv_fields_with_separators_quotes_or_line_breaks_are_quoted() {
        let mut out = Vec::new();
        for value in [
            "Mitte",
            "Grün; Park",
            "Der \"Platz\"",
            "zwei\nZeilen",
            "a,b",
        ] {
            csv_field(&mut out, b';', value);
            out.push(b'|');
        }
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "Mitte|\"Grün; Park\"|\"Der \"\"Platz\"\"\"|\"zwei\nZeilen\"|a,b|"
        );
        let mut line = Vec::new();
        csv_line(&mut line, b',', &["a,b", "c"]);
        assert_eq!(line, b"\"a,b\",c\r\n");
    }
}
