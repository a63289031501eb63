// The checking logic of the verifiers shipped inside every package (verify.html for a
// browser, verify.mjs for Node), as plain JavaScript text: the package must verify without
// Skywall. It mirrors verify-package.ts; tests run all three on the same tampered packages.
// Written without template literals so it can sit inside this String.raw.
export const OFFLINE_VERIFIER_CORE = String.raw`
// env: list() -> names in the folder; read(name) -> Uint8Array or undefined;
// hashFile(name) -> { bytes, sha256 } or undefined; sha256(bytes) -> hex;
// verifyEd25519(spkiDer, signature, data) -> boolean.
async function skywallVerify(env) {
  var problems = [];
  var manifestBytes = await env.read('manifest.json');
  if (!manifestBytes) return { ok: false, problems: [{ kind: 'missing', file: 'manifest.json', detail: 'manifest.json is missing' }], files: 0 };
  var manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (e) {
    return { ok: false, problems: [{ kind: 'manifest', file: 'manifest.json', detail: 'manifest.json is not JSON' }], files: 0 };
  }
  var plain = function (n) { return typeof n === 'string' && n.length > 0 && n.length <= 255 && !/[\/\\]/.test(n) && n !== '.' && n !== '..'; };
  if (!manifest || manifest.format !== 'skywall-export/1' || !Array.isArray(manifest.files) ||
      !manifest.files.every(function (f) { return f && plain(f.name) && Number.isSafeInteger(f.bytes) && /^[0-9a-f]{64}$/.test(f.sha256); })) {
    return { ok: false, problems: [{ kind: 'manifest', file: 'manifest.json', detail: 'manifest.json is not a Skywall export manifest' }], files: 0 };
  }
  var fingerprint;
  var signature = await env.read('manifest.sig');
  var pem = await env.read('public-key.pem');
  if (!signature) problems.push({ kind: 'missing', file: 'manifest.sig', detail: 'manifest.sig is missing: the manifest is not signed' });
  if (!pem) problems.push({ kind: 'missing', file: 'public-key.pem', detail: 'public-key.pem is missing: the signature cannot be checked' });
  if (signature && pem) {
    var der;
    try {
      var b64 = new TextDecoder().decode(pem).replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      var bin = atob(b64);
      der = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
    } catch (e) {
      der = undefined;
    }
    if (!der) {
      problems.push({ kind: 'key', file: 'public-key.pem', detail: 'public-key.pem cannot be read' });
    } else {
      fingerprint = await env.sha256(der);
      if (fingerprint !== manifest.publicKeyFingerprint) {
        problems.push({ kind: 'key', file: 'public-key.pem', detail: 'public-key.pem (fingerprint ' + fingerprint + ') is not the key the manifest names (' + manifest.publicKeyFingerprint + ')' });
      }
      var valid = false;
      try {
        valid = await env.verifyEd25519(der, signature, manifestBytes);
      } catch (e) {
        valid = false;
      }
      if (!valid) problems.push({ kind: 'signature', file: 'manifest.json', detail: 'the signature does not match manifest.json: the manifest was changed or signed by another key' });
    }
  }
  var listed = { 'manifest.json': true, 'manifest.sig': true };
  for (var j = 0; j < manifest.files.length; j++) {
    var f = manifest.files[j];
    listed[f.name] = true;
    var actual = await env.hashFile(f.name);
    if (!actual) problems.push({ kind: 'missing', file: f.name, detail: f.name + ' is missing' });
    else if (actual.bytes !== f.bytes || actual.sha256 !== f.sha256) {
      problems.push({ kind: 'altered', file: f.name, detail: f.name + ' was altered: ' + actual.bytes + ' bytes, SHA-256 ' + actual.sha256 + '; the manifest says ' + f.bytes + ' bytes, ' + f.sha256 });
    }
  }
  var names = (await env.list()).slice().sort();
  for (var k = 0; k < names.length; k++) {
    if (!listed[names[k]]) problems.push({ kind: 'unexpected', file: names[k], detail: names[k] + ' is not part of the signed export' });
  }
  return { ok: problems.length === 0, problems: problems, fingerprint: fingerprint, files: manifest.files.length };
}

var SKYWALL_PROBLEM_ZH = {
  missing: '缺少文件', altered: '文件已被修改', unexpected: '多出的文件（不属于签名导出）',
  signature: '签名无效（清单被修改或由其他密钥签名）', key: '公钥与清单不符', manifest: '清单无法读取'
};

function skywallReportLines(report) {
  if (report.ok) {
    return ['OK / 校验通过: ' + report.files + ' files, signature valid / 个文件完整，签名有效', 'Key fingerprint / 公钥指纹: ' + report.fingerprint];
  }
  var lines = ['FAILED / 校验失败'];
  for (var i = 0; i < report.problems.length; i++) {
    var p = report.problems[i];
    lines.push(p.kind.toUpperCase() + (p.file ? ' ' + p.file : '') + ' / ' + SKYWALL_PROBLEM_ZH[p.kind] + ': ' + p.detail);
  }
  if (report.fingerprint) lines.push('Key fingerprint / 公钥指纹: ' + report.fingerprint);
  return lines;
}
`;
