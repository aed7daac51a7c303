//! Checks REST requests against Discord's published OpenAPI spec
//! (`tests/fixtures/discord-openapi/openapi.json`, MIT, see the LICENSE beside it) plus the
//! documented limits the spec does not encode (or encodes more loosely than Discord enforces),
//! plus this project's own rule that the bot never pings anyone.
//!
//! The spec is OpenAPI 3.1, whose schemas are JSON Schema 2020-12. Each operation's
//! `requestBody` schema refers into `#/components/schemas/...`, so it is compiled as a root
//! document that carries a copy of `components`: JSON-pointer refs then resolve inside the same
//! document and jsonschema needs no registry. Compiled validators are cached per schema.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{json, Value};

/// Discord's limits that the spec leaves out or states more loosely (e.g. the spec allows 4000
/// content characters, which only applies to Nitro users, never bots).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_FIELDS: usize = 25;
    pub const EMBED_FIELD_NAME: usize = 256;
    pub const EMBED_FIELD_VALUE: usize = 1024;
    pub const EMBED_FOOTER: usize = 2048;
    pub const EMBED_AUTHOR: usize = 256;
    pub const EMBED_TOTAL: usize = 6000;
    pub const THREAD_NAME: usize = 100;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_STRING_VALUE: usize = 100;
    pub const ACTION_ROWS: usize = 5;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const CUSTOM_ID: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const SELECT_OPTIONS: usize = 25;
    pub const SELECT_OPTION_TEXT: usize = 100;
    pub const SELECT_PLACEHOLDER: usize = 150;
    pub const MODAL_TITLE: usize = 45;
}

const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/discord-openapi/openapi.json"
);

struct Operation {
    method: String,
    template: String,
    segments: Vec<Option<String>>,
    has_body: bool,
    body_required: bool,
}

/// The spec, its operations, and compiled body validators. One per test process
/// ([`SpecValidator::global`]): parsing 1.2 MB of spec and compiling schemas is the slow part.
pub struct SpecValidator {
    spec: Value,
    operations: Vec<Operation>,
    compiled: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

impl SpecValidator {
    pub fn global() -> &'static SpecValidator {
        static V: OnceLock<SpecValidator> = OnceLock::new();
        V.get_or_init(|| {
            let text = std::fs::read_to_string(SPEC_PATH)
                .unwrap_or_else(|e| panic!("reading Discord OpenAPI spec {SPEC_PATH}: {e}"));
            let spec: Value = serde_json::from_str(&text).expect("Discord OpenAPI spec is JSON");
            SpecValidator::new(spec)
        })
    }

    fn new(mut spec: Value) -> Self {
        // The spec types snowflakes as strings only, but Discord accepts integers in request
        // bodies and its own file-upload docs use `"attachments": [{"id": 0}]`, which is what
        // serenity sends for new uploads. Without this every upload would be a false alarm.
        let snowflake = &mut spec["components"]["schemas"]["SnowflakeType"];
        let as_string = snowflake.clone();
        *snowflake = json!({ "anyOf": [as_string, { "type": "integer", "minimum": 0 }] });
        // Command requests type `default_member_permissions` as an integer, while Discord's
        // docs (and its own responses) use a permission string such as "0" or "8", which is
        // what serenity sends. Accept both.
        for name in [
            "ApplicationCommandCreateRequest",
            "ApplicationCommandPatchRequestPartial",
            "ApplicationCommandUpdateRequest",
        ] {
            let field = &mut spec["components"]["schemas"][name]["properties"]
                ["default_member_permissions"];
            if field.is_object() {
                let as_integer = field.clone();
                *field = json!({ "anyOf": [as_integer, { "type": "string", "pattern": "^[0-9]{1,20}$" }] });
            }
        }
        let mut operations = Vec::new();
        let paths = spec["paths"].as_object().expect("spec has paths");
        for (template, item) in paths {
            let segments = template
                .trim_matches('/')
                .split('/')
                .map(|s| (!s.starts_with('{')).then(|| s.to_string()))
                .collect::<Vec<_>>();
            for (method, op) in item.as_object().expect("path item is an object") {
                if method == "parameters" {
                    continue;
                }
                let body = op.get("requestBody");
                operations.push(Operation {
                    method: method.to_uppercase(),
                    template: template.clone(),
                    segments: segments.clone(),
                    has_body: body.is_some(),
                    body_required: body.and_then(|b| b["required"].as_bool()).unwrap_or(false),
                });
            }
        }
        SpecValidator {
            spec,
            operations,
            compiled: Mutex::new(HashMap::new()),
        }
    }

