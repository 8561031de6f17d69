"""Readers by file format — plain text exports, PDF (pdfplumber), Word, Excel — each turning a
source into one stream of paragraphs and table rows (`generator.ingest.items`); `sources` dispatches."""
