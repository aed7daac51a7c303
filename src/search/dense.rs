//! Sentence-embedding side of the ranking. A passage is embedded as several short units (the
//! interviewer's question, and its answer a sentence or two at a time) rather than as a whole:
//! MiniLM was trained on sentence pairs, and one long vector blurs a passage that touches many
//! topics, so "What prizes has the series received?" barely resembles the paragraph whose one
//! sentence lists its awards. A passage scores as its best unit.

use std::path::Path;

use crate::embed::{embed_cached_sets, Embedder, ModelError};

use super::highlight::sentences;

/// A sentence shorter than this is embedded only together with its neighbours.
const MIN_SENTENCE_CHARS: usize = 25;

/// Vectors of the units of a list of texts, and which text each unit belongs to.
///
/// Stored as 8-bit codes with one scale per vector: a quarter of the memory of `f32`, and a
/// query scans every unit, so a quarter of the memory traffic too. The cosine it gives differs
/// from the exact one by a few thousandths at most (see the test), far below the differences the
/// ranking and the no-answer threshold act on.
pub struct UnitVectors {
    codes: Vec<i8>,
    scales: Vec<f32>,
    dim: usize,
    count: usize,
    /// Per item, how much it resembles the other items of its group (see [`centrality`]);
    /// empty when no groups were given.
    centrality: Vec<f32>,
    /// Per item, its units' mean vector as 8-bit codes and scales: the coarse stage of a
    /// bounded search (see [`BOUNDED_FROM`]). Empty below that size.
    mean_codes: Vec<i8>,
    mean_scales: Vec<f32>,
    /// Item i's units are `starts[i]..starts[i + 1]` (units are stored item by item).
    starts: Vec<u32>,
    /// How many items by mean vector a bounded search reads ([`PROBE`]).
    probe: usize,
}

/// From this many units up, a query does not read every unit: it ranks the items by their
/// mean vector, and reads the units of the best [`PROBE`] items and of the items the lexical
/// side found. (About 6,000 articles' worth; below it a full scan takes a few milliseconds.)
pub const BOUNDED_FROM: usize = 50_000;

/// How many items, by mean vector, have their units read in a bounded search.
pub const PROBE: usize = 600;

/// Below this many units a query's scan is quicker on one core than handing it out.
const PARALLEL_FROM: usize = 8_192;

impl UnitVectors {
    /// Two stores at once (the passages' and the quotes'). `a.0[i]` is a list of parts of item
    /// i that are embedded separately (each part is further cut into sentences and pairs of
    /// neighbouring sentences); `a.1[i]` is item i's group (its article) for
    /// [`UnitVectors::centrality`], and when empty nothing is measured; likewise `b`. Their new
    /// sentences are embedded together (see [`embed_cached_sets`]) and each store is shaped
    /// on its own core.
    pub fn build_pair(
        embedder: &Embedder,
        (a, a_groups): (&[Vec<&str>], &[usize]),
        (b, b_groups): (&[Vec<&str>], &[usize]),
        cache: Option<&Path>,
    ) -> Result<(Self, Self), ModelError> {
        let (a_units, a_owner) = units_of(a);
        let (b_units, b_owner) = units_of(b);
        let mut vectors = embed_cached_sets(embedder, &[&a_units, &b_units], cache)?;
        let b_vectors = vectors.pop().unwrap_or_default();
        let a_vectors = vectors.pop().unwrap_or_default();
        let dim = embedder.dim();
        Ok(rayon::join(
            || Self::from_vectors(a_vectors, a_owner, a.len(), a_groups, dim),
            || Self::from_vectors(b_vectors, b_owner, b.len(), b_groups, dim),
        ))
    }

    /// The store over vectors already computed: `vectors[u]` belongs to item `owner[u]` (in
    /// item order) of `count`. Public for the benchmarks, which time searches over generated
    /// vectors at sizes no test embeds.
    pub fn from_vectors<V: AsRef<[f32]>>(
        vectors: Vec<V>,
        owner: Vec<u32>,
        count: usize,
        groups: &[usize],
        dim: usize,
    ) -> Self {
        let bounded = vectors.len() >= bounded_from();
        Self::assemble(vectors, owner, count, groups, dim, bounded)
    }

