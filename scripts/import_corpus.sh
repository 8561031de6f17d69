#!/usr/bin/env bash
# Re-create the shipped packages in data/packages from the corpus documents (new departments are
# added to data/departments.csv by the import itself).
# Usage: scripts/import_corpus.sh [CORPUS_DIR]   (default: ../shared/corpus)
set -euo pipefail
corpus=${1:-../shared/corpus}
# the documents are the record: their packages are re-made even where a change of the importer reads less
imp() { transparency import --replace "$@"; }
imp "$corpus"/000_*.txt
imp "$corpus"/001_*.txt --department 430611-zuzhibu --kind evaluation  # names only 区委组织部
imp "$corpus"/002_*.txt
imp "$corpus"/003_*.txt

# Published PDFs (the Shanghai template is a blank form of no department: not shipped)
pdf="$corpus/pdf"
for f in sh-putuo-ghzyj-2024-final sh-putuo-qzfb-2025-budget sh-putuo-qzfb-unit-2025-budget \
         sh-putuo-swj-2025-budget sh-putuo-swj-unit-2025-budget sh-putuo-wanli-street-2025-budget \
         js-江苏省人大办公厅2017年度预算公开 js-省人大办公厅2018预算公开; do
  imp "$pdf/$f.pdf"
done
# Jiangsu disclosures published as two files: the narrative, then the tables (附后)
imp "$pdf"/js-江苏省人大常委会2019年度部门预算公开.pdf "$pdf"/js-江苏省人大常委会办公厅2019年部门预算公开表.pdf
imp "$pdf"/js-江苏省政协办公厅2017年度部门预算.pdf "$pdf"/js-江苏省政协办公厅2017年度部门预算公开表.pdf
imp "$pdf"/js-江苏省政协办公厅2018年度部门预算.pdf "$pdf"/js-江苏省政协办公厅2018度部门预算公开表.pdf
imp "$pdf"/js-江苏省政协办公厅2019年度部门预算.pdf "$pdf"/js-江苏省政协办公厅2019年预算公开表.pdf

# The university set (central-department templates): a 部门预算 and a 部门决算
imp "$pdf"/cq-西南大学2021年部门预算.pdf
imp "$pdf"/cq-西南大学2023年度部门决算.pdf

# Real disclosures of ten provinces (wild/): every one, departments registered from the documents
wild="$corpus/wild"
imp "$wild"/bj-北京市重大项目建设指挥部办公室2026年部门预算情况说明.pdf \
                    "$wild"/bj-北京市重大项目建设指挥部办公室2026年部门预算报表.pdf
for f in "$wild"/*.pdf; do
  case "$(basename "$f")" in bj-*) continue ;; esac
  imp "$f"
done
