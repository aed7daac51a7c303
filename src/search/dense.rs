//! Sentence-embedding side of the ranking. A passage is embedded as several short units (the
//! interviewer's question, and its answer a sentence or two at a time) rather than as a whole:
//! MiniLM was trained on sentence pairs, and one long vector blurs a passage that touches many
//! topics, so "What prizes has the series received?" barely resembles the paragraph whose one
//! sentence lists its awards. A passage scores as its best unit.

use std::path::Path;
use std::sync::Arc;

use crate::embed::{embed_cached_into, Embedder, ModelError, VectorSink};

use super::highlight::sentences;

/// A sentence shorter than this is embedded only together with its neighbours.
const MIN_SENTENCE_CHARS: usize = 25;

/// 8-bit codes of vectors, one scale per vector: a quarter of the memory of `f32`, and a query
/// scans every unit, so a quarter of the memory traffic too. The cosine it gives differs from the
/// exact one by a few thousandths at most (see the test), far below the differences the ranking
/// and the no-answer threshold act on.
struct Codes {
    dim: usize,
    codes: Vec<i8>,
    scales: Vec<f32>,
}

impl Codes {
    fn new(dim: usize) -> Self {
        Self {
            dim,
            codes: Vec::new(),
            scales: Vec::new(),
        }
    }

    /// Room for `n` vectors, all zero until [`Codes::set`].
    fn reserve(&mut self, n: usize) {
        self.codes = vec![0; n * self.dim];
        self.scales = vec![0.0; n];
    }

    /// Codes `v` (cut or zero-padded to the dimension) as vector `id`.
    fn set(&mut self, id: u32, v: &[f32]) {
        let id = id as usize;
        if let (Some(code), Some(scale)) = (
            self.codes.get_mut(id * self.dim..(id + 1) * self.dim),
            self.scales.get_mut(id),
        ) {
            *scale = quantize(v, code);
        }
    }

    /// The cosine of vector `id` with the coded query `q` (of scale `q_scale`).
    fn cosine(&self, id: u32, q: &[i8], q_scale: f32) -> f32 {
        let id = id as usize;
        match (
            self.codes.get(id * self.dim..(id + 1) * self.dim),
            self.scales.get(id),
        ) {
            (Some(code), Some(scale)) => dot_i8(q, code) as f32 * q_scale * scale,
            _ => -1.0,
        }
    }

    fn len(&self) -> usize {
        self.scales.len()
    }
}

/// Vectors of the units of a list of texts, and which text each unit belongs to.
///
/// The codes are one per distinct unit text, shared by the passages' and the quotes' stores
/// (a quote is a sentence of its passage) and by every occurrence of a text; each store keeps
/// a 4-byte id per occurrence.
pub struct UnitVectors {
    table: Arc<Codes>,
    /// Unit u's vector is `table`'s `ids[u]`; units are stored item by item.
    ids: Vec<u32>,
    dim: usize,
    count: usize,
    /// Per item, how much it resembles the other items of its group (see [`centrality`]);
    /// empty when no groups were given.
    centrality: Vec<f32>,
    /// Per item, its units' mean vector, and its signs: the coarse stages of a bounded
    /// search (see [`BOUNDED_FROM`]). Empty below that size.
    means: Codes,
    mean_signs: Vec<u64>,
    /// Item i's units are `starts[i]..starts[i + 1]`.
    starts: Vec<u32>,
    /// How many items by mean vector a bounded search reads ([`PROBE`]).
    probe: usize,
}

/// One store while it is built: which item each unit belongs to, each unit's vector id, and
/// the sum of each item's unit vectors (for [`centrality`] and the mean vectors of a bounded
/// search), added up in `f32` as the vectors come, not from their codes.
struct Side {
    owner: Vec<u32>,
    ids: Vec<u32>,
    /// `count * dim` values, or empty when no means are needed.
    sums: Vec<f32>,
    count: usize,
    bounded: bool,
}

impl Side {
    /// A store of `count` items whose units belong to `owner`; item sums are kept when there
    /// are groups to measure [`centrality`] in or the search is bounded.
    fn new(owner: Vec<u32>, count: usize, groups: &[usize], bounded: bool, dim: usize) -> Self {
        Self {
            sums: if groups.is_empty() && !bounded {
                Vec::new()
            } else {
                vec![0.0; count * dim]
            },
            owner,
            ids: Vec::new(),
            count,
            bounded,
        }
    }

