//! The model's forward pass, one text at a time, over weights packed once at load (AVX-512).
//!
//! Why not candle: for one text of a dozen tokens each multiply is a dozen rows against a
//! weight matrix, and the cost is reading the weights, not the arithmetic; candle's multiply
//! copies ("packs") the whole weight matrix into its own layout on every call, so a question
//! paid for reading 42 MB of weights twice and writing them once. Here each weight matrix is
//! packed once, at load, in half precision (21 MB), in the order the kernel reads it; the
//! kernel reads it once per layer with every row of the text at once. A text alone also pays
//! for no padding, so even in bulk, texts one at a time side by side on every core beat
//! candle's batches: the seeds' 280 sentence units 1.2 s against 3.1 s, and 1.5× still at 130
//! tokens a text (`examples/embed_speed.rs` times questions both ways). candle remains the
//! pass on CPUs without AVX-512.
//!
//! The arithmetic is BERT's as candle-transformers and sentence-transformers do it (erf GELU,
//! layer norms in f32, softmax with the maximum subtracted, sums in f32); only the weights are
//! rounded to half precision. Vectors agree with sentence-transformers' to a cosine of
//! 0.9999998; `tests/it/embeddings.rs` checks both passes against each other and against
//! sentence-transformers' reference vectors.

use std::collections::HashMap;

use candle_core::{Tensor, D};

/// Outputs are computed sixteen at a time (one AVX-512 register of f32).
const LANES: usize = 16;

/// A linear layer's weight in the kernel's order: for each block of 16 outputs, the inputs
/// one after another, each with its 16 weights side by side (`[outputs / 16][inputs][16]`).
struct Packed {
    inputs: usize,
    outputs: usize,
    /// Half precision (IEEE f16 bits): half the bytes to read, and the pass is bound by
    /// reading them. Sums stay in f32.
    weights: Vec<u16>,
    bias: Vec<f32>,
}

struct Norm {
    weight: Vec<f32>,
    bias: Vec<f32>,
}

struct Layer {
    /// Query, key and value side by side: one pass over the input instead of three.
    qkv: Packed,
    attention_out: Packed,
    attention_norm: Norm,
    up: Packed,
    down: Packed,
    output_norm: Norm,
}

/// The whole model, ready for [`PackedModel::embed`].
pub(super) struct PackedModel {
    hidden: usize,
    heads: usize,
    eps: f32,
    /// Shared with candle's copy of the model (a tensor is reference-counted): 47 MB that
    /// need not be held twice, read one row per token.
    words: Tensor,
    positions: Vec<f32>,
    token_types: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

/// The model's sizes this forward pass needs.
pub(super) struct Sizes {
    pub hidden: usize,
    pub heads: usize,
    pub layers: usize,
    pub eps: f64,
    /// Whether the model's activation is the exact (erf) GELU, the only one this pass has.
    pub erf_gelu: bool,
}

impl PackedModel {
    /// Packs the weights of a BERT model, or `None` where this path cannot run: a CPU without
    /// AVX-512, a model whose sizes are not multiples of 16, or weights it does not recognise
    /// (candle then embeds everything, as it would anyway).
    pub(super) fn new(tensors: &HashMap<String, Tensor>, sizes: &Sizes) -> Option<Self> {
        if !kernel::available() {
            tracing::debug!("no AVX-512: every text goes through candle");
            return None;
        }
        match Self::pack(tensors, sizes) {
            Ok(forward) => Some(forward),
            Err(e) => {
                tracing::debug!(error = %e, "texts go through candle");
                None
            }
        }
    }

