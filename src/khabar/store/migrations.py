"""Ordered, named schema migrations. Append only: a released migration is never edited.

Ids are content hashes, so re-ingesting the same article is a no-op; JSON columns hold
lists and small records (never pickle).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_core",
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            status TEXT NOT NULL,
            inputs TEXT NOT NULL,
            settings TEXT NOT NULL,
            stages TEXT NOT NULL,
            summary TEXT
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            lang TEXT NOT NULL,
            lang_confidence REAL NOT NULL,
            text TEXT NOT NULL,
            published TEXT,
            outlet TEXT,
            event TEXT,
            origin TEXT,
            paragraphs TEXT NOT NULL,
            removed TEXT NOT NULL,
            meta TEXT NOT NULL,
            simhash INTEGER NOT NULL,
            near_duplicate_of TEXT,
            embedding BLOB,
            run TEXT NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE INDEX documents_source ON documents(source);
        CREATE INDEX documents_event ON documents(event);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE simhash_bands (
            band INTEGER NOT NULL,
            value INTEGER NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (band, value, document)
        ) WITHOUT ROWID;
        CREATE TABLE rejections (
            run TEXT NOT NULL,
            origin TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            affiliation TEXT,
            kb_id TEXT,
            aliases TEXT NOT NULL
        );
        CREATE TABLE mentions (
            document TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            key TEXT NOT NULL,
            entity TEXT,
            kb_id TEXT,
            role TEXT,
            source TEXT NOT NULL,
            confidence REAL NOT NULL DEFAULT 1.0,
            PRIMARY KEY (document, start, "end")
        );
        CREATE INDEX mentions_entity ON mentions(entity);
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            data TEXT NOT NULL,
            speaker TEXT,
            stance TEXT NOT NULL
        );
        CREATE INDEX statements_document ON statements(document);
        CREATE INDEX statements_speaker ON statements(speaker);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            property TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX claims_document ON claims(document);
        CREATE TABLE dates (
            document TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            precision TEXT NOT NULL,
            PRIMARY KEY (document, start, "end")
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            event TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX conflicts_event ON conflicts(event);
        """,
    ),
    (
        "0002_search",
        """
        CREATE VIRTUAL TABLE search USING fts5(
            kind UNINDEXED, ref UNINDEXED, title UNINDEXED, lang UNINDEXED, keys,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    (
        "0003_web_indexes",
        """
        CREATE INDEX documents_lang ON documents(lang);
        """,
    ),
    (
        # put_analysis numbers each document with max(seq) + 1: without this index that is a
        # scan of the whole table per document (measured: 0.7 s a document at 100k documents).
        "0004_documents_seq",
        """
        CREATE INDEX documents_seq ON documents(seq);
        """,
    ),
    (
        # Document and statement rows of the search table are now written when the document is
        # stored, and a run refreshes only entity and event rows. Rows indexed by earlier
        # versions are dropped here; the next run sees no document rows and indexes everything.
        "0005_search_at_store",
        """
        DELETE FROM search;
        """,
    ),
]
