/**
 * Runs a bench probe: a TypeScript script in a Node process of its own (with this
 * process's V8 wasm flags, e.g. relaxed SIMD on Node 20), whose last line of stdout is
 * one JSON value, returned parsed.
 * @module
 */
import { spawn } from 'node:child_process';

export function runProbe(script: string, args: readonly string[]): Promise<unknown> {
  const v8Flags = process.execArgv.filter((flag) => flag.startsWith('--experimental-wasm-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...v8Flags, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`probe ${script} ${args[0] ?? ''} exited with ${code}:\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
      } catch (error) {
        reject(error);
      }
    });
  });
}
