//! Configuration in layers: built-in defaults, then every `*.toml` in the config folder (in name
//! order, later files win), then the environment (`.env` is loaded into it by the binary).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Everything the engine needs to know that is not in the articles themselves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder of `*.txt` articles.
    pub seeds_dir: PathBuf,
    /// Keep the tantivy index on disk here instead of in RAM (see the performance notes).
    pub index_dir: Option<PathBuf>,
    /// A sentence-transformers model folder (`config.json`, `tokenizer.json`,
    /// `model.safetensors`). Without one the bot ranks by words alone.
    pub model_dir: Option<PathBuf>,
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
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seeds_dir: PathBuf::from("seeds"),
            index_dir: None,
            model_dir: None,
            search: SearchConfig::default(),
            articles: BTreeMap::new(),
            speakers: Vec::new(),
            synonyms: Vec::new(),
            thesaurus: None,
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

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct SpeakerConfig {
    /// Canonical name, as shown to users.
    pub name: String,
    /// Other spellings: a surname alone, misspellings, nicknames.
    pub aliases: Vec<String>,
}

/// Resolves the many ways a text names a person to one canonical name.
#[derive(Debug, Clone, Default)]
pub struct Speakers {
    entries: Vec<(String, Vec<String>)>,
}

impl Speakers {
    pub fn new(list: &[SpeakerConfig]) -> Self {
        let entries = list
            .iter()
            .map(|s| {
                let mut keys: Vec<String> = s.aliases.iter().map(|a| normalize_name(a)).collect();
                keys.push(normalize_name(&s.name));
                (s.name.clone(), keys)
            })
            .collect();
        Self { entries }
    }

    /// The canonical name for `name` (any alias, any case), if config knows the person.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let key = normalize_name(name);
        if key.is_empty() {
            return None;
        }
        self.entries
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(canonical, _)| canonical.as_str())
    }

    /// The canonical name if known, otherwise the name as written (trimmed).
    pub fn canonical(&self, name: &str) -> String {
        self.resolve(name)
            .map(str::to_string)
            .unwrap_or_else(|| name.trim().to_string())
    }

    /// These speakers and then `people` (names found in one article's text), so that config
    /// stays the first authority: a person config already knows is not added twice.
    pub fn with_people(&self, people: &[SpeakerConfig]) -> Speakers {
        let mut out = self.clone();
        for p in people {
            if self.resolve(&p.name).is_some() {
                continue;
            }
            let mut keys: Vec<String> = p
                .aliases
                .iter()
                .filter(|a| self.resolve(a).is_none())
                .map(|a| normalize_name(a))
                .collect();
            keys.push(normalize_name(&p.name));
            out.entries.push((p.name.clone(), keys));
        }
        out
    }

    /// All canonical names, in config order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(n, _)| n.as_str())
    }

    /// Every (alias or name, canonical) pair, for finding names in running text.
    pub fn all_forms(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (canonical, keys) in &self.entries {
            for k in keys {
                out.push((k.clone(), canonical.clone()));
            }
        }
        out
    }
}

/// Lowercase, letters and digits only, single spaces: "ROSENBERG:" and "Rosenberg" compare equal.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
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
    #[error("config is invalid after merging {files}: {message}")]
    Invalid { files: String, message: String },
}