    /// The spec's path template for a request path (without `/api/v10`), e.g.
    /// `/channels/123/messages` → `/channels/{channel_id}/messages`. Literal segments win over
    /// parameters, so `/users/@me` is not taken for `/users/{user_id}`.
    pub fn route(&self, method: &str, path: &str) -> Option<&str> {
        self.operation(method, path).map(|op| op.template.as_str())
    }

    fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.operations
            .iter()
            .filter(|op| op.method.eq_ignore_ascii_case(method) && op.segments.len() == parts.len())
            .filter(|op| {
                op.segments.iter().zip(&parts).all(|(seg, part)| match seg {
                    Some(lit) => lit == part,
                    None => !part.is_empty(),
                })
            })
            .max_by_key(|op| op.segments.iter().filter(|s| s.is_some()).count())
    }

    /// Everything wrong with a request: unknown operation, body not matching the spec's schema,
    /// Discord limits, and mentions that could ping. `path` excludes `/api/v10`. Empty = fine.
    pub fn check(&self, method: &str, path: &str, body: Option<&Value>) -> Vec<String> {
        let method = method.to_uppercase();
        let what = format!("{method} {path}");
        let Some(op) = self.operation(&method, path) else {
            return vec![format!(
                "{what}: no such operation in Discord's OpenAPI spec"
            )];
        };
        let mut out = Vec::new();
        match (body, op.has_body) {
            (None, true) if op.body_required => {
                out.push(format!(
                    "{what}: the spec requires a request body, none was sent"
                ));
            }
            (Some(_), false) => {
                out.push(format!("{what}: sent a body, but the operation takes none"));
            }
            (Some(b), true) => {
                let schema_key = self.body_schema_key(op, b);
                match schema_key {
                    Ok(key) => {
                        let validator = self.validator(&key);
                        for err in validator.iter_errors(b).take(8) {
                            out.push(format!(
                                "{what}: body{} does not match spec ({key}): {err}",
                                pointer_or_root(&err.instance_path.to_string())
                            ));
                        }
                    }
                    Err(e) => out.push(format!("{what}: {e}")),
                }
                out.extend(
                    discord_rules(&method, &op.template, b)
                        .into_iter()
                        .map(|e| format!("{what}: {e}")),
                );
            }
            _ => {}
        }
        out
    }

    /// Which schema validates this body. The interaction callback's schema is an `anyOf` over
    /// all callback kinds, whose only error would be "matches none of them"; picking the branch
    /// by `type` (as Discord does) yields errors that say what is actually wrong.
    fn body_schema_key(&self, op: &Operation, body: &Value) -> Result<String, String> {
        if op.method == "POST"
            && op.template == "/interactions/{interaction_id}/{interaction_token}/callback"
        {
            let name = match body.get("type").and_then(Value::as_u64) {
                Some(1) => "PongInteractionCallbackRequest",
                Some(4 | 5) => "CreateMessageInteractionCallbackRequest",
                Some(6 | 7) => "UpdateMessageInteractionCallbackRequest",
                Some(8) => "ApplicationCommandAutocompleteCallbackRequest",
                Some(9) => "ModalInteractionCallbackRequest",
                Some(12) => "LaunchActivityInteractionCallbackRequest",
                Some(t) => return Err(format!("unknown interaction callback type {t}")),
                None => return Err("interaction callback without an integer `type`".into()),
            };
            return Ok(format!("#/components/schemas/{name}"));
        }
        Ok(format!("{} {}", op.method, op.template))
    }

    fn validator(&self, key: &str) -> Arc<jsonschema::Validator> {
        if let Some(v) = self
            .compiled
            .lock()
            .expect("validator cache poisoned")
            .get(key)
        {
            return v.clone();
        }
        let mut root = if let Some(pointer) = key.strip_prefix('#') {
            json!({ "$ref": format!("#{pointer}") })
        } else {
            let (method, template) = key.split_once(' ').expect("key is 'METHOD template'");
            let op = &self.spec["paths"][template][method.to_lowercase()];
            op["requestBody"]["content"]["application/json"]["schema"].clone()
        };
        root["components"] = self.spec["components"].clone();
        let compiled = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .unwrap_or_else(|e| panic!("compiling spec schema {key}: {e}"));
        let compiled = Arc::new(compiled);
        self.compiled
            .lock()
            .expect("validator cache poisoned")
            .insert(key.to_string(), compiled.clone());
        compiled
    }
}

