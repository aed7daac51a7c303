//! The configuration's layers, merged by figment, later layers winning key by key:
//!
//! 1. built-in defaults ([`Config::default`]);
//! 2. every `*.toml` in the config folder, in name order (or the one file `--config` names);
//! 3. environment variables: `INTERVIEW_BOT_<KEY>` for every key, nested keys joined with `__`
//!    (`INTERVIEW_BOT_SEARCH__RESULTS=5`), Discord's usual `DISCORD_*` names for the `discord`
//!    table and `DATABASE_URL` for the feedback store; empty values count as unset, as in
//!    `.env.example`;
//! 4. command-line flags.
//!
//! Every variable and file is its own figment provider, so that an error and `interview-bot
//! config` can name the exact file or variable a value came from.

use std::path::{Path, PathBuf};

use figment::providers::{Format, Serialized, Toml};
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider, Source};

use super::{Config, REDACTED};

/// The prefix of the configuration's environment variables.
pub const ENV_PREFIX: &str = "INTERVIEW_BOT_";

/// Variables with the prefix that are not configuration keys: the cache folder (read by the
/// fetch scripts too, so it stays a plain variable), the dense-search measurement knobs, and the
/// test script's switches.
pub const ENV_ONLY: &[&str] = &[
    "INTERVIEW_BOT_CACHE",
    "INTERVIEW_BOT_BOUNDED_FROM",
    "INTERVIEW_BOT_PROBE",
    "INTERVIEW_BOT_REQUIRE_MODEL",
    "INTERVIEW_BOT_REQUIRE_POSTGRES",
    "INTERVIEW_BOT_TEST_POSTGRES",
];

/// Conventional variable names (Discord's, and the usual database URL) and the keys they set.
const CONVENTIONAL_VARS: &[(&str, &str)] = &[
    ("DISCORD_TOKEN", "discord.token"),
    ("DISCORD_GUILD_ID", "discord.guild_id"),
    ("DISCORD_PROXY_URL", "discord.proxy_url"),
    ("DISCORD_MESSAGE_CONTENT", "discord.message_content"),
    ("DISCORD_SHARDS", "discord.shards"),
    ("DISCORD_TOTAL_SHARDS", "discord.total_shards"),
    ("DATABASE_URL", "feedback.database_url"),
];

/// Keys whose values are never shown.
const SECRET_KEYS: &[&str] = &[TOKEN_KEY, "feedback.database_url"];

/// How `interview-bot config` shows a key with no value.
pub const NOT_SET: &str = "(not set)";

/// The key that only the environment may set.
const TOKEN_KEY: &str = "discord.token";

/// The command line's layer: the flags that override configuration keys.
#[derive(Debug, Clone, Default)]
pub struct CliLayer {
    /// `--seeds`
    pub seeds_dir: Option<PathBuf>,
    /// `--index-dir`
    pub index_dir: Option<PathBuf>,
    /// `--model`
    pub model_dir: Option<PathBuf>,
    /// `--no-model`
    pub no_model: bool,
    /// `serve --shards`
    pub shards: Option<String>,
    /// `serve --total-shards`
    pub total_shards: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path} is not valid TOML: {message}")]
    Parse { path: PathBuf, message: String },
    /// A key no layer may have, or a value of the wrong type: the message names the key and the
    /// file or variable it came from.
    #[error("invalid configuration: {0}")]
    Invalid(String),
    #[error(
        "{0} sets the Discord token: remove it from there and put it in DISCORD_TOKEN \
         (the environment or .env), which is never committed"
    )]
    TokenInFile(PathBuf),
}

/// A key's merged value and where it came from, for `interview-bot config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Dotted key path (`search.results`).
    pub key: String,
    /// The value as JSON, [`NOT_SET`] for none; secrets redacted.
    pub value: String,
    /// "built-in default", a file path, "environment variable NAME" or "command line (--flag)".
    pub from: String,
}

/// The merged configuration, with the layers it came from.
pub struct Loaded {
    pub config: Config,
    figment: Figment,
}