impl Config {
    /// Loads the layers. `path` is a config folder (every `*.toml` inside, in name order) or a
    /// single file; when it is the default `config` folder and does not exist, defaults are used.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let files = match path {
            Some(p) => config_files(p)?,
            None => {
                let files = config_files(Path::new("config")).unwrap_or_default();
                if files.is_empty() {
                    // Paths in config are relative to the working directory, so a bot started
                    // from elsewhere would otherwise run on defaults without a word.
                    tracing::warn!(
                        cwd = %std::env::current_dir().unwrap_or_default().display(),
                        "no config/*.toml in the working directory: using built-in defaults \
                         (run from the project folder, or pass --config PATH)"
                    );
                }
                files
            }
        };
        let mut merged = toml::Table::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|source| ConfigError::Read {
                path: file.clone(),
                source,
            })?;
            let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Parse {
                path: file.clone(),
                message: e.to_string(),
            })?;
            merge(&mut merged, table);
        }
        let mut config: Config =
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    files: files
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    message: e.to_string(),
                })?;
        config.apply_env(|k| std::env::var(k).ok());
        Ok(config)
    }

    /// The environment layer. Taking a lookup function keeps tests free of process-wide state.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) {
        let non_empty = |k: &str| var(k).filter(|v| !v.trim().is_empty());
        if let Some(v) = non_empty("INTERVIEW_BOT_SEEDS_DIR") {
            self.seeds_dir = PathBuf::from(v);
        }
        if let Some(v) = non_empty("INTERVIEW_BOT_INDEX_DIR") {
            self.index_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = non_empty("INTERVIEW_BOT_MODEL_DIR") {
            self.model_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = non_empty("INTERVIEW_BOT_THESAURUS") {
            self.thesaurus = Some(PathBuf::from(v));
        }
    }

    /// The synonym groups of config, then those of the thesaurus file. A thesaurus that
    /// cannot be read costs only its synonyms, so it is logged, not fatal.
    pub fn synonym_groups(&self) -> Vec<Vec<String>> {
        let mut groups = self.synonyms.clone();
        let path = self.thesaurus.clone().or_else(|| {
            crate::embed::default_cache_dir()
                .map(|d| d.join(THESAURUS_FILE))
                .filter(|p| p.is_file())
        });
        if let Some(path) = path {
            match std::fs::read_to_string(&path) {
                Ok(text) => groups.extend(thesaurus_groups(&text)),
                Err(e) => tracing::warn!(path = %path.display(), error = %e, "no thesaurus"),
            }
        }
        groups
    }

    pub fn speakers(&self) -> Speakers {
        Speakers::new(&self.speakers)
    }
}

/// The thesaurus file's name in the cache folder.
pub const THESAURUS_FILE: &str = "wordnet-synsets.tsv";

/// Groups of a thesaurus file: a line per group, its words separated by tabs; `#` comments.
fn thesaurus_groups(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            l.split('\t')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() >= 2)
}

fn config_files(path: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let read_err = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(read_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Deep merge: tables merge key by key, anything else is replaced by the later layer.
fn merge(into: &mut toml::Table, from: toml::Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thesaurus_file_adds_its_groups_after_configs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("synsets.tsv");
        std::fs::write(
            &file,
            "# comment\nkid\tchild\tyoungster\nalone\n\tsave \trescue\n",
        )
        .expect("write");
        let c = Config {
            synonyms: vec![vec!["prize".into(), "award".into()]],
            thesaurus: Some(file),
            ..Config::default()
        };
        assert_eq!(
            c.synonym_groups(),
            vec![
                vec!["prize", "award"],
                vec!["kid", "child", "youngster"],
                vec!["save", "rescue"],
            ]
        );
        // A missing file costs its synonyms only.
        let missing = Config {
            thesaurus: Some(dir.path().join("nope.tsv")),
            ..Config::default()
        };
        assert!(missing.synonym_groups().is_empty());
    }

    #[test]
    fn aliases_resolve_to_one_person() {
        let s = Speakers::new(&[SpeakerConfig {
            name: "Rachael Taylor".into(),
            aliases: vec!["Rachel Taylor".into(), "Taylor".into()],
        }]);
        assert_eq!(s.resolve("RACHEL TAYLOR"), Some("Rachael Taylor"));
        assert_eq!(s.resolve("Taylor:"), Some("Rachael Taylor"));
        assert_eq!(s.resolve("Trish"), None);
        assert_eq!(s.canonical(" Mike Colter "), "Mike Colter");
    }

    #[test]
    fn env_layer_overrides_files() {
        let mut c = Config::default();
        c.apply_env(|k| (k == "INTERVIEW_BOT_SEEDS_DIR").then(|| "/tmp/x".to_string()));
        assert_eq!(c.seeds_dir, PathBuf::from("/tmp/x"));
        assert_eq!(c.model_dir, None);
    }

    #[test]
    fn later_tables_merge_into_earlier() {
        let mut a: toml::Table =
            toml::from_str("[search]\nresults = 5\nhistory_weight = 0.1").unwrap();
        merge(&mut a, toml::from_str("[search]\nresults = 7").unwrap());
        let c: Config = toml::Value::Table(a).try_into().unwrap();
        assert_eq!(c.search.results, 7);
        assert!((c.search.history_weight - 0.1).abs() < 1e-6);
    }
}
