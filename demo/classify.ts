/**
 * The page's text classifier: the vectorizer the data worker fitted (rebuilt from its JSON)
 * and the fitted model turn a sentence the user types into class probabilities, drawn as a
 * list of bars. Labels reach the page only as text.
 * @module
 */
import { type Dtype, HashingVectorizer, type LogisticRegression, TfidfVectorizer } from 'logreg-wasm';
import type { PreparedText } from './data.js';

/** A fitted vectorizer of either kind the page offers. */
export type TextVectorizer = TfidfVectorizer<Dtype> | HashingVectorizer<Dtype>;

/** The vectorizer of prepared text, rebuilt on this thread. */
export function vectorizerOf(spec: PreparedText['vectorizer']): TextVectorizer {
  return spec.kind === 'tfidf' ? TfidfVectorizer.fromJSON(spec.json) : HashingVectorizer.fromJSON(spec.json);
}

/** One class and its probability. */
export interface ClassProbability {
  label: number | string;
  p: number;
}

/** The model's probability of each class for one text, most probable first (ties in class order). */
export function classify(model: LogisticRegression, vectorizer: TextVectorizer, text: string): ClassProbability[] {
  const X = vectorizer.transform([text]);
  try {
    const proba = model.predictProba(X);
    const classes = model.classes as (number | string)[];
    return classes.map((label, k) => ({ label, p: proba.get(0, k) })).sort((a, b) => b.p - a.p);
  } finally {
    X.dispose();
  }
}

/** Draws the probabilities into a list: one item per class, its name, a bar and the percentage. */
export function renderProbabilities(list: HTMLElement, rows: readonly ClassProbability[]): void {
  list.replaceChildren(
    ...rows.map(({ label, p }, rank) => {
      const item = document.createElement('li');
      item.dataset['p'] = String(p);
      if (rank === 0) item.className = 'top';
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = String(label);
      const track = document.createElement('span');
      track.className = 'track';
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${(100 * p).toFixed(1)}%`;
      track.append(bar);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = `${(100 * p).toFixed(1)} %`;
      item.append(name, track, value);
      return item;
    }),
  );
}

/** A class and the terms whose weights favour it most. */
export interface ClassWords {
  label: number | string;
  words: string[];
}

/**
 * The `count` terms that weigh most for each class: its row's largest coefficients; for a
 * binary model (one row w, the positive class second), the largest of w for the second class
 * and the largest of −w for the first.
 */
export function topWords(model: LogisticRegression, featureNames: readonly string[], count: number): ClassWords[] {
  const coef = model.coef;
  const classes = model.classes as (number | string)[];
  const columns = Array.from({ length: coef.cols }, (_, j) => j);
  const best = (row: number, sign: number): string[] =>
    [...columns]
      .sort((a, b) => sign * (coef.get(row, b) - coef.get(row, a)) || a - b)
      .slice(0, count)
      .map((j) => featureNames[j] as string);
  if (coef.rows === 1) return [{ label: classes[0]!, words: best(0, -1) }, { label: classes[1]!, words: best(0, 1) }];
  return classes.map((label, k) => ({ label, words: best(k, 1) }));
}

/** Draws the top words as a definition list: each class, then its words. */
export function renderTopWords(list: HTMLElement, rows: readonly ClassWords[]): void {
  list.replaceChildren(
    ...rows.flatMap(({ label, words }) => {
      const term = document.createElement('dt');
      term.textContent = String(label);
      const description = document.createElement('dd');
      description.textContent = words.join(', ');
      return [term, description];
    }),
  );
}