impl Loaded {
    /// Merges the layers. `env` is the environment, passed in so that tests need not touch the
    /// process's.
    pub fn load(
        files: Files<'_>,
        env: impl IntoIterator<Item = (String, String)>,
        cli: &CliLayer,
    ) -> Result<Self, ConfigError> {
        let mut layers: Vec<Box<dyn Provider>> = vec![Box::new(Named {
            inner: Serialized::defaults(Config::default()),
            metadata: Metadata::named("built-in default").interpolater(dotted),
        })];
        for file in config_files(files)? {
            layers.push(Box::new(file_layer(&file)?));
        }
        let mut env: Vec<(String, String)> = env.into_iter().collect();
        env.sort();
        for (name, value) in env {
            if let Some(layer) = env_layer(&name, &value) {
                layers.push(Box::new(layer));
            }
        }
        layers.push(Box::new(cli.clone()));

        let mut figment = Figment::new();
        for layer in &layers {
            figment = figment.merge(ProviderRef(layer.as_ref()));
        }
        match figment.extract_lossy::<Config>() {
            Ok(config) => Ok(Self { config, figment }),
            Err(merged) => Err(ConfigError::Invalid(blame(&layers, merged))),
        }
    }

    /// Every key's value and origin, in key order; the token redacted.
    pub fn origins(&self) -> Vec<Origin> {
        let mut out = Vec::new();
        if let Ok(data) = Provider::data(&self.figment) {
            if let Some(dict) = data.get(&Profile::Default) {
                self.walk("", dict, &mut out);
            }
        }
        out
    }

    fn walk(&self, prefix: &str, dict: &Dict, out: &mut Vec<Origin>) {
        for (k, v) in dict {
            // TOML's dotted-key form: a key that is not a bare word (a file name) is quoted.
            let bare = !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let part = if bare { k.clone() } else { format!("{k:?}") };
            let key = if prefix.is_empty() {
                part
            } else {
                format!("{prefix}.{part}")
            };
            match v {
                Value::Dict(_, inner) if !inner.is_empty() => self.walk(&key, inner, out),
                _ => {
                    let value = match v {
                        Value::Empty(..) => NOT_SET.to_string(),
                        _ if SECRET_KEYS.contains(&key.as_str()) => format!("{REDACTED:?}"),
                        _ => serde_json::to_string(v).unwrap_or_default(),
                    };
                    let from = self
                        .figment
                        .get_metadata(v.tag())
                        .map(describe)
                        .unwrap_or_else(|| "unknown".into());
                    out.push(Origin { key, value, from });
                }
            }
        }
    }
}

impl Config {
    /// The layers with the process's environment and no command-line flags.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        Ok(Loaded::load(path.into(), process_env(), &CliLayer::default())?.config)
    }

    /// Defaults and the environment only: for tools (benchmarks, examples) that need only the
    /// model folder or the like.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(Loaded::load(Files::Skip, process_env(), &CliLayer::default())?.config)
    }
}

/// Where layer 2 comes from.
#[derive(Debug, Clone, Copy)]
pub enum Files<'a> {
    /// The `config` folder of the working directory; its absence only warns.
    Default,
    /// This folder (every `*.toml` in it) or this one file; its absence is an error.
    At(&'a Path),
    /// No files.
    Skip,
}

impl<'a> From<Option<&'a Path>> for Files<'a> {
    fn from(path: Option<&'a Path>) -> Self {
        path.map_or(Files::Default, Files::At)
    }
}

/// The process's environment, skipping variables that are not Unicode (no key has such a name).
pub fn process_env() -> Vec<(String, String)> {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect()
}