    fn pack(tensors: &HashMap<String, Tensor>, sizes: &Sizes) -> candle_core::Result<Self> {
        let hidden = sizes.hidden;
        if !sizes.erf_gelu {
            candle_core::bail!("the model's activation is not the erf GELU");
        }
        if !hidden.is_multiple_of(LANES) || sizes.heads == 0 || !hidden.is_multiple_of(sizes.heads)
        {
            candle_core::bail!("hidden size {hidden} does not suit the kernel");
        }
        // sentence-transformers folders name tensors `embeddings...`; some BERT exports put
        // them under `bert.`.
        let get = |name: &str| -> candle_core::Result<Tensor> {
            tensors
                .get(name)
                .or_else(|| tensors.get(&format!("bert.{name}")))
                .cloned()
                .ok_or_else(|| candle_core::Error::Msg(format!("no tensor {name}")))
        };
        let flat = |name: &str| -> candle_core::Result<Vec<f32>> {
            get(name)?
                .to_dtype(candle_core::DType::F32)?
                .flatten_all()?
                .to_vec1()
        };
        let norm = |prefix: &str| -> candle_core::Result<Norm> {
            let norm = Norm {
                weight: flat(&format!("{prefix}.weight"))?,
                bias: flat(&format!("{prefix}.bias"))?,
            };
            if norm.weight.len() != hidden || norm.bias.len() != hidden {
                candle_core::bail!("{prefix} is not {hidden} wide");
            }
            Ok(norm)
        };
        let linear = |prefixes: &[String]| -> candle_core::Result<Packed> {
            let mut rows: Vec<Vec<f32>> = Vec::new();
            let mut bias = Vec::new();
            for prefix in prefixes {
                let w = get(&format!("{prefix}.weight"))?.to_dtype(candle_core::DType::F32)?;
                rows.extend(w.to_vec2::<f32>()?);
                bias.extend(flat(&format!("{prefix}.bias"))?);
            }
            pack(&rows, bias)
        };

        let words = get("embeddings.word_embeddings.weight")?.to_dtype(candle_core::DType::F32)?;
        if words.dim(D::Minus1)? != hidden {
            candle_core::bail!("word embeddings are not {hidden} wide");
        }
        let positions = flat("embeddings.position_embeddings.weight")?;
        let token_types = flat("embeddings.token_type_embeddings.weight")?;
        let embedding_norm = norm("embeddings.LayerNorm")?;
        let layers = (0..sizes.layers)
            .map(|i| {
                let at = |part: &str| format!("encoder.layer.{i}.{part}");
                let layer = Layer {
                    qkv: linear(&[
                        at("attention.self.query"),
                        at("attention.self.key"),
                        at("attention.self.value"),
                    ])?,
                    attention_out: linear(&[at("attention.output.dense")])?,
                    attention_norm: norm(&at("attention.output.LayerNorm"))?,
                    up: linear(&[at("intermediate.dense")])?,
                    down: linear(&[at("output.dense")])?,
                    output_norm: norm(&at("output.LayerNorm"))?,
                };
                let fits = layer.qkv.inputs == hidden
                    && layer.qkv.outputs == 3 * hidden
                    && layer.attention_out.inputs == hidden
                    && layer.attention_out.outputs == hidden
                    && layer.up.inputs == hidden
                    && layer.down.inputs == layer.up.outputs
                    && layer.down.outputs == hidden;
                if !fits {
                    candle_core::bail!("layer {i}'s weights do not fit together");
                }
                Ok(layer)
            })
            .collect::<candle_core::Result<Vec<_>>>()?;
        if positions.len() < hidden || token_types.len() < hidden {
            candle_core::bail!("no position or token-type embeddings");
        }
        Ok(PackedModel {
            hidden,
            heads: sizes.heads,
            eps: sizes.eps as f32,
            words,
            positions,
            token_types,
            embedding_norm,
            layers,
        })
    }