fn pointer_or_root(p: &str) -> String {
    if p.is_empty() {
        String::new()
    } else {
        p.to_string()
    }
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn too_long(out: &mut Vec<String>, what: &str, v: &Value, max: usize) {
    let n = chars(v);
    if n > max {
        out.push(format!("{what} is {n} characters, Discord allows {max}"));
    }
}

/// How strictly a body is held to the "no pings" rule.
#[derive(Clone, Copy, PartialEq)]
enum MessageKind {
    /// Posts a new message: must carry `allowed_mentions` and have something to show.
    Create,
    /// Edits one: `allowed_mentions` matters only if the content changes.
    Edit,
}

/// Discord's documented limits and the project's no-ping rule, per route.
fn discord_rules(method: &str, template: &str, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match (method, template) {
        ("POST", "/channels/{channel_id}/messages")
        | ("POST", "/webhooks/{webhook_id}/{webhook_token}") => {
            message_rules(&mut out, "body", body, MessageKind::Create);
        }
        ("PATCH", "/channels/{channel_id}/messages/{message_id}")
        | ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
        | ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}") => {
            message_rules(&mut out, "body", body, MessageKind::Edit);
        }
        ("POST", "/interactions/{interaction_id}/{interaction_token}/callback") => {
            callback_rules(&mut out, body);
        }
        ("POST", "/channels/{channel_id}/threads")
        | ("POST", "/channels/{channel_id}/messages/{message_id}/threads") => {
            match body.get("name") {
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    too_long(&mut out, "thread name", &body["name"], limits::THREAD_NAME)
                }
                _ => out.push("thread name missing or empty".into()),
            }
            if let Some(m) = body.get("message") {
                message_rules(&mut out, "body.message", m, MessageKind::Create);
            }
        }
        ("PATCH", "/channels/{channel_id}") => {
            if let Some(name) = body.get("name") {
                too_long(&mut out, "channel/thread name", name, limits::THREAD_NAME);
            }
        }
        _ => {}
    }
    out
}

fn callback_rules(out: &mut Vec<String>, body: &Value) {
    let data = body.get("data").filter(|d| !d.is_null());
    match body.get("type").and_then(Value::as_u64) {
        Some(4) => match data {
            Some(d) => message_rules(out, "body.data", d, MessageKind::Create),
            None => out.push("callback type 4 (message) without data".into()),
        },
        Some(7) => {
            if let Some(d) = data {
                message_rules(out, "body.data", d, MessageKind::Create);
            }
        }
        Some(8) => {
            let choices = data
                .and_then(|d| d.get("choices"))
                .and_then(Value::as_array);
            match choices {
                None => out.push("autocomplete callback without data.choices".into()),
                Some(cs) => {
                    if cs.len() > limits::AUTOCOMPLETE_CHOICES {
                        out.push(format!(
                            "{} autocomplete choices, Discord allows {}",
                            cs.len(),
                            limits::AUTOCOMPLETE_CHOICES
                        ));
                    }
                    for (i, c) in cs.iter().enumerate() {
                        let n = chars(&c["name"]);
                        if n == 0 || n > limits::CHOICE_NAME {
                            out.push(format!(
                                "autocomplete choice {i} name is {n} characters, Discord allows 1..={}",
                                limits::CHOICE_NAME
                            ));
                        }
                        too_long(
                            out,
                            &format!("autocomplete choice {i} value"),
                            &c["value"],
                            limits::CHOICE_STRING_VALUE,
                        );
                    }
                }
            }
        }
        Some(9) => {
            if let Some(d) = data {
                too_long(out, "modal title", &d["title"], limits::MODAL_TITLE);
                too_long(out, "modal custom_id", &d["custom_id"], limits::CUSTOM_ID);
            }
        }
        _ => {}
    }
}

