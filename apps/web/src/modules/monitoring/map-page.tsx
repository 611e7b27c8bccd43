import type { MonitoringMap, RouterStatus } from '@jaring/contracts';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LiveIndicator } from '../../components/live-indicator';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { HoverLabel, mapHeight, project } from '../topology/map-view';
import { useMonitoringMap } from './api';
import { odpHealth, type OdpHealth } from './map-health';
import { MonitoringTabs } from './monitoring-tabs';
import { useMonitoringLive } from './use-monitoring-live';

const ROUTER_FILL: Record<RouterStatus, string> = {
  up: 'fill-emerald-500',
  down: 'fill-red-600',
  unknown: 'fill-zinc-400',
};

const ODP_FILL: Record<OdpHealth, string> = {
  outage: 'fill-red-600',
  degraded: 'fill-amber-500',
  ok: 'fill-emerald-500',
  empty: 'fill-zinc-400',
};

const TRIANGLE = '[clip-path:polygon(50%_0,100%_100%,0_100%)]';

interface Placed {
  kind: 'router' | 'odc' | 'odp';
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  state: string;
  hint: string;
}

function placed(map: MonitoringMap, t: TFunction): Placed[] {
  const points: Placed[] = [];
  for (const odp of map.odps) {
    if (odp.latitude === null || odp.longitude === null) continue;
    const health = odpHealth(odp);
    points.push({
      kind: odp.kind,
      id: odp.id,
      name: odp.name,
      latitude: odp.latitude,
      longitude: odp.longitude,
      state: health,
      hint: t('monitoring.map.odpHint', { offline: odp.offline, total: odp.subscribers }),
    });
  }
  for (const router of map.routers) {
    if (router.latitude === null || router.longitude === null) continue;
    points.push({
      kind: 'router',
      id: router.routerId,
      name: router.name,
      latitude: router.latitude,
      longitude: router.longitude,
      state: router.status,
      hint: router.status,
    });
  }
  return points;
}

function Marker({ point, x, y }: { point: Placed; x: number; y: number }): React.JSX.Element {
  if (point.kind === 'router') {
    const fill = ROUTER_FILL[point.state as RouterStatus] ?? 'fill-zinc-400';
    return (
      <>
        {point.state === 'down' && (
          <circle cx={x} cy={y} r={14} className="fill-red-500/20 motion-safe:animate-pulse" />
        )}
        <rect
          x={x - 7}
          y={y - 7}
          width={14}
          height={14}
          rx={2}
          className={`${fill} stroke-white dark:stroke-zinc-900`}
          strokeWidth={2}
        />
      </>
    );
  }
  const fill = ODP_FILL[point.state as OdpHealth] ?? 'fill-zinc-400';
  return point.kind === 'odc' ? (
    <path
      d={`M${x} ${y - 8}L${x + 8} ${y}L${x} ${y + 8}L${x - 8} ${y}Z`}
      className={`${fill} stroke-white dark:stroke-zinc-900`}
      strokeWidth={2}
    />
  ) : (
    <path
      d={`M${x} ${y - 7}L${x + 7} ${y + 6}L${x - 7} ${y + 6}Z`}
      className={`${fill} stroke-white dark:stroke-zinc-900`}
      strokeWidth={1.5}
    />
  );
}

