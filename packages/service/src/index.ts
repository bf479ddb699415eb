// Configuration
export { loadConfig, checkConfig, loadRetentionPolicy } from './config/load-config.js';
export { InvalidConfig } from './config/invalid-config.js';
export { type ConfigProblem } from './config/codec.js';
export { type ServiceConfig, type SimulatedSettings, type PostenSettings } from './config/service-config.js';

// Running
export { runService, exitCodes, type RunServiceOptions } from './runtime/run-service.js';
export { startService, type RunningService, type ServiceOptions } from './runtime/service.js';
export { serviceClock } from './runtime/service-clock.js';

// Logs, health, metrics
export { createLogger, type ServiceLogger, type LoggerOptions } from './logging/logger.js';
export { runnerLogTo, errorFields } from './logging/runner-log.js';
export { createMetrics, type ServiceMetrics, type MetricSources } from './health/metrics.js';
export { startHealthServer, type HealthServer, type HealthEndpoints, type Readiness } from './health/http-server.js';

// The staff pages
export { startStaffServer, type StaffServer, type StaffServerOptions } from './pages/staff-server.js';
export { type StaffSettings, type StaffIdentity, type StaffAuth, type StaffTokenEntry } from './pages/staff-settings.js';