/// The files of layer 2. A missing default folder warns (paths in config are relative to the
/// working directory, so a bot started elsewhere would otherwise run on defaults without a
/// word); a missing folder that was named is an error.
fn config_files(files: Files<'_>) -> Result<Vec<PathBuf>, ConfigError> {
    let dir = match files {
        Files::Skip => return Ok(Vec::new()),
        Files::Default => PathBuf::from("config"),
        Files::At(p) => p.to_path_buf(),
    };
    let read_err = |source| ConfigError::Read {
        path: dir.clone(),
        source,
    };
    let meta = match std::fs::metadata(&dir) {
        Ok(m) => m,
        Err(e) if matches!(files, Files::At(_)) => return Err(read_err(e)),
        Err(_) => {
            tracing::warn!(
                cwd = %std::env::current_dir().unwrap_or_default().display(),
                "no config/*.toml in the working directory: using built-in defaults \
                 (run from the project folder, or pass --config PATH)"
            );
            return Ok(Vec::new());
        }
    };
    if meta.is_file() {
        return Ok(vec![dir]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(read_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// One config file as a layer. Parsed here first, so that a syntax error names the file with
/// its line, and a token in a file is refused before anything else.
fn file_layer(path: &Path) -> Result<Named<figment::providers::Data<Toml>>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let has_token = table
        .get("discord")
        .and_then(|d| d.as_table())
        .is_some_and(|d| d.contains_key("token"));
    if has_token {
        return Err(ConfigError::TokenInFile(path.to_path_buf()));
    }
    Ok(Named {
        inner: Toml::string(&text),
        metadata: Metadata::from("TOML file", Source::File(path.to_path_buf()))
            .interpolater(dotted),
    })
}

/// One environment variable as a layer, if it is one: `INTERVIEW_BOT_A__B` sets `a.b`, the
/// `DISCORD_*` names set the `discord` table.
fn env_layer(name: &str, value: &str) -> Option<EnvVar> {
    if value.trim().is_empty() || ENV_ONLY.contains(&name) {
        return None;
    }
    let key = match CONVENTIONAL_VARS.iter().find(|(var, _)| *var == name) {
        Some((_, key)) => key.to_string(),
        None => name
            .strip_prefix(ENV_PREFIX)?
            .to_ascii_lowercase()
            .replace("__", "."),
    };
    if key.split('.').any(str::is_empty) {
        return None;
    }
    Some(EnvVar {
        name: name.to_string(),
        key,
        value: value.trim().to_string(),
    })
}

struct EnvVar {
    name: String,
    key: String,
    value: String,
}

impl Provider for EnvVar {
    fn metadata(&self) -> Metadata {
        let name = self.name.clone();
        Metadata::named(format!("environment variable {}", self.name))
            .interpolater(move |_: &Profile, _: &[&str]| name.clone())
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        // The way figment's own `Env` reads values: TOML-like literals (5, true, [..]) typed,
        // anything else a string.
        let value: Value = match self.value.parse() {
            Ok(v) => v,
            Err(never) => match never {},
        };
        let dict = figment::util::nest(&self.key, value)
            .into_dict()
            .unwrap_or_default();
        Ok(Profile::Default.collect(dict))
    }
}

impl Provider for CliLayer {
    fn metadata(&self) -> Metadata {
        Metadata::named("command line").interpolater(|_: &Profile, k: &[&str]| {
            let flag = match k.join(".").as_str() {
                "seeds_dir" => "--seeds",
                "index_dir" => "--index-dir",
                "model_dir" => "--model",
                "use_model" => "--no-model",
                "discord.shards" => "serve --shards",
                "discord.total_shards" => "serve --total-shards",
                _ => "a flag",
            };
            flag.to_string()
        })
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        let mut dict = Dict::new();
        let path = |p: &PathBuf| Value::from(p.to_string_lossy().into_owned());
        if let Some(p) = &self.seeds_dir {
            dict.insert("seeds_dir".into(), path(p));
        }
        if let Some(p) = &self.index_dir {
            dict.insert("index_dir".into(), path(p));
        }
        if let Some(p) = &self.model_dir {
            dict.insert("model_dir".into(), path(p));
        }
        if self.no_model {
            dict.insert("use_model".into(), Value::from(false));
        }
        let mut discord = Dict::new();
        if let Some(s) = &self.shards {
            discord.insert("shards".into(), Value::from(s.clone()));
        }
        if let Some(n) = self.total_shards {
            discord.insert("total_shards".into(), Value::from(n));
        }
        if !discord.is_empty() {
            dict.insert("discord".into(), Value::from(discord));
        }
        Ok(Profile::Default.collect(dict))
    }
}

/// A provider under a name of ours (figment's own name a file by its format only).
struct Named<P> {
    inner: P,
    metadata: Metadata,
}

impl<P: Provider> Provider for Named<P> {
    fn metadata(&self) -> Metadata {
        self.metadata.clone()
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        self.inner.data()
    }
}

/// Lets the boxed layers be merged and still be looked at one by one afterwards.
struct ProviderRef<'a>(&'a dyn Provider);

impl Provider for ProviderRef<'_> {
    fn metadata(&self) -> Metadata {
        self.0.metadata()
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        self.0.data()
    }
}

fn dotted(_: &Profile, keys: &[&str]) -> String {
    keys.join(".")
}

fn describe(md: &Metadata) -> String {
    match &md.source {
        Some(source) => source.to_string(),
        None => md.name.to_string(),
    }
}

/// The merged error names the layer whose tag the failing value carries, which for a table
/// merged from several layers is the first of them. So each layer is tried on its own (every
/// key has a default), and the first that fails alone is the one named.
fn blame(layers: &[Box<dyn Provider>], merged: figment::Error) -> String {
    for layer in layers.iter().skip(1) {
        let alone = Figment::new().merge(ProviderRef(layer.as_ref()));
        if let Err(e) = alone.extract_lossy::<Config>() {
            let md = layer.metadata();
            let what = match &e.kind {
                figment::error::Kind::UnknownField(found, known) => {
                    format!("unknown key `{found}` (known here: {})", known.join(", "))
                }
                kind => kind.to_string(),
            };
            // A variable is its own key's name; a file needs the key spelt out.
            let key = match &md.source {
                Some(_) if !e.path.is_empty() => format!(" for key `{}`", e.path.join(".")),
                _ => String::new(),
            };
            return format!("{what}{key} in {}", describe(&md));
        }
    }
    merged.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("write config");
    }

    #[test]
    fn later_layers_win_key_by_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(
            dir.path(),
            "10-search.toml",
            "seeds_dir = \"a\"\n[search]\nresults = 5\nhistory_weight = 0.1\n",
        );
        write(dir.path(), "20-more.toml", "[search]\nresults = 7\n");
        let env = vars(&[
            ("INTERVIEW_BOT_SEARCH__SYNONYM_WEIGHT", "0.25"),
            ("INTERVIEW_BOT_SEEDS_DIR", "b"),
            ("DISCORD_GUILD_ID", "123"),
            ("DISCORD_MESSAGE_CONTENT", "yes"),
            ("DISCORD_PROXY_URL", ""),
            ("DATABASE_URL", "postgres://bot:hunter2@db.example/votes"),
            ("UNRELATED", "x"),
        ]);
        let cli = CliLayer {
            seeds_dir: Some("c".into()),
            no_model: true,
            ..CliLayer::default()
        };
        let loaded = Loaded::load(Files::At(dir.path()), env, &cli).expect("loads");
        let c = &loaded.config;
        assert_eq!(c.search.results, 7);
        assert!((c.search.history_weight - 0.1).abs() < 1e-6);
        assert!((c.search.synonym_weight - 0.25).abs() < 1e-6);
        assert_eq!(c.seeds_dir, PathBuf::from("c"));
        assert!(!c.use_model);
        assert_eq!(c.model_folder(), None);
        assert_eq!(c.discord.guild_id, Some(123));
        assert!(c.discord.message_content);
        assert_eq!(c.discord.proxy_url, None);
        let url = c.feedback.database_url.as_ref().map(|u| u.expose());
        assert_eq!(url, Some("postgres://bot:hunter2@db.example/votes"));
        let shown = format!("{:?} {:?}", c, loaded.origins());
        assert!(
            !shown.contains("hunter2"),
            "the database URL is never shown: {shown}"
        );

        let from = |key: &str| {
            loaded
                .origins()
                .into_iter()
                .find(|o| o.key == key)
                .map(|o| o.from)
                .unwrap_or_default()
        };
        assert!(from("search.results").ends_with("20-more.toml"));
        assert!(from("search.history_weight").ends_with("10-search.toml"));
        assert_eq!(
            from("search.synonym_weight"),
            "environment variable INTERVIEW_BOT_SEARCH__SYNONYM_WEIGHT"
        );
        assert_eq!(
            from("discord.guild_id"),
            "environment variable DISCORD_GUILD_ID"
        );
        assert_eq!(from("seeds_dir"), "command line");
        assert_eq!(from("search.bm25_share"), "built-in default");
    }

    #[test]
    fn the_token_comes_from_the_environment_and_is_never_shown() {
        let dir = tempfile::tempdir().expect("temp dir");
        let loaded = Loaded::load(
            Files::At(dir.path()),
            vars(&[("DISCORD_TOKEN", "abc.def.ghi")]),
            &CliLayer::default(),
        )
        .expect("loads");
        assert_eq!(
            loaded.config.discord.token.as_ref().map(|t| t.expose()),
            Some("abc.def.ghi")
        );
        let shown = format!("{:?} {:?}", loaded.config, loaded.origins());
        assert!(!shown.contains("abc.def.ghi"), "{shown}");
        assert!(shown.contains(REDACTED));

        write(dir.path(), "bot.toml", "[discord]\ntoken = \"abc\"\n");
        let err = Loaded::load(Files::At(dir.path()), vars(&[]), &CliLayer::default())
            .err()
            .expect("a token in a file is refused");
        assert!(matches!(err, ConfigError::TokenInFile(_)), "{err}");
        assert!(!err.to_string().contains("abc\""));
    }

    #[test]
    fn an_unknown_key_or_a_wrong_type_names_the_key_and_where_it_came_from() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a.toml", "[search]\nresults = 4\n");
        write(dir.path(), "b.toml", "[search]\nresultz = 5\n");
        let err = Loaded::load(Files::At(dir.path()), vars(&[]), &CliLayer::default())
            .err()
            .expect("unknown key")
            .to_string();
        assert!(err.contains("resultz") && err.contains("b.toml"), "{err}");

        std::fs::remove_file(dir.path().join("b.toml")).expect("remove");
        let err = Loaded::load(
            Files::At(dir.path()),
            vars(&[("INTERVIEW_BOT_SEARCH__RESULTS", "many")]),
            &CliLayer::default(),
        )
        .err()
        .expect("wrong type")
        .to_string();
        assert!(
            err.contains("INTERVIEW_BOT_SEARCH__RESULTS") && err.contains("many"),
            "{err}"
        );

        let err = Loaded::load(
            Files::At(dir.path()),
            vars(&[("INTERVIEW_BOT_SEED_DIR", "x")]),
            &CliLayer::default(),
        )
        .err()
        .expect("a misspelt variable is an unknown key")
        .to_string();
        assert!(err.contains("INTERVIEW_BOT_SEED_DIR"), "{err}");

        // Variables that are not keys are left alone.
        let ok = Loaded::load(
            Files::At(dir.path()),
            vars(&[
                ("INTERVIEW_BOT_CACHE", "/tmp"),
                ("INTERVIEW_BOT_REQUIRE_MODEL", "1"),
            ]),
            &CliLayer::default(),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn a_file_that_is_not_toml_is_named_with_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "x.toml", "[search]\nresults = = 3\n");
        let err = Loaded::load(Files::At(dir.path()), vars(&[]), &CliLayer::default())
            .err()
            .expect("syntax error")
            .to_string();
        assert!(err.contains("x.toml") && err.contains("line 2"), "{err}");
    }
}
