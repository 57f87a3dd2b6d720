//! Text people type: cleaned before it is stored, e-mail addresses checked for typing slips.

/// Trims the text a citizen typed; control characters other than line feeds go.
pub fn clean_text(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// A reader of a CSV file as spreadsheets write it in Germany or elsewhere: separated by `;`
/// when the header line has at least as many semicolons as commas, else by `,`; a byte-order
/// mark dropped, fields trimmed, lines of any length.
pub fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.trim_start_matches('\u{feff}');
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// A plausible e-mail address: one `@`, a dot in the domain, no spaces, at most 254 characters.
/// Deliverability is the mail server's business; this catches typing slips.
pub fn parse_email(input: &str) -> Option<String> {
    let email = input.trim();
    let (local, domain) = email.split_once('@')?;
    let valid = email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
    valid.then(|| email.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_catch_typing_slips() {
        assert_eq!(
            parse_email(" anna@example.de ").as_deref(),
            Some("anna@example.de")
        );
        for bad in [
            "anna",
            "anna@",
            "@example.de",
            "anna@example",
            "anna@@example.de",
            "an na@example.de",
            "anna@example..de",
            "a<b>@example.de",
        ] {
            assert_eq!(parse_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_is_trimmed_and_stripped_of_control_characters() {
        assert_eq!(clean_text("  Müll\r\nda\u{7}  "), "Müll\nda");
    }
}
