//! Links and forms in a page, for the link-graph crawl. The app's HTML comes from maud:
//! attributes in double quotes and escaped, so a small tag scanner reads it reliably.

use std::collections::HashMap;

/// Tags in order: name (lower case; `/form` for a closing tag), attributes (unescaped), and the
/// text up to the next tag (for `<textarea>` and `<option>`).
pub(super) fn tags(html: &str) -> Vec<(String, HashMap<String, String>, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let inside = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        if inside.starts_with('!') {
            continue;
        }
        let name_end = inside
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_whitespace() || *c == '/')
            .map_or(inside.len(), |(i, _)| i);
        let name = inside[..name_end].to_ascii_lowercase();
        let mut attributes = HashMap::new();
        let mut a = &inside[name_end..];
        loop {
            a = a.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if a.is_empty() {
                break;
            }
            let key_end = a
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(a.len());
            let key = a[..key_end].to_ascii_lowercase();
            a = &a[key_end..];
            let mut value = String::new();
            if let Some(after) = a.strip_prefix('=') {
                if let Some(quoted) = after.strip_prefix('"') {
                    let close = quoted.find('"').unwrap_or(quoted.len());
                    value = unescape(&quoted[..close]);
                    a = &quoted[(close + 1).min(quoted.len())..];
                } else {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    value = unescape(&after[..close]);
                    a = &after[close..];
                }
            }
            attributes.insert(key, value);
        }
        let text = unescape(&rest[..rest.find('<').unwrap_or(rest.len())]);
        out.push((name, attributes, text));
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A form: method (lower case), action, and the fields it sends when submitted as it is.
pub(super) struct Form {
    pub method: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl Form {
    /// The URL of a GET form submitted as it is.
    fn url(&self) -> String {
        if self.fields.is_empty() {
            return self.action.clone();
        }
        let mut query = reqwest::Url::parse("http://app.invalid/").expect("url");
        query.query_pairs_mut().extend_pairs(&self.fields);
        format!("{}?{}", self.action, query.query().unwrap_or_default())
    }
}

/// The forms of a page, with the values their fields hold.
pub(super) fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    let mut form: Option<Form> = None;
    // The select being read: its name and the option chosen so far.
    let mut select: Option<(String, Option<String>)> = None;
    for (name, attributes, text) in tags(html) {
        let attr = |k: &str| attributes.get(k).cloned();
        let field = attr("name");
        match name.as_str() {
            "form" => {
                out.extend(form.take());
                form = Some(Form {
                    method: attr("method").unwrap_or_default().to_ascii_lowercase(),
                    action: attr("action").unwrap_or_default(),
                    fields: Vec::new(),
                });
            }
            "/form" => out.extend(form.take()),
            "input" => {
                let kind = attr("type").unwrap_or_default().to_ascii_lowercase();
                let checkable = kind == "checkbox" || kind == "radio";
                let submit = kind == "submit" || kind == "image" || kind == "button";
                if let (Some(f), Some(field)) = (form.as_mut(), field)
                    && (!checkable || attributes.contains_key("checked"))
                    && !submit
                {
                    f.fields.push((field, attr("value").unwrap_or_default()));
                }
            }
            "textarea" => {
                if let (Some(f), Some(field)) = (form.as_mut(), field) {
                    f.fields.push((field, text.clone()));
                }
            }
            "select" => select = field.map(|n| (n, None)),
            "option" => {
                if let Some((_, chosen)) = select.as_mut() {
                    let value = attr("value").unwrap_or_else(|| text.trim().to_owned());
                    if chosen.is_none() || attributes.contains_key("selected") {
                        *chosen = Some(value);
                    }
                }
            }
            "/select" => {
                if let (Some(f), Some((field, chosen))) = (form.as_mut(), select.take()) {
                    f.fields.push((field, chosen.unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
    out.extend(form.take());
    out
}

/// The URLs a person (or their browser) goes to from this page: links, GET forms submitted as
/// they are, and what the page loads. POST forms are not submitted.
pub(super) fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (name, attributes, _) in tags(html) {
        match name.as_str() {
            "a" | "link" => out.extend(attributes.get("href").cloned()),
            "script" | "img" => out.extend(attributes.get("src").cloned()),
            _ => {}
        }
    }
    out.extend(
        forms(html)
            .iter()
            .filter(|f| f.method != "post")
            .map(Form::url),
    );
    out
}

#[test]
fn links_include_get_forms_with_their_defaults_and_not_post_forms() {
    let html = r#"<a href="/a?x=1&amp;y=2">A</a><link rel="stylesheet" href="/s.css">
        <form method="get" action="/zoeken"><input type="text" name="q" value="">
        <select name="thema"><option value="">Alle</option><option value="3" selected>Drie</option></select>
        <input type="checkbox" name="c" value="1"><button type="submit">Zoek</button></form>
        <form method="post" action="/uitloggen"><button>Uit</button></form>"#;
    assert_eq!(links(html), ["/a?x=1&y=2", "/s.css", "/zoeken?q=&thema=3"]);
}