fn message_rules(out: &mut Vec<String>, at: &str, body: &Value, kind: MessageKind) {
    if let Some(content) = body.get("content") {
        too_long(out, &format!("{at}.content"), content, limits::CONTENT);
    }
    let embeds = body
        .get("embeds")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    embed_rules(out, at, embeds);
    component_rules(out, at, body.get("components"));

    if kind == MessageKind::Create {
        let nonempty = |k: &str| match body.get(k) {
            Some(Value::String(s)) => !s.is_empty(),
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::Null) | None => false,
            Some(_) => true,
        };
        if ![
            "content",
            "embeds",
            "components",
            "attachments",
            "sticker_ids",
            "poll",
        ]
        .iter()
        .any(|k| nonempty(k))
        {
            out.push(format!(
                "{at}: empty message (no content, embeds, components or files)"
            ));
        }
    }
    let content_changes = body.get("content").is_some_and(|c| !c.is_null());
    if kind == MessageKind::Create || content_changes {
        allowed_mentions_rules(out, at, body.get("allowed_mentions"));
    }
}

/// The bot quotes user-supplied text back into channels, so it must never let Discord turn
/// `@everyone`, role or user mentions in it into pings.
fn allowed_mentions_rules(out: &mut Vec<String>, at: &str, am: Option<&Value>) {
    let Some(am) = am.filter(|v| v.is_object()) else {
        out.push(format!(
            "{at}: no allowed_mentions; Discord would ping every mention in the content \
             (send allowed_mentions with an empty parse list)"
        ));
        return;
    };
    for key in ["parse", "users", "roles"] {
        if am
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
        {
            out.push(format!(
                "{at}.allowed_mentions.{key} is {}, must be empty",
                am[key]
            ));
        }
    }
    if am.get("replied_user").and_then(Value::as_bool) == Some(true) {
        out.push(format!(
            "{at}.allowed_mentions.replied_user is true, must not ping"
        ));
    }
}

