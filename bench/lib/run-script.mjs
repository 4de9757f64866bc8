// Runs one bench script as a child process from the repo root, streaming its output and keeping its stdout.
import { spawn } from 'node:child_process';

/**
 * @param {string} root
 * @param {string} script  path relative to root
 * @param {readonly string[]} [args]
 * @returns {Promise<{ code: number | null, stdout: string, seconds: number }>}
 */
export function runScript(root, script, args = []) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) =>
      resolve({ code, stdout, seconds: Math.round((performance.now() - started) / 1000) }),
    );
  });
}
