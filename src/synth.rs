//! Deterministic interview-shaped corpora for benchmarks: real passages recombined and varied so
//! that the vocabulary grows with the collection as a real one's would (new names, new rare
//! words), instead of the same five articles copied N times.

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Zipf-like rank in `0..n`: small ranks are far more common, as words are.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let r = ((n as f64 + 1.0).powf(u) - 1.0) as usize;
        r.min(n.saturating_sub(1))
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "len", "tor", "sa", "vin", "del", "ra", "no", "bel", "quin", "mar", "tes",
    "lo", "gar", "fi", "ston", "ve", "lis", "dor", "an", "ber", "shi",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Question/answer pairs and prose paragraphs to recombine, from real articles.
pub struct Material {
    pub exchanges: Vec<(String, String)>,
    pub prose: Vec<String>,
    /// Names that appear in the material, to be swapped for generated ones.
    pub names: Vec<String>,
}

/// `n` articles as (file name, text). Each is a labelled interview: a title, a short intro, and
/// 4–10 exchanges drawn from `material`, with names swapped for ones from a pool that grows
/// with `n` and a few rare words sprinkled in from a vocabulary that grows with `n`.
pub fn corpus(material: &Material, n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let pool: Vec<String> = (0..(n / 2).max(8))
        .map(|_| {
            let syl = 2 + rng.below(2);
            capitalised(&word(&mut rng, syl))
        })
        .collect();
    let rare: Vec<String> = (0..(n * 20).max(200))
        .map(|_| {
            let syl = 2 + rng.below(3);
            word(&mut rng, syl)
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let guest = format!(
            "{} {}",
            pool[rng.below(pool.len())],
            pool[rng.below(pool.len())]
        );
        let surname = guest.split(' ').nth(1).unwrap_or("Guest").to_uppercase();
        let vary = |text: &str, rng: &mut Rng| -> String {
            let mut t = text.to_string();
            for name in &material.names {
                if t.contains(name.as_str()) {
                    t = t.replace(name.as_str(), &pool[rng.below(pool.len())]);
                }
            }
            for _ in 0..1 + rng.below(3) {
                t.push_str(&format!(" {}.", capitalised(&rare[rng.zipf(rare.len())])));
            }
            t
        };
        let mut text = format!("{guest} talks about {}\n\n", rare[rng.zipf(rare.len())]);
        if !material.prose.is_empty() {
            let p = &material.prose[rng.below(material.prose.len())];
            text.push_str(&vary(p, &mut rng));
            text.push_str("\n\n");
        }
        for _ in 0..4 + rng.below(7) {
            if material.exchanges.is_empty() {
                break;
            }
            let (q, a) = &material.exchanges[rng.below(material.exchanges.len())];
            text.push_str(&format!("Interviewer: {}\n\n", vary(q, &mut rng)));
            text.push_str(&format!("{surname}: {}\n\n", vary(a, &mut rng)));
        }
        out.push((format!("synth_{i:05}.txt"), text));
    }
    out
}

impl Material {
    /// Exchanges and prose of a loaded corpus.
    pub fn from_corpus(corpus: &crate::corpus::Corpus, names: &[&str]) -> Self {
        let mut exchanges = Vec::new();
        let mut prose = Vec::new();
        for p in &corpus.passages {
            match &p.question {
                Some(q) => exchanges.push((q.clone(), p.answer.replace('\n', " "))),
                None => prose.push(p.answer.replace('\n', " ")),
            }
        }
        Self {
            exchanges,
            prose,
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The names of the seed articles that generated articles swap for new ones.
pub const SEED_NAMES: &[&str] = &[
    "Jessica",
    "Trish",
    "Alisa",
    "Kilgrave",
    "Rosenberg",
    "Ritter",
    "Taylor",
];

/// Writes `n` articles generated from `seeds` (with `seed` fixing the output) into `dir`, as the
/// benchmarks and the load driver use them.
pub fn write_corpus(
    seeds: &crate::corpus::Corpus,
    n: usize,
    seed: u64,
    dir: &std::path::Path,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let material = Material::from_corpus(seeds, SEED_NAMES);
    for (file, text) in corpus(&material, n, seed) {
        std::fs::write(dir.join(file), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material() -> Material {
        Material {
            exchanges: vec![("What about Jessica?".into(), "Jessica is great.".into())],
            prose: vec!["Jessica Jones returns.".into()],
            names: vec!["Jessica".into()],
        }
    }

    #[test]
    fn same_seed_same_corpus() {
        assert_eq!(corpus(&material(), 20, 7), corpus(&material(), 20, 7));
        assert_ne!(corpus(&material(), 20, 7), corpus(&material(), 20, 8));
    }

    #[test]
    fn vocabulary_grows_with_the_collection() {
        let distinct = |n| {
            let mut words = std::collections::HashSet::new();
            for (_, t) in corpus(&material(), n, 1) {
                words.extend(t.split_whitespace().map(str::to_lowercase));
            }
            words.len()
        };
        let (small, large) = (distinct(50), distinct(500));
        assert!(large > small * 3, "{small} -> {large}");
    }
}
