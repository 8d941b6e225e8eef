//! A JSON Schema check for the keywords the generated OpenAPI 3.1 document uses. A keyword it
//! does not know fails the check instead of being skipped, so a schema it cannot judge is never
//! passed by accident.

use serde_json::Value;

/// Keywords that describe but do not constrain.
const NOTES: &[&str] = &["description", "title", "example", "examples", "default"];

/// Checks `value` against `schema`, resolving `$ref`s in `doc`; errors name the JSON path.
pub fn check(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let Some(map) = schema.as_object() else {
        return Err(format!("{at}: schema is not an object: {schema}"));
    };
    for (key, rule) in map {
        match key.as_str() {
            k if NOTES.contains(&k) => {}
            "$ref" => {
                let target = resolve(doc, rule.as_str().unwrap_or_default())
                    .ok_or_else(|| format!("{at}: dangling $ref {rule}"))?;
                check(doc, target, value, at)?;
            }
            "type" => {
                let allowed: Vec<&str> = match rule {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => return Err(format!("{at}: bad type rule {rule}")),
                };
                if !allowed.iter().any(|t| has_type(value, t)) {
                    return Err(format!("{at}: {value} is not of type {rule}"));
                }
            }
            "format" => check_format(rule.as_str().unwrap_or_default(), value, at)?,
            "enum" => {
                if !rule.as_array().is_some_and(|e| e.contains(value)) {
                    return Err(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "minimum" => {
                if let (Some(n), Some(min)) = (value.as_f64(), rule.as_f64())
                    && n < min
                {
                    return Err(format!("{at}: {n} is below the minimum {min}"));
                }
            }
            "maximum" => {
                if let (Some(n), Some(max)) = (value.as_f64(), rule.as_f64())
                    && n > max
                {
                    return Err(format!("{at}: {n} is above the maximum {max}"));
                }
            }
            "required" => {
                for name in rule.as_array().into_iter().flatten() {
                    let name = name.as_str().unwrap_or_default();
                    if value.is_object() && value.get(name).is_none() {
                        return Err(format!("{at}: required field {name} is missing"));
                    }
                }
            }
            "properties" => {
                let (Some(props), Some(object)) = (rule.as_object(), value.as_object()) else {
                    continue;
                };
                for (name, sub) in props {
                    if let Some(v) = object.get(name) {
                        check(doc, sub, v, &format!("{at}.{name}"))?;
                    }
                }
                // Every field sent is described: nothing undocumented slips out.
                if let Some(extra) = object.keys().find(|k| !props.contains_key(*k)) {
                    return Err(format!("{at}: field {extra} is not in the schema"));
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(doc, rule, item, &format!("{at}[{i}]"))?;
                }
            }
            "oneOf" => {
                let options = rule.as_array().cloned().unwrap_or_default();
                let fits = options
                    .iter()
                    .filter(|o| check(doc, o, value, at).is_ok())
                    .count();
                if fits != 1 {
                    return Err(format!(
                        "{at}: {value} fits {fits} of the oneOf options, not exactly one"
                    ));
                }
            }
            "allOf" => {
                for part in rule.as_array().into_iter().flatten() {
                    check(doc, part, value, at)?;
                }
            }
            other => return Err(format!("{at}: the checker does not know `{other}`")),
        }
    }
    Ok(())
}

fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

fn has_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}

fn check_format(format: &str, value: &Value, at: &str) -> Result<(), String> {
    let fits = match (format, value) {
        (_, Value::Null) => true,
        ("int64", v) => v.is_i64(),
        ("int32", v) => v.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        ("uint32", v) => v.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
        ("uint64", v) => v.is_u64(),
        ("uint16", v) => v.as_u64().is_some_and(|n| u16::try_from(n).is_ok()),
        ("double" | "float", v) => v.is_number(),
        ("date-time", Value::String(s)) => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        ("date", Value::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        (f, v) => {
            return Err(format!(
                "{at}: the checker does not know format {f} (for {v})"
            ));
        }
    };
    if fits {
        Ok(())
    } else {
        Err(format!("{at}: {value} is not a {format}"))
    }
}

#[test]
fn the_checker_catches_what_it_should() {
    let doc = serde_json::json!({ "components": { "schemas": { "A": {
        "type": "object", "required": ["n"],
        "properties": { "n": { "type": ["integer", "null"], "format": "int64" },
                        "s": { "type": "string", "enum": ["x"] } }
    } } } });
    let a = serde_json::json!({ "$ref": "#/components/schemas/A" });
    let ok = |v: Value| check(&doc, &a, &v, "$").is_ok();
    assert!(ok(serde_json::json!({ "n": 1, "s": "x" })));
    assert!(ok(serde_json::json!({ "n": null })));
    assert!(!ok(serde_json::json!({ "s": "x" })), "missing required");
    assert!(!ok(serde_json::json!({ "n": "1" })), "wrong type");
    assert!(!ok(serde_json::json!({ "n": 1, "s": "y" })), "not in enum");
    assert!(
        !ok(serde_json::json!({ "n": 1, "extra": 2 })),
        "undocumented field"
    );
    let unknown = serde_json::json!({ "pattern": "a+" });
    assert!(check(&doc, &unknown, &serde_json::json!("a"), "$").is_err());
}
