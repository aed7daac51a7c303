//! How long the model takes to embed a question, alone and with its variant (the question
//! without the folder's common words, which `ask` embeds beside it):
//! `cargo run --release --example embed_speed`, through the packed pass and candle's in turn.
//! Set RAYON_NUM_THREADS=1 for one core.
use std::time::Instant;

use anyhow::Context;
use interview_bot::config::model_folder_from_env;
use interview_bot::embed::Embedder;

const RUNS: usize = 200;

fn main() -> anyhow::Result<()> {
    let dir = model_folder_from_env().context("no model; run scripts/fetch-model.sh")?;
    let model = Embedder::load(&dir)?;
    let questions: &[&[&str]] = &[
        &["why tho"],
        &["who plays jess's mom in season two"],
        &["what yr is jj s2 supposed to land"],
        &["who plays jess's mom in season two", "plays mom two"],
    ];
    model.embed(questions[0])?;
    // The packed pass (AVX-512 only, `src/embed/packed.rs`) against candle's, in turn.
    let paths: &[(bool, &str)] = if model.has_packed_pass() {
        &[(true, "packed"), (false, "candle")]
    } else {
        &[(false, "candle")]
    };
    for texts in questions {
        for &(packed, path) in paths {
            model.use_packed_pass(packed);
            time(&model, texts, path)?;
        }
    }
    Ok(())
}

fn time(model: &Embedder, texts: &[&str], path: &str) -> anyhow::Result<()> {
    {
        let mut times: Vec<f64> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                model.embed(texts).map(|_| t.elapsed().as_secs_f64() * 1e3)
            })
            .collect::<Result<_, _>>()?;
        times.sort_by(f64::total_cmp);
        println!(
            "{:<60} {path:<8} p50 {:.2} ms, fastest {:.2} ms",
            format!("{texts:?}"),
            times[RUNS / 2],
            times[0]
        );
    }
    Ok(())
}
