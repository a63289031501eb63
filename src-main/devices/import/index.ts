// Bulk import readers: CSV and M3U text in pieces, rows checked into devices to add.
export { createCsvReader, type CsvRecord } from './csv-reader.js';
export { createM3uReader, type M3uEntry } from './m3u-reader.js';
export { createImportReader, importFormatOf, DEFAULT_COLUMNS, type ImportReader, type ReadRow } from './import-reader.js';
export { checkImportRow, MAX_IMPORT_CHANNELS, type ImportCells, type RowOutcome } from './import-row.js';
