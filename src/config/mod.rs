//! The typed configuration and its layers (see [`layers`]): built-in defaults, then every
//! `*.toml` in the config folder in name order, then `INTERVIEW_BOT_*` (and `DISCORD_*`)
//! environment variables, then command-line flags.

mod layers;
mod speakers;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use layers::{process_env, CliLayer, ConfigError, Files, Loaded, Origin, ENV_ONLY, ENV_PREFIX};
pub use speakers::{normalize_name, Speakers};

/// Everything the engine needs to know that is not in the articles themselves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder of `*.txt` articles.
    pub seeds_dir: PathBuf,
    /// Keep the tantivy index on disk here instead of in RAM (see the performance notes).
    pub index_dir: Option<PathBuf>,
    /// A sentence-transformers model folder (`config.json`, `tokenizer.json`,
    /// `model.safetensors`); default: the folder `scripts/fetch-model.sh` fills, when it holds
    /// a model. Without one the bot ranks by words alone (see [`Config::model_folder`]).
    pub model_dir: Option<PathBuf>,
    /// `false` ranks by words alone even when a model is there (`--no-model`).
    pub use_model: bool,
    pub search: SearchConfig,
    /// Article metadata keyed by file name.
    pub articles: BTreeMap<String, ArticleMeta>,
    /// Canonical speaker names and the other ways the articles write them.
    pub speakers: Vec<SpeakerConfig>,
    /// Groups of words a reader may use for one another ("prize" and "award"). Each group is
    /// expanded as a whole: a query word in a group also searches for the others, at a discount.
    pub synonyms: Vec<Vec<String>>,
    /// A file of synonym groups, one per line, words separated by tabs (`scripts/fetch-wordnet.sh`
    /// writes WordNet's); default: `wordnet-synsets.tsv` in the cache folder, when it is there.
    pub thesaurus: Option<PathBuf>,
    /// How `serve` connects to Discord.
    pub discord: DiscordConfig,
    /// Where votes on answers are kept.
    pub feedback: FeedbackConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seeds_dir: PathBuf::from("seeds"),
            index_dir: None,
            model_dir: None,
            use_model: true,
            search: SearchConfig::default(),
            articles: BTreeMap::new(),
            speakers: Vec::new(),
            synonyms: Vec::new(),
            thesaurus: None,
            discord: DiscordConfig::default(),
            feedback: FeedbackConfig::default(),
        }
    }
}

/// Knobs of the ranking and of the no-answer decision.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// How many results `ask` returns by default (the best one first, then alternatives).
    pub results: usize,
    /// Lexical confidence below which `ask` says the articles don't cover the question.
    pub min_lexical_confidence: f32,
    /// Cosine similarity (with a model) below which `ask` says the articles don't cover it.
    pub min_semantic_similarity: f32,
    /// For a question asking for a date or a count: the model's similarity below which the
    /// sentences of the best passage that state one (or the interviewer's question they
    /// answer) are taken to date or count something else, and `ask` declines.
    pub min_fact_similarity: f32,
    /// Weight of synonym expansions relative to the word the user typed.
    pub synonym_weight: f32,
    /// Weight of the thread's earlier questions relative to the current one.
    pub history_weight: f32,
    /// Share of BM25 (against coverage of the question's words) in the lexical score.
    pub bm25_share: f32,
    /// Share of the lexical score (against the model's similarity) when a model is loaded.
    pub lexical_weight: f32,
    /// Factor applied to the introduction of an interview article: it lists the topics the
    /// exchanges answer, so it resembles many questions while answering none.
    pub intro_factor: f32,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self {
            results: 3,
            min_lexical_confidence: 0.25,
            min_semantic_similarity: 0.4,
            min_fact_similarity: 0.35,
            synonym_weight: 0.6,
            history_weight: 0.35,
            bm25_share: 0.5,
            lexical_weight: 0.3,
            intro_factor: 0.85,
        }
    }
}