    /// The sentence vector of one text (mean of its token states, L2-normalised), or `None`
    /// if it is longer than the model's positions or holds an id outside the vocabulary
    /// (candle's pass then reports the error).
    pub(super) fn embed(&self, ids: &[u32], type_ids: &[u32]) -> Option<Vec<f32>> {
        let (tokens, h) = (ids.len(), self.hidden);
        if tokens == 0 || tokens * h > self.positions.len() || type_ids.len() != tokens {
            return None;
        }
        let mut state = vec![0f32; tokens * h];
        for (t, ((&id, &ty), row)) in ids
            .iter()
            .zip(type_ids)
            .zip(state.chunks_exact_mut(h))
            .enumerate()
        {
            let word = self.words.get(id as usize).ok()?.to_vec1::<f32>().ok()?;
            let position = &self.positions[t * h..(t + 1) * h];
            let token_type = self
                .token_types
                .get(ty as usize * h..(ty as usize + 1) * h)?;
            for (i, x) in row.iter_mut().enumerate() {
                *x = word[i] + token_type[i] + position[i];
            }
            layer_norm(row, &self.embedding_norm, self.eps);
        }

        let mut qkv = vec![0f32; tokens * 3 * h];
        let mut context = vec![0f32; tokens * h];
        let mut attended = vec![0f32; tokens * h];
        let mut up = Vec::new();
        let mut down = vec![0f32; tokens * h];
        for layer in &self.layers {
            kernel::linear(&state, tokens, &layer.qkv, &mut qkv);
            self.attention(&qkv, tokens, &mut context);
            kernel::linear(&context, tokens, &layer.attention_out, &mut attended);
            for (a, s) in attended.chunks_exact_mut(h).zip(state.chunks_exact(h)) {
                for (x, y) in a.iter_mut().zip(s) {
                    *x += y;
                }
                layer_norm(a, &layer.attention_norm, self.eps);
            }
            up.resize(tokens * layer.up.outputs, 0.0);
            kernel::linear(&attended, tokens, &layer.up, &mut up);
            gelu(&mut up);
            kernel::linear(&up, tokens, &layer.down, &mut down);
            for ((d, a), s) in down
                .chunks_exact(h)
                .zip(attended.chunks_exact(h))
                .zip(state.chunks_exact_mut(h))
            {
                for ((x, y), out) in d.iter().zip(a).zip(s.iter_mut()) {
                    *out = x + y;
                }
                layer_norm(s, &layer.output_norm, self.eps);
            }
        }

        let mut mean = vec![0f32; h];
        for row in state.chunks_exact(h) {
            for (m, x) in mean.iter_mut().zip(row) {
                *m += x;
            }
        }
        mean.iter_mut().for_each(|m| *m /= tokens as f32);
        let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        mean.iter_mut().for_each(|m| *m /= norm);
        Some(mean)
    }

    /// Self-attention over one text (no padding, so no mask): each head's queries against its
    /// keys, softmax, then the weighted sum of its values. A dozen tokens make this a small
    /// share of the pass, so it is plain loops.
    fn attention(&self, qkv: &[f32], tokens: usize, context: &mut [f32]) {
        let h = self.hidden;
        let size = h / self.heads;
        let scale = 1.0 / (size as f32).sqrt();
        let mut scores = vec![0f32; tokens];
        for head in 0..self.heads {
            let part = head * size..(head + 1) * size;
            for i in 0..tokens {
                let q = &qkv[i * 3 * h..][part.clone()];
                for (j, score) in scores.iter_mut().enumerate() {
                    let k = &qkv[j * 3 * h + h..][part.clone()];
                    *score = dot(q, k) * scale;
                }
                let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for s in scores.iter_mut() {
                    *s = (*s - max).exp();
                    sum += *s;
                }
                let out = &mut context[i * h..][part.clone()];
                out.fill(0.0);
                for (j, s) in scores.iter().enumerate() {
                    let v = &qkv[j * 3 * h + 2 * h..][part.clone()];
                    let p = s / sum;
                    for (o, x) in out.iter_mut().zip(v) {
                        *o += p * x;
                    }
                }
            }
        }
    }
}

/// A dot product in eight running sums, which the compiler turns into vector instructions (a
/// single running sum must be added in order, one float at a time): attention's scores were
/// most of the pass outside the multiplies (perf).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for ((sum, x), y) in sums.iter_mut().zip(x).zip(y) {
            *sum += x * y;
        }
    }
    sums.iter().sum::<f32>() + tail
}

