import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { alertPolicy } from '../alerts/conditions.ts';
import { publishAlertChanges } from './live.ts';
import { evaluateSubscriberOffline, reevaluateOpenOdpOutages } from './offline-rule.ts';
import { applyRetention } from './retention.ts';
import { runRollups } from './rollup.ts';
import { readMonitoringSettings } from './settings.ts';

const empty = z.strictObject({});

export const monitoringRollupJob = defineJob<Record<string, never>, AppDeps>({
  name: 'monitoring.rollup',
  payload: empty,
  policy: 'stately',
  schedule: { cron: '*/5 * * * *', payload: {} },
  expireInSeconds: 1800,
  async handler(_payload, deps) {
    const r = await runRollups(deps);
    if (r.subscriberHours > 0) deps.logger.info(r, 'usage rolled up');
  },
});

export const monitoringRetentionJob = defineJob<Record<string, never>, AppDeps>({
  name: 'monitoring.retention',
  payload: empty,
  policy: 'stately',
  schedule: { cron: '40 2 * * *', payload: {} },
  expireInSeconds: 3600,
  async handler(_payload, deps) {
    deps.logger.info(await applyRetention(deps), 'monitoring retention applied');
  },
});

export const monitoringEvaluateJob = defineJob<Record<string, never>, AppDeps>({
  name: 'monitoring.evaluate',
  payload: empty,
  policy: 'stately',
  schedule: { cron: '* * * * *', payload: {} },
  async handler(_payload, deps) {
    const now = deps.clock.now();
    const policy = alertPolicy(await readMonitoringSettings(deps.db));
    const changes = [
      ...(await evaluateSubscriberOffline(deps, policy, now)),
      ...(await reevaluateOpenOdpOutages(deps, policy, now)),
    ];
    await publishAlertChanges(deps, changes);
  },
});

export const monitoringJobs = [monitoringRollupJob, monitoringRetentionJob, monitoringEvaluateJob];
