/**
 * The Arrow section alone: `npx tsx bench/arrow/run.ts [quick|default|full]`.
 * @module
 */
import { benchArrow, type ArrowMode } from './section.js';
import { arrowTargets } from './targets.js';

const mode = (process.argv[2] ?? 'default') as ArrowMode;
if (!['quick', 'default', 'full'].includes(mode)) throw new Error('usage: npx tsx bench/arrow/run.ts [quick|default|full]');
const results = await benchArrow(mode);
console.log('');
for (const t of arrowTargets(results)) console.log(`${t.met === null ? '—' : t.met ? 'met' : 'MISSED'}: ${t.target}: needed ${t.needed}, measured ${t.measured}`);