/// What config says about one article. Unknown fields stay empty rather than invented.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Canonical name of the person interviewed: the speaker of unlabelled answers.
    pub interviewee: Option<String>,
}

/// The Discord side of `serve`. The token comes from `DISCORD_TOKEN` (the environment or `.env`)
/// only, never from a config file, and is never shown.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// The bot's token (`DISCORD_TOKEN`).
    pub token: Option<Secret>,
    /// Register the commands in this server only (they appear at once) instead of globally.
    pub guild_id: Option<u64>,
    /// Base URL replacing `https://discord.com` for REST (an HTTP proxy owning rate limits).
    pub proxy_url: Option<String>,
    /// Request the privileged Message Content intent (plain messages in threads answered).
    pub message_content: bool,
    /// Fair use: seconds a user must wait between two `/ask` or `/quote` (0: no limit).
    pub cooldown_seconds: f32,
    /// Run only these shards in this process: `FIRST-LAST` (or one number) of
    /// `total_shards`, so that a large bot runs as several processes or machines. Unset: all
    /// the shards Discord recommends, in this process.
    #[serde(deserialize_with = "text_or_number")]
    pub shards: Option<String>,
    /// How many shards the whole bot has (every process says the same). Without `shards`, this
    /// process runs all of them.
    pub total_shards: Option<u32>,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        Self {
            token: None,
            guild_id: None,
            proxy_url: None,
            message_content: false,
            cooldown_seconds: 3.0,
            shards: None,
            total_shards: None,
        }
    }
}

/// Votes on answers (👍 / 👎 under each answer on Discord; `interview-bot feedback`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct FeedbackConfig {
    /// `false`: no vote buttons, nothing stored.
    pub enabled: bool,
    /// The SQLite file (relative to the working directory), created when missing.
    pub database: PathBuf,
    /// A PostgreSQL URL (`DATABASE_URL`), used instead of the file: for a bot whose processes
    /// run on several machines and share one store. It may hold a password, so it is never
    /// shown.
    pub database_url: Option<Secret>,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            database: PathBuf::from("data/feedback.sqlite3"),
            database_url: None,
        }
    }
}

impl FeedbackConfig {
    /// The store this configuration names. `secret` keys the hash of voters' ids.
    pub async fn open(
        &self,
        secret: &str,
    ) -> Result<crate::feedback::FeedbackStore, crate::feedback::FeedbackError> {
        use crate::feedback::FeedbackStore;
        match self.database_url.as_ref().map(|u| u.expose().trim()) {
            Some(url) if !url.is_empty() => FeedbackStore::open_postgres(url, secret).await,
            _ => FeedbackStore::open_sqlite(&self.database, secret).await,
        }
    }
}

/// A value that must never be printed: `Debug` and `Serialize` show `<redacted>`.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// What a secret shows wherever it is printed or serialized.
pub const REDACTED: &str = "<redacted>";

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(REDACTED)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct SpeakerConfig {
    /// Canonical name, as shown to users.
    pub name: String,
    /// Other spellings: a surname alone, misspellings, nicknames.
    pub aliases: Vec<String>,
}

impl Config {
    /// The synonym groups of config, then those of the thesaurus file, and the thesaurus's
    /// irregular word forms. A thesaurus that cannot be read costs only its words, so it is
    /// logged, not fatal.
    pub fn lexicon(&self) -> Lexicon {
        let mut lexicon = Lexicon {
            synonyms: self.synonyms.clone(),
            forms: Vec::new(),
        };
        let path = self.thesaurus.clone().or_else(|| {
            crate::embed::default_cache_dir()
                .map(|d| d.join(THESAURUS_FILE))
                .filter(|p| p.is_file())
        });
        if let Some(path) = path {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let (groups, forms) = thesaurus(&text);
                    lexicon.synonyms.extend(groups);
                    lexicon.forms = forms;
                }
                Err(e) => tracing::warn!(path = %path.display(), error = %e, "no thesaurus"),
            }
        }
        lexicon
    }

    pub fn speakers(&self) -> Speakers {
        Speakers::new(&self.speakers)
    }

    /// The one answer to "which model folder?": none with `use_model = false`, else `model_dir`
    /// (returned even when incomplete, so that loading it says what is wrong instead of running
    /// without the model in silence), else the folder `scripts/fetch-model.sh` fills, if it
    /// holds a model.
    pub fn model_folder(&self) -> Option<PathBuf> {
        if !self.use_model {
            return None;
        }
        self.model_dir
            .clone()
            .or_else(crate::embed::default_model_dir)
    }
}

