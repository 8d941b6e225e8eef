//! Reading a served form the way a browser would, and filling in every question.

/// One `<input>` or `<textarea>` of a page: its attributes as written by maud.
struct Field {
    tag: &'static str,
    name: String,
    kind: String,
    value: String,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&amp;", "&")
            .replace("&quot;", "\""),
    )
}

fn fields(html: &str) -> Vec<Field> {
    let mut found = Vec::new();
    for (tag, opening) in [("input", "<input"), ("textarea", "<textarea")] {
        let mut rest = html;
        while let Some(at) = rest.find(opening) {
            let after = &rest[at..];
            let end = after.find('>').unwrap_or(after.len());
            let text = &after[..end];
            if let Some(name) = attribute(text, "name") {
                found.push(Field {
                    tag,
                    name,
                    kind: attribute(text, "type").unwrap_or_default(),
                    value: attribute(text, "value").unwrap_or_default(),
                });
            }
            rest = &after[end..];
        }
    }
    found
}

/// The form's action and a complete set of answers: hidden fields (CSRF token, idempotency key,
/// start stamp) as served, the honeypot empty, every theme ranked, the first option of every
/// choice, a sentence in every text box. The e-mail address is left out (no mail is queued).
pub fn fill(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let form_at = html.find("method=\"post\" action=\"")?;
    let action = attribute(&html[form_at - 1..], "action")?;
    let mut answers: Vec<(String, String)> = Vec::new();
    let mut chosen: Vec<String> = Vec::new();
    let mut ranks: std::collections::HashMap<String, u32> = Default::default();
    for field in fields(html) {
        let name = field.name;
        match (field.tag, field.kind.as_str()) {
            (_, "hidden") => answers.push((name, field.value)),
            (_, "email") => {}
            ("input", "number") if name.contains("_t") => {
                let question = name.split("_t").next().unwrap_or_default().to_owned();
                let rank = ranks.entry(question).or_insert(0);
                *rank += 1;
                answers.push((name, rank.to_string()));
            }
            (_, "radio" | "checkbox") => {
                if name.ends_with("_consent") || chosen.contains(&name) {
                    continue;
                }
                chosen.push(name.clone());
                answers.push((name, field.value));
            }
            ("textarea", _) => answers.push((name, "Meer open data en open source, graag.".into())),
            (_, "text" | "") if name == "website" => answers.push((name, String::new())),
            (_, "text" | "") if name.ends_with("_other") => {}
            (_, "text" | "") => answers.push((name, "Open source".into())),
            _ => {}
        }
    }
    Some((action, answers))
}

/// The value of a named hidden field.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    fields(html)
        .into_iter()
        .find(|f| f.name == name)
        .map(|f| f.value)
}

/// Every hidden field of a page (CSRF token, idempotency key, start stamp), as served.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    fields(html)
        .into_iter()
        .filter(|f| f.kind == "hidden")
        .map(|f| (f.name, f.value))
        .collect()
}

/// The fields that change between two copies of the same form: the CSRF token, the idempotency
/// key and the signed start time.
const PER_COPY: [&str; 3] = ["csrf_token", "idempotency_key", "form_started"];

/// `filled` (from [`fill`] on an earlier copy of the same form) with the per-copy fields of a
/// newly served copy: the answers stay, only the tokens change — what a load-test script
/// extracts per request, and a tenth of the work of reading the whole form again (reading it
/// all for every copy made the load generator, not the server, the limit).
pub fn refill(html: &str, filled: &[(String, String)]) -> Option<Vec<(String, String)>> {
    let mut fresh = filled.to_vec();
    for name in PER_COPY {
        let marker = format!(" name=\"{name}\"");
        let at = html.find(&marker)?;
        let start = html[..at].rfind('<')?;
        let end = html[at..].find('>')? + at;
        let value = attribute(&html[start..end], "value")?;
        for (field, old) in fresh.iter_mut() {
            if field == name {
                *old = value.clone();
            }
        }
    }
    Some(fresh)
}
