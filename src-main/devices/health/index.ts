export { HealthMonitor, type HealthMonitorOptions, type HealthChange } from './health-monitor.js';
export { HealthScheduler, type HealthSchedulerOptions, type SchedulerStats } from './scheduler.js';
export { healthCsv, localMinute, type HealthCsv } from './health-csv.js';
export { probeEndpoint, endpointKey, type Endpoint, type ProbeResult } from './probe.js';
export { deviceEndpoints, endpointOfUrl, type HealthDevice, type DeviceEndpoints } from './endpoints.js';
