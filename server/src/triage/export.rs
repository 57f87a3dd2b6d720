//! The filtered queue as CSV: semicolon-separated UTF-8 with a byte order mark, what German
//! spreadsheet programs open without asking. Cells that a spreadsheet would run as a formula
//! are defused.

use csv::{QuoteStyle, Terminator, WriterBuilder};

/// Spreadsheet programs run cells that start like a formula; such cells get a leading `'`.
fn defuse(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// The CSV file: the head line, then one line per row.
pub fn csv<R: AsRef<str>>(head: &[&str], rows: impl IntoIterator<Item = Vec<R>>) -> String {
    let mut writer = WriterBuilder::new()
        .delimiter(b';')
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing into memory fails only for records of another length, which cannot happen here.
    let _ = writer.write_record(head.iter().map(|cell| defuse(cell)));
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| defuse(cell.as_ref())));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cell: &str) -> String {
        let file = csv::<&str>(&[cell], []);
        file.trim_start_matches('\u{feff}')
            .trim_end_matches("\r\n")
            .to_owned()
    }

    #[test]
    fn csv_cells_are_quoted_and_cannot_run_formulas() {
        assert_eq!(line("Müll"), "Müll");
        assert_eq!(line("a;b"), "\"a;b\"");
        assert_eq!(line("sagt \"hallo\""), "\"sagt \"\"hallo\"\"\"");
        assert_eq!(line("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(line("-5"), "'-5");
    }

    #[test]
    fn a_file_starts_with_a_byte_order_mark_and_ends_lines_with_crlf() {
        let file = csv(&["A", "B"], [vec!["1", "2"], vec!["3", ""]]);
        assert_eq!(file, "\u{feff}A;B\r\n1;2\r\n3;\r\n");
    }
}
