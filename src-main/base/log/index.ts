export { closeLog, configureLog, formatEntry, logFilePath, logFolderIn, logger, MAX_ENTRY_CHARS, type LogConfig, type Logger, type LogLevel } from './logger.js';
export { DEFAULT_LOG_MAX_BYTES, DEFAULT_LOG_MAX_FILES, RotatingFile, type RotatingFileOptions } from './rotating-file.js';
export { MIN_REGISTERED_SECRET_LENGTH, redactSecrets, redactValue, registerSecret, unregisterSecret, clearRegisteredSecrets } from './redact.js';
