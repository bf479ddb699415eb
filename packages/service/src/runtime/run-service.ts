import { InvalidConfig } from '../config/invalid-config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type ServiceLogger } from '../logging/logger.js';
import { errorFields } from '../logging/runner-log.js';
import { startService } from './service.js';

export interface RunServiceOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stderr?: { write(text: string): unknown };
  /** Where the logs go; stdout by default. */
  readonly logDestination?: { write(line: string): unknown };
  /** Ends the process at once: after a second signal, or when the stop overruns its grace time. */
  readonly exit?: (code: number) => void;
  readonly signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** Exit codes: 0 stopped cleanly, 1 could not start or stop in time, 2 the configuration was refused, 143 a second signal. */
export const exitCodes = { stopped: 0, failed: 1, invalidConfig: 2, forced: 143 } as const;

/**
 * `fagsign run --config FILE`: checks the configuration (every problem at once, exit 2), starts the
 * service, and runs until SIGTERM or SIGINT. Then it finishes the runner's current step, saves,
 * releases and closes within the configured grace time (`shutdown.graceSeconds`, 30 by default)
 * and returns 0; a second signal ends the process at once.
 */
export const runService = async (configFile: string, options: RunServiceOptions = {}): Promise<number> => {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  // Signals are counted from the very start, so that one arriving while the service starts is not lost.
  let logger: ServiceLogger | undefined;
  let received: string | undefined;
  let onFirst: (() => void) | undefined;
  const onSignal = (signal: string) => {
    if (received === undefined) {
      received = signal;
      onFirst?.();
      return;
    }
    logger?.warn({ signal }, 'second signal: exiting at once, without finishing the current step');
    exit(exitCodes.forced);
  };
  const onTerm = () => onSignal('SIGTERM');
  const onInt = () => onSignal('SIGINT');
  signals.on('SIGTERM', onTerm);
  signals.on('SIGINT', onInt);
  try {
    let config;
    try {
      config = await loadConfig(configFile, options.env ?? process.env);
    } catch (error) {
      if (!(error instanceof InvalidConfig)) throw error;
      stderr.write(`fagsign run: ${error.message}\n`);
      return exitCodes.invalidConfig;
    }
    const log = createLogger({ ...config.log, ...(options.logDestination === undefined ? {} : { destination: options.logDestination }) });
    logger = log;
    if (received !== undefined) {
      log.info({ signal: received }, 'stopped before starting');
      return exitCodes.stopped;
    }
    let service;
    try {
      service = await startService(config, { logger: log });
    } catch (error) {
      log.fatal(errorFields(error), 'fagsign run could not start');
      return exitCodes.failed;
    }
    log.info({ runner: config.runner.name, provider: config.provider.kind, httpPort: service.httpPort, pid: process.pid }, 'fagsign run started');
    if (received === undefined) await new Promise<void>((resolve) => (onFirst = resolve));

    log.info({ signal: received, graceSeconds: config.shutdownGraceMs / 1000 }, 'stopping: finishing the current step, then saving and releasing');
    const overrun = setTimeout(() => {
      log.error({ graceSeconds: config.shutdownGraceMs / 1000 }, 'the stop overran its grace time: exiting without finishing');
      exit(exitCodes.failed);
    }, config.shutdownGraceMs);
    overrun.unref();
    try {
      await service.stop();
    } catch (error) {
      log.error(errorFields(error), 'the stop failed');
      return exitCodes.failed;
    } finally {
      clearTimeout(overrun);
    }
    log.info('stopped');
    return exitCodes.stopped;
  } finally {
    signals.off('SIGTERM', onTerm);
    signals.off('SIGINT', onInt);
  }
};