/// Packs the rows of a weight (one row per output, as PyTorch stores a linear layer) into
/// [`Packed`]'s order.
fn pack(rows: &[Vec<f32>], bias: Vec<f32>) -> candle_core::Result<Packed> {
    let outputs = rows.len();
    let inputs = rows.first().map_or(0, Vec::len);
    if outputs == 0
        || !outputs.is_multiple_of(2 * LANES)
        || inputs == 0
        || bias.len() != outputs
        || rows.iter().any(|r| r.len() != inputs)
    {
        candle_core::bail!("a {outputs}×{inputs} weight does not suit the kernel");
    }
    let mut weights = Vec::with_capacity(outputs * inputs);
    for block in rows.chunks_exact(LANES) {
        for k in 0..inputs {
            weights.extend(
                block
                    .iter()
                    .map(|row| half::f16::from_f32(row[k]).to_bits()),
            );
        }
    }
    Ok(Packed {
        inputs,
        outputs,
        weights,
        bias,
    })
}

/// BERT's layer norm, as candle's: mean and (biased) variance over the row.
fn layer_norm(row: &mut [f32], norm: &Norm, eps: f32) {
    let n = row.len() as f32;
    let mean = row.iter().sum::<f32>() / n;
    let var = row.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((x, w), b) in row.iter_mut().zip(&norm.weight).zip(&norm.bias) {
        *x = (*x - mean) * inv * w + b;
    }
}