    fn assemble(self, table: Arc<Codes>, groups: &[usize]) -> UnitVectors {
        let dim = table.dim;
        let mut means = self.sums;
        for mean in means.chunks_mut(dim.max(1)) {
            let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                mean.iter_mut().for_each(|x| *x /= norm);
            }
        }
        let centrality = if groups.is_empty() || means.is_empty() {
            Vec::new()
        } else {
            centrality(&means, dim, groups)
        };
        // Kept (as codes) only for a bounded search.
        let mut means_coded = Codes::new(dim);
        let mut mean_signs = Vec::new();
        if self.bounded {
            means_coded.reserve(self.count);
            for (i, mean) in means.chunks(dim.max(1)).enumerate() {
                means_coded.set(i as u32, mean);
                mean_signs.extend(signs(mean.iter().map(|&x| x > 0.0), dim));
            }
        }
        let starts = starts_of(self.owner.iter().copied(), self.count);
        UnitVectors {
            table,
            ids: self.ids,
            dim,
            count: self.count,
            centrality,
            means: means_coded,
            mean_signs,
            starts,
            probe: probe(),
        }
    }
}

/// Where each of `n` groups starts when the values of `keys` (each below `n`) are laid out
/// group by group: group g is `starts[g]..starts[g + 1]`.
fn starts_of(keys: impl Iterator<Item = u32>, n: usize) -> Vec<u32> {
    let mut starts = vec![0u32; n + 1];
    for k in keys {
        if let Some(s) = starts.get_mut(k as usize + 1) {
            *s += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    starts
}

/// Adds `v` to item `i`'s sum (when sums are kept).
fn add_to(sums: &mut [f32], dim: usize, i: u32, v: &[f32]) {
    let i = i as usize;
    if let Some(sum) = sums.get_mut(i * dim..(i + 1) * dim) {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
    }
}

/// What [`UnitVectors::build_pair`] hands [`embed_cached_into`]: each vector is coded into
/// its slot of the shared table and added to the sum of every item that has an occurrence of
/// it, then dropped.
struct PairSink {
    table: Codes,
    sides: [Side; 2],
    /// The occurrences of each id as (side, unit): `by_id[starts[id]..starts[id + 1]]`.
    by_id: Vec<(u8, u32)>,
    starts: Vec<u32>,
}

impl VectorSink for PairSink {
    fn ids(&mut self, distinct: usize, ids: Vec<Vec<u32>>) {
        self.table.reserve(distinct);
        for (side, ids) in self.sides.iter_mut().zip(ids) {
            side.ids = ids;
        }
        let starts = starts_of(
            self.sides.iter().flat_map(|side| side.ids.iter().copied()),
            distinct,
        );
        let mut next = starts.clone();
        let mut by_id = vec![(0u8, 0u32); starts.last().map_or(0, |&n| n as usize)];
        for (s, side) in self.sides.iter().enumerate() {
            for (u, &id) in side.ids.iter().enumerate() {
                if let Some(slot) = next.get_mut(id as usize) {
                    by_id[*slot as usize] = (s as u8, u as u32);
                    *slot += 1;
                }
            }
        }
        self.by_id = by_id;
        self.starts = starts;
    }

    fn vector(&mut self, id: u32, v: &[f32]) {
        self.table.set(id, v);
        let (Some(&from), Some(&to)) = (
            self.starts.get(id as usize),
            self.starts.get(id as usize + 1),
        ) else {
            return;
        };
        let dim = self.table.dim;
        for &(s, u) in &self.by_id[from as usize..to as usize] {
            if let Some(side) = self.sides.get_mut(s as usize) {
                if let Some(&item) = side.owner.get(u as usize) {
                    add_to(&mut side.sums, dim, item, v);
                }
            }
        }
    }
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
    /// sentences are embedded together, and every vector is coded as it comes out of the store
    /// or the model (see [`embed_cached_into`]).
    pub fn build_pair(
        embedder: &Embedder,
        (a, a_groups): (&[Vec<&str>], &[usize]),
        (b, b_groups): (&[Vec<&str>], &[usize]),
        cache: Option<&Path>,
    ) -> Result<(Self, Self), ModelError> {
        let (a_units, a_owner) = units_of(a);
        let (b_units, b_owner) = units_of(b);
        let dim = embedder.dim();
        let side = |owner: Vec<u32>, count: usize, groups: &[usize], units: usize| {
            Side::new(owner, count, groups, units >= bounded_from(), dim)
        };
        let mut sink = PairSink {
            table: Codes::new(dim),
            sides: [
                side(a_owner, a.len(), a_groups, a_units.len()),
                side(b_owner, b.len(), b_groups, b_units.len()),
            ],
            by_id: Vec::new(),
            starts: Vec::new(),
        };
        embed_cached_into(embedder, &[&a_units, &b_units], cache, &mut sink)?;
        let table = Arc::new(sink.table);
        let [a_side, b_side] = sink.sides;
        Ok(rayon::join(
            || a_side.assemble(table.clone(), a_groups),
            || b_side.assemble(table.clone(), b_groups),
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
        Self::coded(vectors, owner, count, groups, dim, bounded)
    }

    fn coded<V: AsRef<[f32]>>(
        vectors: Vec<V>,
        owner: Vec<u32>,
        count: usize,
        groups: &[usize],
        dim: usize,
        bounded: bool,
    ) -> Self {
        let mut table = Codes::new(dim);
        table.reserve(vectors.len());
        let mut side = Side::new(owner, count, groups, bounded, dim);
        for (u, (v, &i)) in vectors.iter().zip(&side.owner).enumerate() {
            table.set(u as u32, v.as_ref());
            add_to(&mut side.sums, dim, i, v.as_ref());
        }
        side.ids = (0..vectors.len() as u32).collect();
        side.assemble(Arc::new(table), groups)
    }

    /// How much item `i` resembles the other items of its group (0 without groups).
    pub fn centrality(&self, i: usize) -> f32 {
        self.centrality.get(i).copied().unwrap_or(0.0)
    }

    /// Best cosine per item (items without units get -1). In a bounded search (a large
    /// corpus) only the best [`PROBE`] items by mean vector and the items of `also` are read;
    /// the others get -1 too.
    pub fn best_per_item(&self, query: &[f32], also: &[usize]) -> Vec<f32> {
        let mut q = vec![0i8; self.dim];
        let q_scale = quantize(query, &mut q);
        if self.means.len() != 0 {
            return self.bounded(&q, q_scale, also);
        }
        let all = 0..self.count;
        if self.ids.len() >= PARALLEL_FROM {
            use rayon::prelude::*;
            all.into_par_iter()
                .map(|i| self.best_of(&q, q_scale, i))
                .collect()
        } else {
            all.map(|i| self.best_of(&q, q_scale, i)).collect()
        }
    }

    /// Each unit's cosine with `query`, for item `i`, in the order its units were given.
    pub fn unit_cosines(&self, query: &[f32], i: usize) -> Vec<f32> {
        let mut q = vec![0i8; self.dim];
        let q_scale = quantize(query, &mut q);
        self.cosines_of(&q, q_scale, i).collect()
    }

    /// Item `i`'s best cosine with the quantised query `q` (-1 without units).
    fn best_of(&self, q: &[i8], q_scale: f32, i: usize) -> f32 {
        self.cosines_of(q, q_scale, i).fold(-1.0f32, f32::max)
    }

    /// The cosines of item `i`'s units with the quantised query `q`, in order (none for an
    /// item that does not exist).
    fn cosines_of<'a>(
        &'a self,
        q: &'a [i8],
        q_scale: f32,
        i: usize,
    ) -> impl Iterator<Item = f32> + 'a {
        let units = match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&from), Some(&to)) => self.ids.get(from as usize..to as usize),
            _ => None,
        };
        units
            .unwrap_or_default()
            .iter()
            .map(move |&id| self.table.cosine(id, q, q_scale))
    }
}

