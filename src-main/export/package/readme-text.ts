// README.txt of a package, in Chinese and English: what the folder holds and three ways to
// verify it (the page, the script, or standard tools). UTF-8 with BOM and CRLF so that any
// Windows text editor shows the Chinese correctly.
import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, groupFingerprint } from '../verify/manifest-format.js';
import type { ExportMetadata } from './metadata.js';

export const README_FILE = 'README.txt';
export const VERIFY_PAGE_FILE = 'verify.html';
export const VERIFY_SCRIPT_FILE = 'verify.mjs';

export function readmeText(meta: ExportMetadata, fingerprint: string): string {
  const clip = meta.clipFiles.join(', ');
  const joined = meta.clipFiles.length > 1;
  const gaps = meta.gaps.length;
  const lines = [
    'Skywall 视频证据导出 / Skywall video evidence export',
    '==================================================',
    '',
    `摄像机 / Camera: ${meta.camera.name} (${meta.camera.id}), 设备 / device: ${meta.device.name} (${meta.device.id}), 通道 / channel: ${meta.channel}`,
    `时间 (UTC) / Time (UTC): ${meta.startUtc} — ${meta.endUtc}`,
    `录像中断 / Gaps in the recording: ${gaps} (详见 / see ${'metadata.json'})`,
    `导出人 / Exported by: ${meta.operator} @ ${meta.workstation}, ${meta.exportedAtUtc}`,
    `案件编号 / Case reference: ${meta.caseReference}`,
    `导出原因 / Reason: ${meta.reason}`,
    '',
    `视频文件 / Video: ${clip}`,
    joined
      ? '视频按文件系统上限分为多个部分，按编号顺序合并后即为完整 MP4 / The video was split into numbered parts for the file system; join them in order to get the MP4:\r\n  Windows: copy /b 文件.001+文件.002 文件.mp4    Linux/macOS: cat 文件.0* > 文件.mp4'
      : '视频为摄像机原始码流直接封装，未重新编码 / The video is the camera\'s own stream, copied into MP4, not re-encoded.',
    '',
    '如何校验 / How to verify',
    '------------------------',
    `清单 ${MANIFEST_FILE} 列出本文件夹中每个文件的 SHA-256；${SIGNATURE_FILE} 是对清单的 Ed25519 签名；${PUBLIC_KEY_FILE} 是导出工作站的公钥。`,
    `${MANIFEST_FILE} lists the SHA-256 of every file in this folder; ${SIGNATURE_FILE} is an Ed25519 signature over it; ${PUBLIC_KEY_FILE} is the exporting installation's public key.`,
    '',
    `1. 浏览器 / Browser: 用 Chrome、Edge 或 Firefox 打开 ${VERIFY_PAGE_FILE}，选择本文件夹。/ Open ${VERIFY_PAGE_FILE} in Chrome, Edge or Firefox and choose this folder.`,
    `2. Node.js (18+): node ${VERIFY_SCRIPT_FILE}`,
    '3. 标准工具 / Standard tools:',
    `   sha256sum <file>   (Windows: certutil -hashfile <file> SHA256) 与清单比对 / compare with ${MANIFEST_FILE}`,
    `   openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}`,
    '',
    '结果为“通过”表示：所有文件与签名清单一致，且清单由下列公钥签名。请向导出单位核对此指纹，以确认签名来自该单位。',
    'OK means: every file matches the signed manifest, and the manifest was signed by the key below. Compare this fingerprint with the one the exporting organisation publishes to know the signature is theirs.',
    '',
    `公钥指纹 (SHA-256) / Public key fingerprint (SHA-256):`,
    `  ${groupFingerprint(fingerprint)}`,
    '',
  ];
  return '\uFEFF' + lines.join('\r\n');
}
