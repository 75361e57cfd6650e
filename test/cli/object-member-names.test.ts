// Names and labels are user data: a column, category, label or command called like a
// member of Object.prototype (`constructor`, `__proto__`, `toString`, `valueOf`) is an
// ordinary name to the CLI.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const MEMBERS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

// Feature columns named after Object.prototype's members; `__proto__` is categorical,
// and the label decides the class.
const DATA =
  'constructor,__proto__,toString,valueOf,hasOwnProperty,y\n' +
  Array.from({ length: 24 }, (_, i) => {
    const y = i % 2;
    return `${(i % 5) + y * 3},${['red', 'blue', 'green'][i % 3]},${i % 4},${(i * 7) % 5},${i % 3},${y}\n`;
  }).join('');

describe('columns named after Object.prototype members', () => {
  it('train uses every such column as a numeric feature', async () => {
    const r = await cli(['train', tmp.file('numeric.csv', DATA.replace(/red|blue|green/g, (c) => String(c.length))), '--target', 'y', '--test-size', '0', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).data.features).toEqual(MEMBERS);
  });

  it('train --one-hot __proto__ writes a model file that predict then reads', async () => {
    const data = tmp.file('onehot.csv', DATA);
    const model = tmp.path('onehot.json');
    const t = await cli(['train', data, '--target', 'y', '--one-hot', '__proto__', '--impute', 'mean', '--test-size', '0', '--quiet', '--out', model]);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const saved = JSON.parse(readFileSync(model, 'utf8')).preprocessing;
    expect(Object.keys(saved.oneHot)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(saved.oneHot, '__proto__')?.value).toEqual(['blue', 'green', 'red']);
    const p = await cli(['predict', model, data]);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    expect(p.stdout.trimEnd().split('\n')).toHaveLength(25);
  });

  it('train --stream --one-hot constructor treats the column as categorical', async () => {
    const data = tmp.file('stream.csv', DATA.replace(/^constructor,__proto__/, '__proto__,constructor'));
    const r = await cli(['train', data, '--target', 'y', '--stream', '--one-hot', 'constructor', '--test-size', '0', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const features: string[] = JSON.parse(r.stdout).data.features;
    expect(features.filter((f) => f.startsWith('constructor='))).toEqual(['constructor=blue', 'constructor=green', 'constructor=red']);
  });

  it('a model whose columns are not one-hot is not misread when a column is called toString', async () => {
    const data = tmp.file('plain.csv', 'toString,valueOf,y\n1,0,0\n0,1,1\n2,0,0\n0,2,1\n');
    const model = tmp.path('plain.json');
    expect((await cli(['train', data, '--target', 'y', '--test-size', '0', '--quiet', '--out', model])).code).toBe(0);
    const e = await cli(['evaluate', model, data, '--json']);
    expect(e.stderr).toBe('');
    expect(JSON.parse(e.stdout).scores.rows).toBe(4);
  });

  it('labels called constructor and __proto__ are two classes', async () => {
    const data = tmp.file('labels.csv', 'x,y\n0,constructor\n1,__proto__\n0.2,constructor\n0.9,__proto__\n');
    const r = await cli(['train', data, '--target', 'y', '--test-size', '0', '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).classes).toEqual(['__proto__', 'constructor']);
  });
});

describe('commands named after Object.prototype members', () => {
  for (const name of MEMBERS) {
    it(`'logreg-wasm ${name}' is an unknown command (exit 2, the general usage)`, async () => {
      const r = await cli([name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^logreg-wasm: unknown command '${name}'`));
      expect(r.stderr).toContain('Usage: logreg-wasm <command>');
      expect(r.stderr).not.toContain('native code');
    });
  }
});
