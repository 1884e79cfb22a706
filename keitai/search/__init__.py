"""Search in Japanese as it is typed on a phone: folding (normalize), readings and normal
spellings (analysis), n-gram terms (grams), one index per kind behind one engine interface
(engines), the documents each kind indexes (documents), index upkeep by the job queue
(indexing), queries (query), privacy-checked results (results) and marking (highlight).
"""
