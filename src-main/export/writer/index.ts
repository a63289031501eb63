export { writeExportFolder, INCOMPLETE_SUFFIX, FREE_SPACE_FACTOR, type ExportFolderRequest, type ExportFolderResult, type ExportProgress } from './export-folder.js';
export { bytesSpec, partNames, type ExportFileSpec, type WrittenFile } from './safe-file.js';
export { ExportError, isExportError, exportErrorFrom, EXPORT_FAILURES, type ExportFailure } from './export-error.js';
export { readTargetVolume, parseProcMounts, mountOf, maxFileBytesFor, FAT32_MAX_FILE_BYTES, type TargetVolume } from './target-volume.js';
