//! Which links become clickable (OSC 8) hyperlinks. A terminal opens an OSC 8 target with a
//! click, so only schemes that open a web page, a mail or an FTP site qualify: a `file:`,
//! `javascript:` or `data:` link in an issue file, or a relative one with nothing to be
//! relative to, is shown as text and never handed to the terminal to open.

/// The schemes a link may have to be drawn as a hyperlink, in lower case.
const OPENABLE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "ftp"];

/// Whether `url` may be drawn as an OSC 8 hyperlink: its scheme is http, https, mailto or
/// ftp, in any case.
#[must_use]
pub fn is_hyperlink_target(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    OPENABLE_SCHEMES
        .iter()
        .any(|openable| scheme.eq_ignore_ascii_case(openable))
}

#[cfg(test)]
mod tests {
    use super::is_hyperlink_target;

    #[test]
    fn web_mail_and_ftp_links_open() {
        for url in [
            "https://www.spb.gov.cn/",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/邮政",
            "Mailto:info@example.com",
            "ftp://ftp.example.com/pub/",
            "FTP://ftp.example.com/",
        ] {
            assert!(is_hyperlink_target(url), "{url}");
        }
    }

    #[test]
    fn other_schemes_and_relative_links_do_not() {
        for url in [
            "file:///etc/passwd",
            "FILE:///etc/passwd",
            "javascript:alert(1)",
            "data:text/plain,hi",
            "../notes.html",
            "/notes.html",
            "notes.html",
            "www.example.com",
            " https://example.com",
            "httpx://example.com",
            "ssh://host",
            "",
            ":",
        ] {
            assert!(!is_hyperlink_target(url), "{url}");
        }
    }
}