    fn assemble<V: AsRef<[f32]>>(
        vectors: Vec<V>,
        owner: Vec<u32>,
        count: usize,
        groups: &[usize],
        dim: usize,
        bounded: bool,
    ) -> Self {
        let mut mean_codes = Vec::new();
        let mut mean_scales = Vec::new();
        let centrality = if groups.is_empty() && !bounded {
            Vec::new()
        } else {
            let mut means = vec![0.0f32; count * dim];
            for (v, &i) in vectors.iter().zip(&owner) {
                if let Some(mean) = means.get_mut(i as usize * dim..(i as usize + 1) * dim) {
                    mean.iter_mut().zip(v.as_ref()).for_each(|(m, x)| *m += x);
                }
            }
            for mean in means.chunks_mut(dim.max(1)) {
                let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    mean.iter_mut().for_each(|x| *x /= norm);
                }
            }
            // Kept (as codes) only for a bounded search: a sixth of the units' memory.
            if bounded {
                mean_codes.reserve(means.len());
                for mean in means.chunks(dim.max(1)) {
                    mean_scales.push(quantize(mean, dim, &mut mean_codes));
                }
            }
            if groups.is_empty() {
                Vec::new()
            } else {
                centrality(&means, dim, groups)
            }
        };
        let mut starts = vec![0u32; count + 1];
        for &i in &owner {
            if let Some(s) = starts.get_mut(i as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut codes = Vec::with_capacity(vectors.len() * dim);
        let mut scales = Vec::with_capacity(vectors.len());
        for v in vectors {
            scales.push(quantize(v.as_ref(), dim, &mut codes));
        }
        Self {
            codes,
            scales,
            dim,
            count,
            centrality,
            mean_codes,
            mean_scales,
            starts,
            probe: probe(),
        }
    }

    /// How much item `i` resembles the other items of its group (0 without groups).
    pub fn centrality(&self, i: usize) -> f32 {
        self.centrality.get(i).copied().unwrap_or(0.0)
    }

    /// Best cosine per item (items without units get -1). In a bounded search (a large
    /// corpus) only the best [`PROBE`] items by mean vector and the items of `also` are read;
    /// the others get -1 too.
    pub fn best_per_item(&self, query: &[f32], also: &[usize]) -> Vec<f32> {
        let mut q = Vec::with_capacity(self.dim);
        let q_scale = quantize(query, self.dim, &mut q);
        if !self.mean_scales.is_empty() {
            return self.bounded(&q, q_scale, also);
        }
        let all = 0..self.count;
        if self.scales.len() >= PARALLEL_FROM {
            use rayon::prelude::*;
            all.into_par_iter()
                .map(|i| self.best_of(&q, q_scale, i))
                .collect()
        } else {
            all.map(|i| self.best_of(&q, q_scale, i)).collect()
        }
    }

    /// Item `i`'s best cosine with the quantised query `q` (-1 without units).
    fn best_of(&self, q: &[i8], q_scale: f32, i: usize) -> f32 {
        let (Some(&from), Some(&to)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return -1.0;
        };
        (from as usize..to as usize)
            .map(|u| {
                let code = &self.codes[u * self.dim..(u + 1) * self.dim];
                dot_i8(q, code) as f32 * q_scale * self.scales[u]
            })
            .fold(-1.0f32, f32::max)
    }
}

impl UnitVectors {
    /// The coarse-to-fine search: items ranked by mean vector, then the units of the best
    /// [`PROBE`] of them and of `also`.
    fn bounded(&self, q: &[i8], q_scale: f32, also: &[usize]) -> Vec<f32> {
        use rayon::prelude::*;
        let means: Vec<f32> = self
            .mean_codes
            .par_chunks(self.dim)
            .zip(self.mean_scales.par_iter())
            .map(|(code, scale)| dot_i8(q, code) as f32 * q_scale * scale)
            .collect();
        let mut read = super::rank::top_indices(&means, self.probe);
        read.extend(also.iter().copied().filter(|&i| i < self.count));
        read.sort_unstable();
        read.dedup();
        let mut best = vec![-1.0f32; self.count];
        for i in read {
            best[i] = self.best_of(q, q_scale, i);
        }
        best
    }
}

/// The size from which searches are bounded ([`BOUNDED_FROM`]). `INTERVIEW_BOT_BOUNDED_FROM`
/// and `INTERVIEW_BOT_PROBE` change it and [`PROBE`], to measure a bounded search on a small
/// corpus (docs/performance.md); they are not settings.
fn bounded_from() -> usize {
    env_or("INTERVIEW_BOT_BOUNDED_FROM", BOUNDED_FROM)
}

fn probe() -> usize {
    env_or("INTERVIEW_BOT_PROBE", PROBE)
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Per item, the mean cosine between its mean vector (`means`, `dim` values per item) and those
/// of the other items of its group (`groups[i]`), 0 for an item alone in its group. An article's
/// introduction or fact box, which names everything the article is about, resembles its other
/// passages most, and so every question about the article (a "hub").
fn centrality(means: &[f32], dim: usize, groups: &[usize]) -> Vec<f32> {
    let mut members: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, &g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    let mean = |i: usize| means.get(i * dim..(i + 1) * dim).unwrap_or(&[]);
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let others = members[g].iter().filter(|&&j| j != i);
            let (sum, n) = others.fold((0.0f32, 0usize), |(sum, n), &j| {
                let cosine: f32 = mean(i).iter().zip(mean(j)).map(|(a, b)| a * b).sum();
                (sum + cosine, n + 1)
            });
            if n == 0 {
                0.0
            } else {
                sum / n as f32
            }
        })
        .collect()
}