/** Routers and ODPs by their coordinates, coloured by status: no tiles, works offline. */
export function StatusMap({ map }: { map: MonitoringMap }): React.JSX.Element {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  const [hovered, setHovered] = useState<Placed | null>(null);
  const points = placed(map, t);
  const empty = points.length === 0;
  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [empty]);
  if (empty) {
    return <EmptyState title={t('monitoring.map.empty')} hint={t('monitoring.map.emptyHint')} />;
  }
  const height = mapHeight(width);
  const proj = project(points, width, height);
  // Healthy first, so a red marker is never hidden under a green one.
  const rank = (p: Placed): number =>
    p.state === 'down' || p.state === 'outage'
      ? 3
      : p.state === 'degraded'
        ? 2
        : p.kind === 'router'
          ? 1
          : 0;
  const sorted = [...points].sort((a, b) => rank(a) - rank(b));
  const unplaced =
    map.routers.filter((r) => r.latitude === null || r.longitude === null).length +
    map.odps.filter((o) => o.latitude === null || o.longitude === null).length;
  const open = (point: Placed): void => {
    if (point.kind === 'router') void navigate(`/routers/${point.id}`);
  };
  return (
    <div className="space-y-2 p-3">
      <div ref={frame}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={t('monitoring.map.label')}
          data-testid="monitoring-map"
          className="block h-auto w-full rounded-md border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950"
        >
          <g className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1}>
            {proj.lonLines.map((lon) => (
              <line key={`lon${lon}`} x1={proj.x(lon)} x2={proj.x(lon)} y1={0} y2={height} />
            ))}
            {proj.latLines.map((lat) => (
              <line key={`lat${lat}`} y1={proj.y(lat)} y2={proj.y(lat)} x1={0} x2={width} />
            ))}
          </g>
          {sorted.map((point) => {
            const x = proj.x(point.longitude);
            const y = proj.y(point.latitude);
            const clickable = point.kind === 'router';
            return (
              <g
                key={`${point.kind}${point.id}`}
                data-kind={point.kind}
                data-name={point.name}
                data-state={point.state}
                tabIndex={clickable ? 0 : undefined}
                className={clickable ? 'cursor-pointer focus:outline-none' : undefined}
                onMouseEnter={() => setHovered(point)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => setHovered(point)}
                onBlur={() => setHovered(null)}
                onClick={() => open(point)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') open(point);
                }}
              >
                <title>{`${t(`topology.kinds.${point.kind}`)}: ${point.name} · ${point.hint}`}</title>
                <Marker point={point} x={x} y={y} />
                {(point.kind === 'router' || point.state === 'outage') && (
                  <text
                    x={x + 11}
                    y={y + 4}
                    className="fill-zinc-700 text-[12px] font-medium dark:fill-zinc-300"
                  >
                    {point.name}
                  </text>
                )}
              </g>
            );
          })}
          {hovered && (
            <HoverLabel
              x={proj.x(hovered.longitude)}
              y={proj.y(hovered.latitude)}
              boxWidth={240}
              mapWidth={width}
              text={`${hovered.name} · ${hovered.hint}`.slice(0, 36)}
            />
          )}
        </svg>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-300">
        {(
          [
            ['routerUp', 'size-2.5 rounded-[2px] bg-emerald-500'],
            ['routerDown', 'size-2.5 rounded-[2px] bg-red-600'],
            ['routerUnknown', 'size-2.5 rounded-[2px] bg-zinc-400'],
            ['odpOk', `size-2.5 ${TRIANGLE} bg-emerald-500`],
            ['odpDegraded', `size-2.5 ${TRIANGLE} bg-amber-500`],
            ['odpOutage', `size-2.5 ${TRIANGLE} bg-red-600`],
            ['odpEmpty', `size-2.5 ${TRIANGLE} bg-zinc-400`],
          ] as const
        ).map(([key, swatch]) => (
          <li key={key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block ${swatch}`} />
            {t(`monitoring.map.legend.${key}`)}
          </li>
        ))}
      </ul>
      {unplaced > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoring.map.unplaced', { count: unplaced })}
        </p>
      )}
    </div>
  );
}

export function MonitoringMapPage(): React.JSX.Element {
  const { t } = useTranslation();
  const map = useMonitoringMap();
  const live = useMonitoringLive();
  return (
    <>
      <PageHeader
        title={t('monitoring.map.title')}
        description={t('monitoring.map.description')}
        actions={<LiveIndicator status={live} />}
      />
      <MonitoringTabs />
      <Card>
        {map.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : map.isError ? (
          <ProblemAlert error={map.error} className="m-3" />
        ) : (
          <StatusMap map={map.data} />
        )}
      </Card>
    </>
  );
}
