//! The dense side's search cost at sizes no test embeds: generated unit vectors (random, unit
//! length, 384 values) grouped ten to an item, timed with a full scan and with the bounded
//! (coarse-to-fine) search. `cargo run --release --example dense_scan -- [ITEMS]`
//! (default 80,000 items, about 10,000 articles' passages).
use std::time::Instant;

use interview_bot::search::{UnitVectors, PROBE};

const DIM: usize = 384;
const UNITS_PER_ITEM: usize = 10;

/// A deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }

    fn unit(&mut self) -> Vec<f32> {
        let v: Vec<f32> = (0..DIM).map(|_| self.next()).collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / norm).collect()
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn time(name: &str, store: &UnitVectors, queries: &[Vec<f32>], also: &[usize]) {
    let mut ms: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(store.best_per_item(q, also));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "{name}: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99)
    );
}

fn main() {
    let items: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(80_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let units = items * UNITS_PER_ITEM;
    println!("{items} items, {units} units of {DIM} values");
    let build = |bounded: bool, rng: &mut Rng| {
        // The threshold is read when the store is built.
        std::env::set_var(
            "INTERVIEW_BOT_BOUNDED_FROM",
            if bounded { "0" } else { "18446744073709551615" },
        );
        let vectors: Vec<Vec<f32>> = (0..units).map(|_| rng.unit()).collect();
        let owner: Vec<u32> = (0..units).map(|u| (u / UNITS_PER_ITEM) as u32).collect();
        UnitVectors::from_vectors(vectors, owner, items, &[], DIM)
    };
    let queries: Vec<Vec<f32>> = (0..200).map(|_| rng.unit()).collect();
    // The lexical side's 40 candidates.
    let also: Vec<usize> = (0..40).map(|i| i * (items / 40).max(1)).collect();
    let full = build(false, &mut Rng(1));
    time("full scan", &full, &queries, &also);
    drop(full);
    let bounded = build(true, &mut Rng(1));
    time(
        &format!("bounded (means, then {PROBE} items + 40 lexical)"),
        &bounded,
        &queries,
        &also,
    );
}
