"""Per-article analysis: sentences, entities, quotes, time expressions, claims, embeddings."""
