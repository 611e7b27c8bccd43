import type { RouterImportPreview } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { CONTROL_CLASS } from '../../components/field';
import { Table, Td, Th } from '../../components/table';
import { cx } from '../../components/cx';
import { formatRate, formatRupiah, rupiahDigits } from '../../lib/network-format';
import { importReason } from './reasons';

export type ImportProfile = RouterImportPreview['profiles'][number];

/** What importing a profile does: makes a plan, reuses one, or cannot be imported. */
export type ProfileOutcome = 'new' | 'existing' | 'blocked';

export function profileOutcome(profile: ImportProfile): ProfileOutcome {
  if (!profile.importable) return 'blocked';
  return profile.existingPlanId ? 'existing' : 'new';
}

/** A profile's rate as plans are sold (`20 Mbps / 10 Mbps`), else the raw RouterOS value. */
function rateText(profile: ImportProfile): string {
  if (profile.downloadKbps !== null && profile.uploadKbps !== null) {
    return `${formatRate(profile.downloadKbps)} / ${formatRate(profile.uploadKbps)}`;
  }
  return profile.rateLimit ?? '—';
}

export function profileKey(profile: Pick<ImportProfile, 'type' | 'profile'>): string {
  return `${profile.type}:${profile.profile}`;
}

export function ProfilesTable({
  profiles,
  prices,
  defaultPrice,
  onPrice,
  readOnly = false,
}: {
  profiles: readonly ImportProfile[];
  prices: Readonly<Record<string, string>>;
  defaultPrice: string;
  onPrice: (profile: string, digits: string) => void;
  readOnly?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Table label={t('routerImport.profiles.title')}>
      <thead>
        <tr>
          <Th>{t('routerImport.profiles.profile')}</Th>
          <Th className="hidden sm:table-cell">{t('routerImport.profiles.rate')}</Th>
          <Th className="hidden text-right sm:table-cell">{t('routerImport.profiles.users')}</Th>
          <Th>{t('routerImport.profiles.outcome')}</Th>
          <Th className="w-40 sm:w-48">{t('routerImport.profiles.price')}</Th>
        </tr>
      </thead>
      <tbody>
        {profiles.map((profile) => {
          const outcome = profileOutcome(profile);
          const inputId = `price-${profileKey(profile)}`;
          return (
            <tr key={profileKey(profile)} data-profile={profile.profile} data-outcome={outcome}>
              <Td>
                <div className="font-mono font-medium whitespace-nowrap">{profile.profile}</div>
                <div className="text-xs text-zinc-500 dark:text-zinc-400">
                  {t(`routerImport.types.${profile.type}`)}
                  <span className="sm:hidden">
                    {' · '}
                    {t('routerImport.profiles.userCount', { count: profile.users })}
                  </span>
                </div>
                <div className="text-xs whitespace-nowrap text-zinc-500 sm:hidden dark:text-zinc-400">
                  {rateText(profile)}
                </div>
              </Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{rateText(profile)}</Td>
              <Td className="hidden text-right tabular-nums sm:table-cell">{profile.users}</Td>
              <Td>
                {outcome === 'new' ? (
                  <Badge tone="brand">{t('routerImport.profiles.new')}</Badge>
                ) : outcome === 'existing' ? (
                  <Badge tone="success">{t('routerImport.profiles.existing')}</Badge>
                ) : (
                  <>
                    <Badge tone="warning">{t('routerImport.profiles.blocked')}</Badge>
                    {profile.reason && (
                      <p className="mt-1 max-w-64 text-xs text-zinc-500 dark:text-zinc-400">
                        {importReason(profile.reason, t)}
                      </p>
                    )}
                  </>
                )}
              </Td>
              <Td>
                {outcome !== 'new' ? (
                  <span className="text-zinc-400">—</span>
                ) : readOnly ? (
                  <span className="tabular-nums">
                    {formatRupiah(prices[profile.profile] || defaultPrice || '0')}
                  </span>
                ) : (
                  <>
                    <label htmlFor={inputId} className="sr-only">
                      {t('routerImport.profiles.priceFor', { profile: profile.profile })}
                    </label>
                    <input
                      id={inputId}
                      name={`price:${profile.profile}`}
                      inputMode="numeric"
                      autoComplete="off"
                      className={cx(CONTROL_CLASS, 'min-w-28 tabular-nums')}
                      placeholder={
                        defaultPrice ? formatRupiah(defaultPrice) : t('routerImport.useDefault')
                      }
                      value={prices[profile.profile] ? formatRupiah(prices[profile.profile]) : ''}
                      onChange={(event) =>
                        onPrice(profile.profile, rupiahDigits(event.target.value))
                      }
                    />
                  </>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
