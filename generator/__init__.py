"""Budget transparency: disclosures → validated data packages → static site."""
