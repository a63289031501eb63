// `npm start`: Electron when its binary is present, otherwise host mode in the browser.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = electronBinary();
const child = bin
  ? spawn(bin, [root], { stdio: 'inherit' })
  : (console.log('Electron binary not found: starting host mode (the same app, served to your browser).'),
    spawn(process.execPath, [path.join(root, 'dist/main/host-main.js'), '--open'], { stdio: 'inherit' }));
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