impl UnitVectors {
    /// The coarse-to-fine search: the items whose mean vector's signs agree most with the
    /// query's ([`SHORTLIST_PER_PROBE`] × [`PROBE`] of them), those ranked by their coded mean
    /// vector, then the units of the best [`PROBE`] and of `also`. Comparing signs reads 48
    /// bytes an item where the codes are 384: the codes of all 80,000 means of 10,000 articles
    /// were half the time of a question.
    fn bounded(&self, q: &[i8], q_scale: f32, also: &[usize]) -> Vec<f32> {
        use rayon::prelude::*;
        let query_signs = signs(q.iter().map(|&x| x > 0), self.dim);
        let words = query_signs.len().max(1);
        let differ: Vec<f32> = self
            .mean_signs
            .par_chunks(words)
            .map(|signs| {
                let d: u32 = signs
                    .iter()
                    .zip(&query_signs)
                    .map(|(a, b)| (a ^ b).count_ones())
                    .sum();
                -(d as f32)
            })
            .collect();
        let shortlist = super::rank::top_indices(&differ, self.probe * SHORTLIST_PER_PROBE);
        // The shortlist by coded mean, best first (ties by index, as `top_indices` breaks them).
        let by_mean: Vec<(usize, f32)> = shortlist
            .into_iter()
            .map(|i| (i, self.means.cosine(i as u32, q, q_scale)))
            .collect();
        let mut read: Vec<usize> = super::top_n(by_mean, self.probe, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        })
        .into_iter()
        .map(|(i, _)| i)
        .collect();
        read.extend(also.iter().copied().filter(|&i| i < self.count));
        read.sort_unstable();
        read.dedup();
        // Some 20,000 units at 10,000 articles: on every core.
        let found: Vec<f32> = read
            .par_iter()
            .map(|&i| self.best_of(q, q_scale, i))
            .collect();
        let mut best = vec![-1.0f32; self.count];
        for (i, f) in read.into_iter().zip(found) {
            best[i] = f;
        }
        best
    }
}