/// Appends `v` (cut or zero-padded to `dim`) as 8-bit codes to `out`; returns the scale that
/// turns a code back into its value.
fn quantize(v: &[f32], dim: usize, out: &mut Vec<i8>) -> f32 {
    let max = v.iter().take(dim).fold(0.0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 && max.is_finite() {
        max / 127.0
    } else {
        1.0
    };
    // Rounded half away from zero, as `f32::round`, but without its library call, so that the
    // loop vectorises: a start reads and codes a quarter of a million stored vectors at
    // 1,000 articles. |x / scale| <= 127, and the cast saturates anyway.
    let inv = 1.0 / scale;
    let code = |x: f32| (x * inv + 0.5f32.copysign(x)) as i8;
    match v.get(..dim) {
        Some(v) => out.extend(v.iter().map(|&x| code(x))),
        None => out.extend((0..dim).map(|i| code(v.get(i).copied().unwrap_or(0.0)))),
    }
    scale
}

/// Every item's sentence units, in item order, with the item each belongs to.
fn units_of<'t>(texts: &[Vec<&'t str>]) -> (Vec<&'t str>, Vec<u32>) {
    let mut units: Vec<&str> = Vec::new();
    let mut owner = Vec::new();
    for (i, parts) in texts.iter().enumerate() {
        for part in parts {
            for unit in split_units(part) {
                units.push(unit);
                owner.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
    }
    (units, owner)
}

/// Integer dot product (the compiler vectorises it).
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

/// Every sentence of `text` and every two neighbouring sentences: an answer lives in a
/// sentence or two, and a window that starts anywhere finds it whole (fixed groups cut some
/// answers in half). Sentences shorter than `MIN_SENTENCE_CHARS` ("Yeah.") only count with a
/// neighbour.
pub fn split_units(text: &str) -> Vec<&str> {
    let spans = sentences(text);
    let mut out = Vec::new();
    for (i, r) in spans.iter().enumerate() {
        if r.end - r.start >= MIN_SENTENCE_CHARS {
            out.push(&text[r.clone()]);
        }
        if let Some(next) = spans.get(i + 1) {
            out.push(&text[r.start..next.end]);
        }
    }
    if out.is_empty() && !text.trim().is_empty() {
        out.push(text.trim());
    }
    out
}

#[cfg(test)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_sentences_and_neighbouring_pairs() {
        let text = "Yes. It was lovely, and it really began organically. \
                    And then more happened, which is a second sentence of decent length here.";
        let units = split_units(text);
        assert_eq!(
            units,
            vec![
                "Yes. It was lovely, and it really began organically.",
                "It was lovely, and it really began organically.",
                "It was lovely, and it really began organically. And then more happened, which is a second sentence of decent length here.",
                "And then more happened, which is a second sentence of decent length here.",
            ]
        );
    }

    #[test]
    fn eight_bit_cosines_are_within_a_few_thousandths_of_exact_ones() {
        // Deterministic pseudo-random unit vectors of the model's size.
        let mut rng = crate::synth::Rng::new(7);
        let mut unit = || {
            let v: Vec<f32> = (0..384)
                .map(|_| (rng.next_u64() % 20_001) as f32 / 10_000.0 - 1.0)
                .collect();
            let n = dot(&v, &v).sqrt();
            v.into_iter().map(|x| x / n).collect::<Vec<f32>>()
        };
        let vectors: Vec<Vec<f32>> = (0..50).map(|_| unit()).collect();
        let mut codes = Vec::new();
        let scales: Vec<f32> = vectors
            .iter()
            .map(|v| quantize(v, 384, &mut codes))
            .collect();
        let uv = UnitVectors {
            codes,
            scales,
            dim: 384,
            count: 50,
            centrality: Vec::new(),
            mean_codes: Vec::new(),
            mean_scales: Vec::new(),
            starts: (0..=50).collect(),
            probe: PROBE,
        };
        for _ in 0..10 {
            let q = unit();
            let approx = uv.best_per_item(&q, &[]);
            for (v, a) in vectors.iter().zip(&approx) {
                let exact = dot(&q, v);
                assert!((exact - a).abs() < 3e-3, "{exact} vs {a}");
            }
        }
        // A vector against itself stays at 1.
        let own = uv.best_per_item(&vectors[3], &[])[3];
        assert!((own - 1.0).abs() < 1e-3, "{own}");
    }

    #[test]
    fn an_item_that_sums_up_its_group_is_the_most_central() {
        let h = std::f32::consts::FRAC_1_SQRT_2;
        let means = [1.0, 0.0, 0.0, 1.0, h, h, 1.0, 0.0];
        let c = centrality(&means, 2, &[0, 0, 0, 1]);
        assert!((c[2] - h).abs() < 1e-5, "{c:?}");
        assert!((c[0] - h / 2.0).abs() < 1e-5, "{c:?}");
        assert_eq!(c[3], 0.0, "alone in its group");
    }

    #[test]
    fn a_bounded_search_reads_the_best_items_by_mean_and_the_ones_asked_for() {
        // Item i's two units point along axis i (and a little along the next); the query
        // points along axis 2.
        let dim = 8;
        let axis = |i: usize, w: f32| {
            let mut v = vec![0.0f32; dim];
            v[i % dim] = 1.0;
            v[(i + 1) % dim] = w;
            let n = (1.0 + w * w).sqrt();
            v.into_iter().map(|x| x / n).collect::<Vec<f32>>()
        };
        let items = 6;
        let vectors: Vec<Vec<f32>> = (0..items)
            .flat_map(|i| [axis(i, 0.1), axis(i, 0.3)])
            .collect();
        let owner: Vec<u32> = (0..items as u32).flat_map(|i| [i, i]).collect();
        let full = UnitVectors::assemble(vectors.clone(), owner.clone(), items, &[], dim, false);
        let mut bounded = UnitVectors::assemble(vectors, owner, items, &[], dim, true);
        let query = axis(2, 0.0);
        let exact = full.best_per_item(&query, &[]);
        // A probe that holds every item: the bounded search is the full one.
        assert_eq!(bounded.best_per_item(&query, &[]), exact);
        // A probe of one: the best item by mean and the item asked for are read, exactly as a
        // full scan reads them; the rest are not read at all.
        bounded.probe = 1;
        let got = bounded.best_per_item(&query, &[5]);
        for (i, (g, e)) in got.iter().zip(&exact).enumerate() {
            if i == 2 || i == 5 {
                assert_eq!(g, e, "item {i}");
            } else {
                assert_eq!(*g, -1.0, "item {i} is not read");
            }
        }
    }

    #[test]
    fn a_text_without_sentence_ends_is_one_unit() {
        assert_eq!(split_units("just some words"), vec!["just some words"]);
        assert!(split_units("   ").is_empty());
    }
}
