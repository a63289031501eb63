// verify.html inside every package: open it in a current Chrome, Edge or Firefox, choose the
// export folder, and the page checks it with the browser's WebCrypto (SHA-256, Ed25519). It
// works offline from the file itself; its CSP forbids any network access.
import { OFFLINE_VERIFIER_CORE } from './verifier-core.js';

const BROWSER_GLUE = String.raw`
function hex(buf) {
  return Array.from(new Uint8Array(buf)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
}
function envFor(files) {
  var byName = {};
  files.forEach(function (f) {
    var parts = (f.webkitRelativePath || f.name).split('/');
    if (parts.length <= 2) byName[parts[parts.length - 1]] = f;
  });
  return {
    list: async function () { return Object.keys(byName); },
    read: async function (name) { return byName[name] ? new Uint8Array(await byName[name].arrayBuffer()) : undefined; },
    sha256: async function (bytes) { return hex(await crypto.subtle.digest('SHA-256', bytes)); },
    hashFile: async function (name) {
      var f = byName[name];
      if (!f) return undefined;
      return { bytes: f.size, sha256: hex(await crypto.subtle.digest('SHA-256', await f.arrayBuffer())) };
    },
    verifyEd25519: async function (der, sig, data) {
      var key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
      return crypto.subtle.verify({ name: 'Ed25519' }, key, sig, data);
    }
  };
}
document.getElementById('folder').addEventListener('change', async function (ev) {
  var out = document.getElementById('result');
  out.textContent = 'Checking... / 正在校验...';
  out.removeAttribute('data-ok');
  try {
    var report = await skywallVerify(envFor(Array.from(ev.target.files)));
    out.textContent = skywallReportLines(report).join('\n');
    out.setAttribute('data-ok', report.ok ? 'true' : 'false');
    out.className = report.ok ? 'ok' : 'bad';
  } catch (e) {
    out.textContent = 'Cannot verify in this browser / 此浏览器无法校验: ' + (e && e.message ? e.message : e);
    out.setAttribute('data-ok', 'false');
    out.className = 'bad';
  }
});
`;

export function offlineVerifierPage(): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">`,
    '<title>Skywall 导出校验 / Export verifier</title>',
    '<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}pre{white-space:pre-wrap;padding:1em;border:1px solid #999}.ok{background:#e6f6e6}.bad{background:#fbe3e3}</style>',
    '</head><body>',
    '<h1>Skywall 导出校验 / Export verifier</h1>',
    '<p>选择本导出文件夹（包含 manifest.json 的文件夹）。校验在本机完成，不联网。<br>',
    'Choose this export folder (the one holding manifest.json). Checking happens on this computer, offline.</p>',
    '<input type="file" id="folder" webkitdirectory multiple>',
    '<pre id="result">尚未校验 / Not checked yet</pre>',
    `<script>${OFFLINE_VERIFIER_CORE}\n${BROWSER_GLUE}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