/// A bounded search ranks this many times [`PROBE`] items by their coded mean vectors, taken
/// from all items by the signs of their mean vectors.
pub const SHORTLIST_PER_PROBE: usize = 4;

/// The signs of a vector's `dim` values (true for positive), packed 64 to a word.
fn signs(positive: impl Iterator<Item = bool>, dim: usize) -> Vec<u64> {
    let mut out = vec![0u64; dim.div_ceil(64)];
    for (i, p) in positive.enumerate().take(dim) {
        if p {
            out[i / 64] |= 1 << (i % 64);
        }
    }
    out
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

/// Writes `v` (cut or zero-padded to `out`'s length) as 8-bit codes into `out`; returns the
/// scale that turns a code back into its value.
fn quantize(v: &[f32], out: &mut [i8]) -> f32 {
    let dim = out.len();
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
        Some(v) => out.iter_mut().zip(v).for_each(|(o, &x)| *o = code(x)),
        None => out
            .iter_mut()
            .enumerate()
            .for_each(|(i, o)| *o = code(v.get(i).copied().unwrap_or(0.0))),
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
    // Most of a question at 10,000 articles is this product over 20,000 units. The release
    // build targets every x86-64, whose vector instructions take 8 of these at a time; AVX2
    // takes 16, and nearly every machine the bot runs on has it.
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { dot_i8_avx2(a, b) };
    }
    dot_i8_any(a, b)
}

/// [`dot_i8`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot_i8_avx2(a: &[i8], b: &[i8]) -> i32 {
    dot_i8_any(a, b)
}

#[inline(always)]
fn dot_i8_any(a: &[i8], b: &[i8]) -> i32 {
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
    fn the_vectorised_product_is_the_plain_one() {
        let a: Vec<i8> = (0..391).map(|i| ((i * 37) % 256 - 128) as i8).collect();
        let b: Vec<i8> = (0..391).map(|i| ((i * 91 + 5) % 256 - 128) as i8).collect();
        let plain: i32 = a.iter().zip(&b).map(|(&x, &y)| x as i32 * y as i32).sum();
        assert_eq!(dot_i8(&a, &b), plain);
        assert_eq!(dot_i8(&[-128; 384], &[-128; 384]), 384 * 128 * 128);
    }

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
        let uv = UnitVectors::coded(vectors.clone(), (0..50).collect(), 50, &[], 384, false);
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
    fn an_items_unit_cosines_come_in_the_order_its_units_were_given() {
        // Item 0 has units along axes 0 and 1, item 1 one unit along axis 2.
        let unit = |i: usize| {
            let mut v = vec![0.0f32; 4];
            v[i] = 1.0;
            v
        };
        let uv =
            UnitVectors::from_vectors(vec![unit(0), unit(1), unit(2)], vec![0, 0, 1], 2, &[], 4);
        let c = uv.unit_cosines(&unit(1), 0);
        assert_eq!(c.len(), 2);
        assert!(c[0].abs() < 1e-2 && (c[1] - 1.0).abs() < 1e-2, "{c:?}");
        assert_eq!(uv.unit_cosines(&unit(2), 1).len(), 1);
        assert!(uv.unit_cosines(&unit(2), 5).is_empty(), "no such item");
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
        let full = UnitVectors::coded(vectors.clone(), owner.clone(), items, &[], dim, false);
        let mut bounded = UnitVectors::coded(vectors, owner, items, &[], dim, true);
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
