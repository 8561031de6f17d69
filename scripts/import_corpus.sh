#!/usr/bin/env bash
# Re-create the shipped packages in data/packages from the corpus documents.
# Usage: scripts/import_corpus.sh [CORPUS_DIR]   (default: ../shared/corpus)
set -euo pipefail
corpus=${1:-../shared/corpus}
transparency import "$corpus"/000_*.txt
transparency import "$corpus"/001_*.txt --department 430611-zuzhibu --kind evaluation  # names only 区委组织部
transparency import "$corpus"/002_*.txt
transparency import "$corpus"/003_*.txt
