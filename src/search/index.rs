//! The tantivy side: schema, building an in-RAM index, and running weighted term queries.

use rustc_hash::FxHashMap;
use tantivy::collector::TopDocs;
use tantivy::postings::TermInfo;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term,
    TERMINATED,
};

use super::analysis::{analyzer, Origin, QueryTerm, ANALYZER};

/// One indexed document: a passage or a quote, with the fields a question can match.
pub struct IndexDoc<'a> {
    pub id: u64,
    pub question: &'a str,
    pub answer: &'a str,
    pub speaker: &'a str,
    pub title: &'a str,
    /// Surrounding text that helps find the document but is not shown (a quote's passage).
    pub context: &'a str,
}

#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub question: Field,
    pub answer: Field,
    pub speaker: Field,
    pub title: Field,
    pub context: Field,
    /// The canonical speaker name as one untokenized term, for filtering.
    pub speaker_key: Field,
}

/// How much a match in each field counts. A user's question is most often a paraphrase of the
/// interviewer's, so the question field counts more than the answer; names and titles help,
/// but should not outweigh what was said.
#[derive(Debug, Clone, Copy)]
pub struct FieldWeights {
    pub question: f32,
    pub answer: f32,
    pub speaker: f32,
    pub title: f32,
    pub context: f32,
}

pub const PASSAGE_WEIGHTS: FieldWeights = FieldWeights {
    question: 1.3,
    answer: 1.0,
    speaker: 0.5,
    title: 0.3,
    // The passage's section heading.
    context: 0.5,
};

pub const QUOTE_WEIGHTS: FieldWeights = FieldWeights {
    question: 0.0,
    answer: 1.0,
    speaker: 0.3,
    title: 0.2,
    context: 0.4,
};

/// Initial term-table sizes of the single-segment writer (see `DocIndex::build`).
const SMALL_TABLE_BYTES: usize = 1_000_000;
const LARGE_TABLE_BYTES: usize = 15_000_000;

pub struct DocIndex {
    reader: IndexReader,
    pub fields: Fields,
    /// Where each document (by its id) lives in the index: `(segment, doc)`.
    addresses: Vec<DocAddress>,
}

impl DocIndex {
    /// Builds the index in RAM, or in `dir` (which must exist and be empty) to be reopened
    /// later with [`DocIndex::open`].
    ///
    /// Always one segment, written on the calling thread (the engine builds its two indexes
    /// side by side): a query pays its per-segment costs (term lookups, block-max WAND set-up,
    /// collecting) once instead of once per segment of a multi-threaded writer, and the threaded
    /// writer's smallest budget sizes a 512K-slot term table that is zeroed and walked at
    /// commit, most of the time indexing a small corpus took.
    pub fn build<'a>(
        docs: impl Iterator<Item = IndexDoc<'a>>,
        dir: Option<&std::path::Path>,
    ) -> tantivy::Result<Self> {
        let (schema, fields) = schema();
        let tokenizers = tantivy::tokenizer::TokenizerManager::default();
        tokenizers.register(ANALYZER, analyzer());
        let builder = Index::builder().schema(schema).tokenizers(tokenizers);
        // The budget only sizes the initial term table, which grows as needed.
        let budget = if docs.size_hint().0 > 20_000 {
            LARGE_TABLE_BYTES
        } else {
            SMALL_TABLE_BYTES
        };
        let mut writer = match dir {
            Some(d) => builder
                .single_segment_index_writer(tantivy::directory::MmapDirectory::open(d)?, budget)?,
            None => builder
                .single_segment_index_writer(tantivy::directory::RamDirectory::create(), budget)?,
        };
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.id, d.id);
            doc.add_text(fields.question, d.question);
            doc.add_text(fields.answer, d.answer);
            doc.add_text(fields.speaker, d.speaker);
            doc.add_text(fields.title, d.title);
            doc.add_text(fields.context, d.context);
            doc.add_text(fields.speaker_key, speaker_key(d.speaker));
            writer.add_document(doc)?;
        }
        let index = writer.finalize()?;
        Self::reader_for(index, fields)
    }

    /// Opens an index saved by [`DocIndex::build`] in `dir`.
    pub fn open(dir: &std::path::Path) -> tantivy::Result<Self> {
        let index = Index::open_in_dir(dir)?;
        index.tokenizers().register(ANALYZER, analyzer());
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(tantivy::TantivyError::SchemaError(format!(
                "the index in {} was made by another version",
                dir.display()
            )));
        }
        Self::reader_for(index, fields)
    }

    fn reader_for(index: Index, fields: Fields) -> tantivy::Result<Self> {
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let missing = DocAddress::new(u32::MAX, u32::MAX);
        let mut addresses = vec![missing; searcher.num_docs() as usize];
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ids = segment.fast_fields().u64("id")?;
            for doc in 0..segment.max_doc() {
                let Some(id) = ids.first(doc) else { continue };
                let id = id as usize;
                if id >= addresses.len() {
                    addresses.resize(id + 1, missing);
                }
                addresses[id] = DocAddress::new(ord as u32, doc);
            }
        }
        Ok(Self {
            reader,
            fields,
            addresses,
        })
    }
}

