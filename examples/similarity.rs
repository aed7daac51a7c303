//! The model's cosine similarity between a question and each of several texts, for looking
//! into a ranking: `cargo run --release --example similarity -- QUESTION TEXT...`.
use anyhow::Context;
use interview_bot::config::model_folder_from_env;
use interview_bot::embed::Embedder;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (question, texts) = args
        .split_first()
        .context("usage: similarity QUESTION TEXT...")?;
    let dir = model_folder_from_env().context("no model; run scripts/fetch-model.sh")?;
    let model = Embedder::load(&dir)?;
    let all: Vec<&str> = std::iter::once(question.as_str())
        .chain(texts.iter().map(String::as_str))
        .collect();
    let vectors = model.embed(&all)?;
    let (q, rest) = vectors.split_first().context("no vectors")?;
    for (text, v) in texts.iter().zip(rest) {
        let cosine: f32 = q.iter().zip(v).map(|(a, b)| a * b).sum();
        println!("{cosine:.3}  {text}");
    }
    Ok(())
}