/// [`Config::model_folder`] of the defaults and the environment (`INTERVIEW_BOT_MODEL_DIR`, or
/// the fetched model): for tests, benchmarks and examples, which have no config files.
pub fn model_folder_from_env() -> Option<PathBuf> {
    Config::from_env().ok().and_then(|c| c.model_folder())
}

/// The thesaurus file's name in the cache folder.
pub const THESAURUS_FILE: &str = "wordnet-synsets.tsv";

/// What question analysis knows of English beyond the articles: words that may stand for one
/// another, and irregular forms no stemmer joins to their word.
#[derive(Debug, Default, PartialEq)]
pub struct Lexicon {
    pub synonyms: Vec<Vec<String>>,
    /// A form and its lemma ("children", "child").
    pub forms: Vec<(String, String)>,
}

/// The line of a thesaurus file after which its lines are forms, each a form and its lemma.
const FORMS_SECTION: &str = "[forms]";

/// A thesaurus file's synonym groups (a line per group, its words separated by tabs; `#`
/// comments) and, after a `[forms]` line, its irregular forms (a form, a tab, its lemma).
fn thesaurus(text: &str) -> (Vec<Vec<String>>, Vec<(String, String)>) {
    let words = |l: &str| -> Vec<String> {
        l.split('\t')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let lines = text.lines().filter(|l| !l.starts_with('#'));
    let (mut groups, mut forms) = (Vec::new(), Vec::new());
    let mut in_forms = false;
    for line in lines {
        if line.trim() == FORMS_SECTION {
            in_forms = true;
            continue;
        }
        let line = words(line);
        if !in_forms {
            if line.len() >= 2 {
                groups.push(line);
            }
        } else if let Ok([form, lemma]) = <[String; 2]>::try_from(line) {
            forms.push((form, lemma));
        }
    }
    (groups, forms)
}

/// A value that may be written as text or as a number (`shards = "2"`, `DISCORD_SHARDS=2`,
/// which the environment layer reads as a number), kept as text.
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        Number(u64),
    }
    Ok(Option::<Either>::deserialize(d)?.map(|v| match v {
        Either::Text(t) => t,
        Either::Number(n) => n.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thesaurus_file_adds_its_groups_after_configs_and_its_forms() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("synsets.tsv");
        std::fs::write(
            &file,
            "# comment\nkid\tchild\tyoungster\nalone\n\tsave \trescue\n[forms]\nchildren\tchild\nodd\tline\tout\n",
        )
        .expect("write");
        let c = Config {
            synonyms: vec![vec!["prize".into(), "award".into()]],
            thesaurus: Some(file),
            ..Config::default()
        };
        let lexicon = c.lexicon();
        assert_eq!(
            lexicon.synonyms,
            vec![
                vec!["prize", "award"],
                vec!["kid", "child", "youngster"],
                vec!["save", "rescue"],
            ]
        );
        assert_eq!(lexicon.forms, vec![("children".into(), "child".into())]);
        // A missing file costs its synonyms only.
        let missing = Config {
            thesaurus: Some(dir.path().join("nope.tsv")),
            ..Config::default()
        };
        assert_eq!(missing.lexicon(), Lexicon::default());
    }
}
