//! People's names: the canonical name and the other ways articles and users write it.

use super::SpeakerConfig;

/// Resolves the many ways a text names a person to one canonical name.
#[derive(Debug, Clone, Default)]
pub struct Speakers {
    entries: Vec<(String, Vec<String>)>,
    /// The people as given (config's, then those added), with their names as written.
    given: Vec<SpeakerConfig>,
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
        Self {
            entries,
            given: list.to_vec(),
        }
    }

    /// The people as given, names and aliases as written (config's first).
    pub fn given(&self) -> &[SpeakerConfig] {
        &self.given
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
            out.given.push(p.clone());
        }
        out
    }

    /// `alias` as one more way to write `canonical`'s name, unless it already names someone.
    pub fn add_alias(&mut self, canonical: &str, alias: &str) {
        let key = normalize_name(alias);
        if key.is_empty() || self.resolve(alias).is_some() {
            return;
        }
        if let Some((_, keys)) = self.entries.iter_mut().find(|(n, _)| n == canonical) {
            keys.push(key);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