fn embed_rules(out: &mut Vec<String>, at: &str, embeds: &[Value]) {
    if embeds.len() > limits::EMBEDS {
        out.push(format!(
            "{at}: {} embeds, Discord allows {}",
            embeds.len(),
            limits::EMBEDS
        ));
    }
    let mut total = 0;
    for (i, e) in embeds.iter().enumerate() {
        let p = format!("{at}.embeds[{i}]");
        too_long(out, &format!("{p}.title"), &e["title"], limits::EMBED_TITLE);
        too_long(
            out,
            &format!("{p}.description"),
            &e["description"],
            limits::EMBED_DESCRIPTION,
        );
        too_long(
            out,
            &format!("{p}.footer.text"),
            &e["footer"]["text"],
            limits::EMBED_FOOTER,
        );
        too_long(
            out,
            &format!("{p}.author.name"),
            &e["author"]["name"],
            limits::EMBED_AUTHOR,
        );
        total += chars(&e["title"]) + chars(&e["description"]);
        total += chars(&e["footer"]["text"]) + chars(&e["author"]["name"]);
        let fields = e["fields"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        if fields.len() > limits::EMBED_FIELDS {
            out.push(format!(
                "{p}: {} fields, Discord allows {}",
                fields.len(),
                limits::EMBED_FIELDS
            ));
        }
        for (j, f) in fields.iter().enumerate() {
            for (key, max) in [
                ("name", limits::EMBED_FIELD_NAME),
                ("value", limits::EMBED_FIELD_VALUE),
            ] {
                let n = chars(&f[key]);
                if n == 0 {
                    out.push(format!(
                        "{p}.fields[{j}].{key} is empty; Discord rejects that"
                    ));
                }
                if n > max {
                    out.push(format!(
                        "{p}.fields[{j}].{key} is {n} characters, Discord allows {max}"
                    ));
                }
                total += n;
            }
        }
    }
    if total > limits::EMBED_TOTAL {
        out.push(format!(
            "{at}: embeds total {total} characters, Discord allows {}",
            limits::EMBED_TOTAL
        ));
    }
}

fn component_rules(out: &mut Vec<String>, at: &str, components: Option<&Value>) {
    let Some(rows) = components.and_then(Value::as_array) else {
        return;
    };
    if rows.len() > limits::ACTION_ROWS {
        out.push(format!(
            "{at}: {} action rows, Discord allows {}",
            rows.len(),
            limits::ACTION_ROWS
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let items = row["components"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if row["type"] == 1 && items.len() > limits::BUTTONS_PER_ROW {
            out.push(format!(
                "{at}.components[{i}]: {} components in a row, Discord allows {}",
                items.len(),
                limits::BUTTONS_PER_ROW
            ));
        }
        for (j, c) in items.iter().enumerate() {
            let p = format!("{at}.components[{i}].components[{j}]");
            too_long(
                out,
                &format!("{p}.custom_id"),
                &c["custom_id"],
                limits::CUSTOM_ID,
            );
            too_long(
                out,
                &format!("{p}.label"),
                &c["label"],
                limits::BUTTON_LABEL,
            );
            if c["type"] == 3 {
                select_menu(out, &p, c, items.len());
            }
            // A non-link button needs a custom_id to be clickable at all.
            if c["type"] == 2
                && c["style"] != 5
                && c["style"] != 6
                && c["custom_id"].as_str().is_none()
            {
                out.push(format!("{p}: button without custom_id"));
            }
        }
    }
}

/// A string select: alone in its row, 1 to 25 options with distinct values, every text within
/// Discord's limits, and a choice count the options can satisfy.
fn select_menu(out: &mut Vec<String>, p: &str, c: &Value, in_row: usize) {
    if in_row != 1 {
        out.push(format!(
            "{p}: a select menu must be alone in its action row"
        ));
    }
    if c["custom_id"].as_str().is_none() {
        out.push(format!("{p}: select menu without custom_id"));
    }
    too_long(
        out,
        &format!("{p}.placeholder"),
        &c["placeholder"],
        limits::SELECT_PLACEHOLDER,
    );
    let options = c["options"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    if options.is_empty() || options.len() > limits::SELECT_OPTIONS {
        out.push(format!(
            "{p}: {} options, Discord allows 1 to {}",
            options.len(),
            limits::SELECT_OPTIONS
        ));
    }
    let mut values = std::collections::HashSet::new();
    for (k, o) in options.iter().enumerate() {
        for field in ["label", "value"] {
            let n = o[field].as_str().map_or(0, |t| t.chars().count());
            if n == 0 || n > limits::SELECT_OPTION_TEXT {
                out.push(format!(
                    "{p}.options[{k}].{field}: {n} characters, Discord allows 1 to {}",
                    limits::SELECT_OPTION_TEXT
                ));
            }
        }
        too_long(
            out,
            &format!("{p}.options[{k}].description"),
            &o["description"],
            limits::SELECT_OPTION_TEXT,
        );
        if !values.insert(o["value"].to_string()) {
            out.push(format!("{p}.options[{k}]: a value used twice"));
        }
    }
    let max = c["max_values"].as_u64().unwrap_or(1) as usize;
    let min = c["min_values"].as_u64().unwrap_or(1) as usize;
    if min > max || max > options.len().max(1) {
        out.push(format!(
            "{p}: min_values {min} / max_values {max} with {} options",
            options.len()
        ));
    }
}
