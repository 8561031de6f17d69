"""The static site: read validated packages, render pages, charts and downloads, index for search."""
