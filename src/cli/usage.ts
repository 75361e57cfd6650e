/**
 * The CLI's usage text: the general usage and each command's, printed by `--help`, by
 * `help <command>` and after a usage error. A new flag gets its line here and its entry
 * in flags.ts.
 * @module
 */
import { MAX_CLASSES } from './preprocess.js';

/** Usage text by command (`general` for the program's). */
export const USAGE: Record<string, string> = {
  general: `Usage: logreg-wasm <command> [options]      (logreg-wasm --version prints the version)

Commands:
  train <data.csv> --target COLUMN [options]   fit a model, print a report, save it with --out
                                               (data: CSV, Parquet, Arrow IPC, svmlight)
  train --sql QUERY --target COLUMN [options]  the same on a DuckDB query's result
  cv <data.csv> --target COLUMN [options]      cross-validated scores of the configured model
  predict <model.json> <data.csv> [options]    predicted label (and probabilities) per row
  evaluate <model.json> <data.csv> [options]   the report of a saved model on labelled rows
  demo                                         the reference experiment: accuracy, weights, fit time
  export <model.json> --onnx model.onnx        write the model as ONNX (predict/evaluate read it)

Data files: CSV (.csv, any other name), Parquet (.parquet, .pq), Arrow IPC (.arrow,
.feather v2, .arrows), svmlight (.svm, .svmlight, .libsvm, optionally .gz); --format
overrides the name. Parquet and Arrow columns are read as a CSV file's cells: a null is a
missing value, numbers exact.

Run 'logreg-wasm help <command>' (or '<command> --help') for a command's options.`,
  train: `Usage: logreg-wasm train <data.csv> --target COLUMN [options]
       logreg-wasm train <data.parquet|data.arrow> --target COLUMN [options]
       logreg-wasm train --sql QUERY --target COLUMN [options]
       logreg-wasm train <data.svm> [options]

Data:
  --format csv|parquet|arrow|svmlight
                           the data file's format (default: by its name: .parquet or .pq
                           Parquet; .arrow, .feather (v2) or .arrows Arrow IPC; .svm,
                           .svmlight or .libsvm, or one of those and .gz (read
                           gzip-compressed), svmlight; else CSV, a .txt file too).
                           Parquet and Arrow columns become cells as in a CSV file (a
                           null is a missing value; numbers exact), so every flag applies
  --sql QUERY              train on the result of a DuckDB query in place of a data file,
                           e.g. --sql "SELECT * FROM 'big/*.parquet' WHERE year > 2020"
                           (needs npm install @duckdb/node-api; streamed with --stream,
                           which runs it once per pass: give it an ORDER BY if its rows'
                           order can change)
  --target COLUMN          the column to predict (required but for svmlight, whose labels are
                           the first token of each line)
  --features a,b,c         feature columns (default: every other column); a name with a
                           comma in double quotes: --features '"Income, USD",age'
  --one-hot a,b            categorical columns to one-hot encode (repeatable)
  --impute mean|median     fill missing values from the training rows (default: error)
  --standardize            scale features to mean 0, standard deviation 1
  --delimiter , ; tab      the CSV delimiter (default: detected from the header; CSV only)
  --test-size F            fraction of rows held out for testing, 0 to < 1 (default 0.2;
                           0 with --summary)
  --random-state N         seed of the split and of sgd (default 42)
  --stratify               keep the class proportions in the split
  --max-classes N          the most distinct target values taken as classes (default ${MAX_CLASSES});
                           more look like an ID or a measurement, not classes
svmlight (LIBSVM) data:    read as scikit-learn's load_svmlight_file: indices one-based
                           when the file has no index 0; the model keeps the file's width
                           and index base (predict refuses a larger index, pads a smaller)
Text (a CSV column of text as the only features; other columns but --target are not read):
  --text COLUMN            the column of text
  --hashing N              hashed term counts in N columns (N or 2^K, e.g. 2^20); else
  --tfidf                  tf-idf over a learnt vocabulary; neither: counts of a vocabulary
  --ngram MIN,MAX          n-gram lengths (default 1,1)
  --analyzer word|char|char_wb           (default word)
  --stop-words english     drop scikit-learn's English stop words (word analyzer)
  --binary                 1 for each term present instead of its count
  --min-df N|F  --max-df N|F             drop terms in fewer / more documents than N, or
                           than a fraction F of them (with a decimal point: 0.5, 1.0)
  --max-features N         keep the N most frequent terms
  --sublinear-tf           1 + log(count) for --tfidf
Model:
  --solver lbfgs|newton|newton-cd|owlqn|gd|sgd
                           (default lbfgs; newton-cd for l1 and elasticnet)
  --penalty l2|l1|elasticnet|none        (default l2)
  --C X  --l1-ratio X  --max-iter N  --tol X  --learning-rate X  --batch-size N
  --class-weight balanced  --threads N|auto  --dtype float64|float32
  --multi-class auto|ovr|multinomial    (default auto: one softmax over 3+ classes)
  (a value that starts with '-' is written --flag=VALUE)
Choosing C (LogisticRegressionCV on the training rows, then refitted on all of them):
  --cv K                   search C over K stratified folds (K ≥ 2); the report gives each
                           C's mean score ± its standard error and the chosen C
  --Cs N|C1,C2,…           N values log-spaced from 1e-4 to 1e4 (default 10), or the
                           values themselves (one value alone with a decimal point: 1.0)
  --l1-ratios R1,R2,…      the l1 ratios to search, with --penalty elasticnet (required then)
  --scoring NAME           what chooses C: accuracy (default), balanced_accuracy,
                           neg_log_loss, roc_auc, roc_auc_ovr, f1, f1_macro, precision, recall
Statistical inference (statsmodels' Logit table; MNLogit for 3+ classes):
  --summary                print the summary of the maximum-likelihood fit after the report
                           (--json: under "summary"): each coefficient's standard error, z,
                           p-value, interval and odds ratio; log-likelihoods, LLR test,
                           pseudo R², AIC, BIC. Needs --penalty none (or --C inf); fits with
                           --solver newton --tol 1e-10 unless given, on every row unless
                           --test-size is given (the summary describes the training rows)
  --robust HC0|HC1|HC2|HC3 heteroskedasticity-robust standard errors (default: nonrobust)
  --cluster COLUMN         cluster-robust standard errors, clustered by COLUMN's labels
                           (the column is then not a feature)
  --alpha A                intervals at level 1 − A, 0 < A < 1 (default 0.05)
Streaming (data larger than memory):
  --stream                 read the data once into a cache of parsed rows on disk, then
                           train from it chunk by chunk: mini-batch SGD for --epochs, or
                           with --solver lbfgs|owlqn|newton the exact model, a pass over
                           the cache per evaluation (--max-iter, --tol)
  --epochs N               passes over the rows (default 5; sgd only)
  --chunk-size N           rows per chunk (default 10000)
  --cache FILE             keep the parsed rows in FILE and reuse them while the data file
                           (its size and modification time) and the columns are the same
                           (default: a temporary file, removed at the end)
  --pushdown               fit in DuckDB instead (a --sql query or a Parquet file): every
                           evaluation of the objective one SQL aggregate, the lbfgs, owlqn
                           or newton iteration here; the exact optimum, every row of the query
                           (--test-size 0), numeric columns as they are
  --memory-limit SIZE      DuckDB's memory limit for --pushdown (e.g. 2GB)
Output:
  --out model.json         write the model file (with the preprocessing); not the data file
  --json                   print the report as JSON
  --quiet                  no progress output`,
  predict: `Usage: logreg-wasm predict <model.json|model.onnx> <data.csv|data.parquet|data.arrow|data.svm> [options]

  --proba                  add one probability column per class
  --format csv|parquet|arrow|svmlight
                           the data file's format (default: by its name, as for train); a
                           model of columns reads CSV, Parquet and Arrow alike, a model of
                           svmlight data reads svmlight
  --out preds.csv          write to a file (default: stdout; never one of the input files);
                           a name ending in .parquet (or .pq) writes Parquet: the same
                           columns, labels as DOUBLE (numeric classes) or strings (as
                           they are: the guard below is for CSV), probabilities as DOUBLE
  --delimiter , ; tab      the CSV delimiter (default: detected from the header)
  --raw-cells              write text cells as they are; by default a text cell that
                           starts with =, +, -, @, tab or carriage return (which a
                           spreadsheet would run as a formula) gets a leading ' —
                           numbers such as -1 are never changed`,
  export: `Usage: logreg-wasm export <model.json> --onnx model.onnx

Writes the model as an ONNX-ML LinearClassifier (input X: the feature vector after
imputation and one-hot encoding, float, N×d; outputs label and probabilities), with
standardisation folded into the coefficients and the preprocessing in metadata_props.
A model of svmlight data keeps its width and index base there; a model of --text is
refused (its vectorizer has no ONNX form here).

  --onnx model.onnx        the file to write (required; not the model file itself)`,
  cv: `Usage: logreg-wasm cv <data.csv> --target COLUMN [options]
       logreg-wasm cv <data.parquet|data.arrow> --target COLUMN [options]
       logreg-wasm cv --sql QUERY --target COLUMN [options]
       logreg-wasm cv <data.svm> [options]

Scores the model train's flags configure on K stratified folds (unshuffled, as
scikit-learn's cross_val_score with cv=K): each fold fits the features (--impute,
--standardize, the --text vocabulary) and the model on its training rows and scores its
test rows (--one-hot categories are the whole file's, as for train). Prints each fold's score, their mean, their standard deviation
(ddof 1) and its standard error (std / √K).

  --cv K                   the number of folds, K ≥ 2 (default 5)
  --scoring NAME           accuracy (default), balanced_accuracy, neg_log_loss, roc_auc,
                           roc_auc_ovr, f1, f1_macro, precision, recall
  --json                   print the report as JSON
Data, as for train: --format csv|parquet|arrow|svmlight  --sql QUERY  --target COLUMN  --features a,b,c
  --one-hot a,b  --impute mean|median  --standardize  --delimiter , ; tab  --max-classes N
Text, as for train: --text COLUMN  --hashing N  --tfidf  --ngram MIN,MAX  --analyzer A
  --stop-words english  --binary  --min-df N|F  --max-df N|F  --max-features N  --sublinear-tf
Model, as for train: --solver S  --penalty P  --C X  --l1-ratio X  --max-iter N  --tol X
  --learning-rate X  --batch-size N  --class-weight balanced  --threads N|auto
  --dtype float64|float32  --multi-class M  --random-state N (the seed of sgd)`,
  evaluate: `Usage: logreg-wasm evaluate <model.json|model.onnx> <data.csv|data.parquet|data.arrow|data.svm> [options]

  --target COLUMN          the column with the true labels (default: the model's target;
                           svmlight labels are the first token of each line)
  --format csv|parquet|arrow|svmlight
                           the data file's format (default: by its name, as for train)
  --json                   print the report as JSON
  --delimiter , ; tab      the CSV delimiter (default: detected from the header)`,
  demo: `Usage: logreg-wasm demo

Runs the reference experiment: make_classification (seed 42), an 80/20 split, 1000
iterations of gradient descent at learning rate 0.01; prints "Accuracy: 0.895".`,
};
