//! The Bürger-ID's mails. We do not know which language the reader prefers, so each mail says
//! everything in German and then in English; the texts are the app's (`i18n`).

use crate::core::mail::Mail;
use kiezwerk_app::i18n::{fill, Lang, Texts};

/// Both languages in one mail: greeting, text, the link (if any) and the signature in each.
fn bilingual(
    to: &str,
    name: &str,
    subject: fn(&Texts) -> &'static str,
    text: fn(&Texts) -> &'static str,
    link: Option<&str>,
) -> Mail {
    let part = |lang: Lang| {
        let t = lang.texts();
        let link = link.map(|l| format!("{l}\n\n")).unwrap_or_default();
        format!(
            "{}\n\n{}\n\n{link}{}\n",
            fill(t.mail_hello, &[name]),
            text(t),
            t.mail_signature
        )
    };
    Mail {
        to: to.to_owned(),
        subject: format!(
            "{} / {}",
            subject(Lang::De.texts()),
            subject(Lang::En.texts())
        ),
        body: format!("{}\n---\n\n{}", part(Lang::De), part(Lang::En)),
    }
}

/// The double opt-in link for an address the account wants to use.
pub fn confirm_email(name: &str, to: &str, link: &str) -> Mail {
    bilingual(
        to,
        name,
        |t| t.mail_confirm_subject,
        |t| t.mail_confirm_text,
        Some(link),
    )
}

/// The recovery link to the confirmed address.
pub fn recovery(name: &str, to: &str, link: &str) -> Mail {
    bilingual(
        to,
        name,
        |t| t.mail_recovery_subject,
        |t| t.mail_recovery_text,
        Some(link),
    )
}

/// Tells the owner that a recovery code was handed out in person.
pub fn recovery_code_issued(name: &str, to: &str) -> Mail {
    bilingual(
        to,
        name,
        |t| t.mail_recovery_code_subject,
        |t| t.mail_recovery_code_text,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_say_everything_in_german_then_in_english() {
        let mail = confirm_email("Anna", "anna@example.de", "https://k.example/x");
        assert_eq!(
            mail.subject,
            "Bitte bestätigen Sie Ihre E-Mail-Adresse / Please confirm your e-mail address"
        );
        assert!(mail.body.starts_with("Hallo Anna,\n\nbitte bestätigen Sie"));
        assert!(mail.body.contains(
            "https://k.example/x\n\nIhr Kiezwerk\n\n---\n\nHello Anna,\n\nplease confirm"
        ));
        assert!(mail
            .body
            .ends_with("https://k.example/x\n\nYour Kiezwerk\n"));
        let code = recovery_code_issued("Anna", "anna@example.de");
        assert!(code
            .body
            .contains("Gemeinde.\n\nIhr Kiezwerk\n\n---\n\nHello Anna,"));
    }
}
