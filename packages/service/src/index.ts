// Configuration
export { loadConfig, checkConfig } from './config/load-config.js';
export { InvalidConfig } from './config/invalid-config.js';
export { type ConfigProblem } from './config/codec.js';
export { type ServiceConfig, type SimulatedSettings, type PostenSettings } from './config/service-config.js';