fn schema() -> (Schema, Fields) {
    {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: builder.add_u64_field("id", INDEXED | FAST),
            question: builder.add_text_field("question", text.clone()),
            answer: builder.add_text_field("answer", text.clone()),
            speaker: builder.add_text_field("speaker", text.clone()),
            title: builder.add_text_field("title", text.clone()),
            context: builder.add_text_field("context", text),
            speaker_key: builder.add_text_field("speaker_key", STRING),
        };
        (builder.build(), fields)
    }
}

impl DocIndex {
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The weighted OR of every term over every field, BM25-scored by tantivy.
    pub fn query(&self, terms: &[QueryTerm], weights: FieldWeights) -> Option<BooleanQuery> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in terms {
            for (field, w) in [
                (f.question, weights.question),
                (f.answer, weights.answer),
                (f.speaker, weights.speaker),
                (f.title, weights.title),
                (f.context, weights.context),
            ] {
                let boost = w * t.weight;
                // Every passage of an article has its title: a subject there says which
                // article, not which passage.
                if boost <= 0.0 || (t.origin == Origin::Subject && field != f.title) {
                    continue;
                }
                let q = TermQuery::new(
                    Term::from_field_text(field, &t.term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        (!clauses.is_empty()).then(|| BooleanQuery::new(clauses))
    }

    /// Top `limit` documents as (id, BM25 score), optionally only those of one speaker.
    pub fn search(
        &self,
        query: BooleanQuery,
        speaker: Option<&str>,
        limit: usize,
    ) -> tantivy::Result<Vec<(u64, f32)>> {
        let searcher = self.searcher();
        let query: Box<dyn Query> = match speaker {
            Some(name) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(query) as Box<dyn Query>),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.speaker_key, &speaker_key(name)),
                        IndexRecordOption::Basic,
                    )),
                ),
            ])),
            None => Box::new(query),
        };
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let column = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("id")?;
            if let Some(id) = column.first(addr.doc_id) {
                out.push((id, score));
            }
        }
        Ok(out)
    }
}