/// The exact (erf) GELU BERT uses, as candle's `gelu_erf`, over a whole row at once.
fn gelu(xs: &mut [f32]) {
    for x in xs {
        *x = 0.5 * *x * (1.0 + erf(*x * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// erf as a ratio of two polynomials (Eigen's `generic_fast_erf_float`), within 1e-6 of the
/// exact value. libm's `erff` branches and calls `expf`, so it cannot be vectorised, and with
/// a dozen tokens × 1,536 values × six layers it took a fifth of a question's pass.
fn erf(x: f32) -> f32 {
    // Beyond ±4, erf is ±1 in f32.
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = x2 * -2.726_142_3e-10 + 2.770_681_4e-8;
    p = x2 * p + -2.101_024e-6;
    p = x2 * p + -5.692_506_4e-5;
    p = x2 * p + -7.349_906_3e-4;
    p = x2 * p + -2.954_600_1e-3;
    p = x2 * p + -1.609_603_3e-2;
    let mut q = x2 * -1.456_607_2e-5 + -2.133_740_6e-4;
    q = x2 * q + -1.682_827e-3;
    q = x2 * q + -7.373_329e-3;
    q = x2 * q + -1.426_473_9e-2;
    x * p / q
}

#[cfg(target_arch = "x86_64")]
mod kernel {
    use super::{Packed, LANES};
    use std::arch::x86_64::*;

    pub(super) fn available() -> bool {
        is_x86_feature_detected!("avx512f")
    }

    /// `out[r][n] = bias[n] + Σₖ x[r][k] · w[n][k]` for `rows` rows of `x`.
    pub(super) fn linear(x: &[f32], rows: usize, w: &Packed, out: &mut [f32]) {
        assert!(x.len() >= rows * w.inputs && out.len() >= rows * w.outputs);
        assert!(w.weights.len() == w.inputs * w.outputs);
        assert!(w.outputs.is_multiple_of(2 * LANES));
        assert!(available());
        if rows == 0 {
            return;
        }
        // Each pair of weight blocks is read from memory once and used for every row while it
        // is in the core's cache: reading the weights is what a short text costs. Rows go in
        // as few groups as fit the registers, of even sizes: a group of one row left over
        // (15 = 14 + 1) waits on each sum's latency and cost 11% of a pass (perf), while 8 + 7
        // keeps every group's multiply-adds back to back.
        let groups = rows.div_ceil(MAX_ROWS);
        for block in (0..w.outputs / LANES).step_by(2) {
            let mut done = 0;
            for group in 0..groups {
                let size = rows / groups + usize::from(group < rows % groups);
                // SAFETY: AVX-512F is present (checked above); the kernel reads rows
                // `done..done + size` of `x` and writes the same rows of `out`, within the
                // bounds checked above since the groups' sizes add up to `rows`; `block + 1` is a block
                // since the outputs are a multiple of 32.
                done += unsafe {
                    match size {
                        14.. => two_blocks::<MAX_ROWS>(x, done, w, block, out),
                        13 => two_blocks::<13>(x, done, w, block, out),
                        12 => two_blocks::<12>(x, done, w, block, out),
                        11 => two_blocks::<11>(x, done, w, block, out),
                        10 => two_blocks::<10>(x, done, w, block, out),
                        9 => two_blocks::<9>(x, done, w, block, out),
                        8 => two_blocks::<8>(x, done, w, block, out),
                        7 => two_blocks::<7>(x, done, w, block, out),
                        6 => two_blocks::<6>(x, done, w, block, out),
                        5 => two_blocks::<5>(x, done, w, block, out),
                        4 => two_blocks::<4>(x, done, w, block, out),
                        3 => two_blocks::<3>(x, done, w, block, out),
                        2 => two_blocks::<2>(x, done, w, block, out),
                        _ => two_blocks::<1>(x, done, w, block, out),
                    }
                };
            }
        }
    }

    /// Rows at once, at most: their sums for two blocks fill 28 of the 32 vector registers.
    const MAX_ROWS: usize = 14;

    /// How many steps (of 16 half-precision weights, 32 bytes) ahead to prefetch.
    const PREFETCH: usize = 64;

    /// Rows `first..first + R`, outputs of blocks `block` and `block + 1` (32 outputs): each
    /// input is broadcast once and used for both blocks, and each vector of 16 weights is
    /// loaded once and used for every row. Returns `R`.
    ///
    /// # Safety
    /// The CPU has AVX-512F; `x` holds `first + R` rows of `w.inputs`, `out` as many rows of
    /// `w.outputs`, and `block + 1 < w.outputs / 16`.
    #[target_feature(enable = "avx512f")]
    unsafe fn two_blocks<const R: usize>(
        x: &[f32],
        first: usize,
        w: &Packed,
        block: usize,
        out: &mut [f32],
    ) -> usize {
        let (k, n) = (w.inputs, w.outputs);
        let x = x.as_ptr().add(first * k);
        let out = out.as_mut_ptr().add(first * n + block * LANES);
        let first_weights = w.weights.as_ptr().add(block * k * LANES);
        let second_weights = first_weights.add(k * LANES);
        let bias = w.bias.as_ptr().add(block * LANES);
        let mut sums = [[_mm512_loadu_ps(bias), _mm512_loadu_ps(bias.add(LANES))]; R];
        for i in 0..k {
            // Ask for the weights a few steps ahead: the hardware's own prefetching left the
            // kernel waiting on memory (perf).
            let ahead = (i + PREFETCH) * LANES;
            _mm_prefetch::<_MM_HINT_T0>(first_weights.wrapping_add(ahead).cast::<i8>());
            _mm_prefetch::<_MM_HINT_T0>(second_weights.wrapping_add(ahead).cast::<i8>());
            let w0 = _mm512_cvtph_ps(_mm256_loadu_si256(
                first_weights.add(i * LANES).cast::<__m256i>(),
            ));
            let w1 = _mm512_cvtph_ps(_mm256_loadu_si256(
                second_weights.add(i * LANES).cast::<__m256i>(),
            ));
            for (r, [s0, s1]) in sums.iter_mut().enumerate() {
                let xv = _mm512_set1_ps(*x.add(r * k + i));
                *s0 = _mm512_fmadd_ps(xv, w0, *s0);
                *s1 = _mm512_fmadd_ps(xv, w1, *s1);
            }
        }
        for (r, [s0, s1]) in sums.iter().enumerate() {
            _mm512_storeu_ps(out.add(r * n), *s0);
            _mm512_storeu_ps(out.add(r * n + LANES), *s1);
        }
        R
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod kernel {
    use super::Packed;

    pub(super) fn available() -> bool {
        false
    }

    pub(super) fn linear(_: &[f32], _: usize, _: &Packed, _: &mut [f32]) {
        unreachable!("the packed model is only built where the kernel is available")
    }
}

#[cfg(test)]
mod tests {
    use super::erf;

    #[test]
    fn erf_matches_libm() {
        let worst = (-6000..=6000)
            .map(|i| i as f32 / 1000.0)
            .map(|x| (erf(x) - libm::erff(x)).abs())
            .fold(0f32, f32::max);
        assert!(worst < 1e-6, "erf differs from libm by {worst}");
    }
}