impl DocIndex {
    /// For each document of `ids`, which of `terms` (analysed) it has in any of `fields`, read
    /// from the posting lists: the ranking's coverage feature without analysing any text again.
    pub fn has_terms(
        &self,
        ids: &[usize],
        terms: &[&str],
        fields: &[Field],
    ) -> tantivy::Result<Vec<Vec<bool>>> {
        let mut out = vec![vec![false; terms.len()]; ids.len()];
        let mut by_segment: std::collections::BTreeMap<u32, Vec<(u32, usize)>> = Default::default();
        for (i, id) in ids.iter().enumerate() {
            if let Some(a) = self
                .addresses
                .get(*id)
                .filter(|a| a.segment_ord != u32::MAX)
            {
                by_segment
                    .entry(a.segment_ord)
                    .or_default()
                    .push((a.doc_id, i));
            }
        }
        let searcher = self.searcher();
        for (segment, mut docs) in by_segment {
            // Posting lists can only be walked forwards.
            docs.sort_unstable();
            let reader = searcher.segment_reader(segment);
            for field in fields {
                let inverted = reader.inverted_index(*field)?;
                for (t, term) in terms.iter().enumerate() {
                    let term = Term::from_field_text(*field, term);
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::Basic)?
                    else {
                        continue;
                    };
                    for (doc, i) in &docs {
                        if postings.doc() > *doc {
                            continue;
                        }
                        if postings.seek(*doc) == *doc {
                            out[*i][t] = true;
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

impl DocIndex {
    /// In how many documents each term occurs, in any of `fields` (a document counts once
    /// however many of them have it): the vocabulary's statistics, read from the posting lists
    /// instead of analysing every passage a second time.
    pub fn doc_freqs(&self, fields: &[Field]) -> tantivy::Result<FxHashMap<String, u32>> {
        let searcher = self.searcher();
        let mut out: FxHashMap<String, u32> = FxHashMap::default();
        for segment in searcher.segment_readers() {
            let inverted = fields
                .iter()
                .map(|f| segment.inverted_index(*f))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let mut entries: Vec<(Vec<u8>, usize, TermInfo)> = Vec::new();
            for (f, inv) in inverted.iter().enumerate() {
                let mut terms = inv.terms().stream()?;
                while terms.advance() {
                    entries.push((terms.key().to_vec(), f, terms.value().clone()));
                }
            }
            entries.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut seen = vec![false; segment.max_doc() as usize];
            let mut touched: Vec<u32> = Vec::new();
            for group in entries.chunk_by(|a, b| a.0 == b.0) {
                let Ok(term) = std::str::from_utf8(&group[0].0) else {
                    continue;
                };
                let n = if let [(_, _, info)] = group {
                    info.doc_freq
                } else {
                    // In several fields: count the union of their documents.
                    for (_, f, info) in group {
                        let mut postings = inverted[*f]
                            .read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                        let mut doc = postings.doc();
                        while doc != TERMINATED {
                            if let Some(s) = seen.get_mut(doc as usize) {
                                if !*s {
                                    *s = true;
                                    touched.push(doc);
                                }
                            }
                            doc = postings.advance();
                        }
                    }
                    let n = touched.len() as u32;
                    for d in touched.drain(..) {
                        seen[d as usize] = false;
                    }
                    n
                };
                match out.get_mut(term) {
                    Some(total) => *total += n,
                    None => {
                        out.insert(term.to_string(), n);
                    }
                }
            }
        }
        Ok(out)
    }

    /// How many documents have every one of `terms` in one of `fields`.
    pub fn count_with_all(&self, terms: &[&str], fields: &[Field]) -> tantivy::Result<usize> {
        let per_field: Vec<(Occur, Box<dyn Query>)> = fields
            .iter()
            .map(|&field| {
                let all: Vec<(Occur, Box<dyn Query>)> = terms
                    .iter()
                    .map(|t| {
                        let q = TermQuery::new(
                            Term::from_field_text(field, t),
                            IndexRecordOption::Basic,
                        );
                        (Occur::Must, Box::new(q) as Box<dyn Query>)
                    })
                    .collect();
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(all)) as Box<dyn Query>,
                )
            })
            .collect();
        self.searcher()
            .search(&BooleanQuery::new(per_field), &tantivy::collector::Count)
    }

    /// Up to `limit` documents whose `field` holds both terms (their ids).
    pub fn with_both(
        &self,
        a: &str,
        b: &str,
        field: Field,
        limit: usize,
    ) -> tantivy::Result<Vec<u64>> {
        let searcher = self.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let ids = segment.fast_fields().u64("id")?;
            let inverted = segment.inverted_index(field)?;
            let read = |t: &str| {
                inverted.read_postings(&Term::from_field_text(field, t), IndexRecordOption::Basic)
            };
            let (Some(mut first), Some(mut second)) = (read(a)?, read(b)?) else {
                continue;
            };
            // Both posting lists are in document order: step the one behind.
            while first.doc() != TERMINATED && second.doc() != TERMINATED {
                match first.doc().cmp(&second.doc()) {
                    std::cmp::Ordering::Less => {
                        first.seek(second.doc());
                    }
                    std::cmp::Ordering::Greater => {
                        second.seek(first.doc());
                    }
                    std::cmp::Ordering::Equal => {
                        if let Some(id) = ids.first(first.doc()) {
                            out.push(id);
                            if out.len() >= limit {
                                return Ok(out);
                            }
                        }
                        first.advance();
                    }
                }
            }
        }
        Ok(out)
    }

    /// The lowest id of a document with `term` in any of `fields`.
    pub fn first_with(&self, term: &str, fields: &[Field]) -> tantivy::Result<Option<u64>> {
        let searcher = self.searcher();
        let mut best: Option<u64> = None;
        for segment in searcher.segment_readers() {
            let ids = segment.fast_fields().u64("id")?;
            for field in fields {
                let inverted = segment.inverted_index(*field)?;
                let t = Term::from_field_text(*field, term);
                let Some(postings) = inverted.read_postings(&t, IndexRecordOption::Basic)? else {
                    continue;
                };
                let doc = postings.doc();
                if doc != TERMINATED {
                    if let Some(id) = ids.first(doc) {
                        best = Some(best.map_or(id, |b| b.min(id)));
                    }
                }
            }
        }
        Ok(best)
    }
}

/// Speaker names compare case-insensitively; an unattributed document has the empty key.
pub fn speaker_key(name: &str) -> String {
    crate::config::normalize_name(name)
}
