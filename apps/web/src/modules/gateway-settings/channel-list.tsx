import type { GatewayChannel } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CONTROL_CLASS } from '../../components/field';
import { ArrowDownIcon, ArrowUpIcon } from '../../components/icons';
import { formatRupiah, rupiahDigits } from '../../lib/network-format';
import { moveChannel, orderedChannels, toggleChannel } from './channels';
import type { FeeDraft } from './draft';

const EMPTY_FEE: FeeDraft = { flat: '', percent: '' };

/**
 * The channels customers may choose: tick to offer one, arrows to order the offered ones. With
 * `showFees` (Midtrans, customer carries the fee) each channel has its fee rule beside it.
 */
export function ChannelList({
  available,
  channels,
  onChannels,
  fees,
  onFee,
  showFees,
  errors,
  readOnly,
}: {
  available: readonly GatewayChannel[];
  channels: readonly string[];
  onChannels: (channels: string[]) => void;
  fees: Record<string, FeeDraft>;
  onFee: (code: string, fee: FeeDraft) => void;
  showFees: boolean;
  errors: Record<string, string>;
  readOnly: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const rows = orderedChannels(available, channels);
  const feeError = showFees ? firstFeeError(errors, available) : undefined;
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('gatewaySettings.channels')}
      </legend>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('gatewaySettings.channelsHint')}
      </p>
      {errors['channels'] && (
        <p className="text-xs text-red-600 dark:text-red-400">{errors['channels']}</p>
      )}
      <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {rows.map((channel) => {
          const position = channels.indexOf(channel.code);
          const on = position >= 0;
          const fee = fees[channel.code] ?? EMPTY_FEE;
          const flatError = errors[`fees.${channel.code}.flat`];
          const percentError = errors[`fees.${channel.code}.percentBp`];
          return (
            <li
              key={channel.code}
              data-channel={channel.code}
              className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2"
            >
              <label className="flex min-w-0 flex-1 basis-48 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`channel.${channel.code}`}
                  checked={on}
                  disabled={readOnly}
                  onChange={() => onChannels(toggleChannel(channels, channel.code))}
                />
                <span className="min-w-0">
                  <span className="font-medium">{channel.name}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {t(`gateway.group.${channel.group}`)} ·{' '}
                    <span className="font-mono">{channel.code}</span>
                  </span>
                </span>
              </label>
              {showFees && on && (
                <div className="flex items-center gap-1.5 text-xs">
                  <label className="flex w-28 items-center gap-1">
                    <span className="sr-only">
                      {t('gatewaySettings.feeFlat', { channel: channel.name })}
                    </span>
                    <input
                      name={`fees.${channel.code}.flat`}
                      inputMode="numeric"
                      placeholder="Rp 0"
                      value={fee.flat === '' ? '' : formatRupiah(fee.flat)}
                      disabled={readOnly}
                      aria-invalid={flatError ? true : undefined}
                      title={flatError}
                      onChange={(event) =>
                        onFee(channel.code, { ...fee, flat: rupiahDigits(event.target.value) })
                      }
                      className={CONTROL_CLASS}
                    />
                  </label>
                  <span aria-hidden="true">+</span>
                  <label className="flex w-20 items-center gap-1">
                    <span className="sr-only">
                      {t('gatewaySettings.feePercent', { channel: channel.name })}
                    </span>
                    <input
                      name={`fees.${channel.code}.percent`}
                      inputMode="decimal"
                      placeholder="0"
                      value={fee.percent}
                      disabled={readOnly}
                      aria-invalid={percentError ? true : undefined}
                      title={percentError}
                      onChange={(event) =>
                        onFee(channel.code, { ...fee, percent: event.target.value })
                      }
                      className={CONTROL_CLASS}
                    />
                    <span aria-hidden="true">%</span>
                  </label>
                </div>
              )}
              {on && !readOnly && (
                <div className="flex gap-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('gatewaySettings.moveUp', { channel: channel.name })}
                    disabled={position === 0}
                    onClick={() => onChannels(moveChannel(channels, channel.code, -1))}
                  >
                    <ArrowUpIcon />
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('gatewaySettings.moveDown', { channel: channel.name })}
                    disabled={position === channels.length - 1}
                    onClick={() => onChannels(moveChannel(channels, channel.code, 1))}
                  >
                    <ArrowDownIcon />
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {feeError && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {feeError}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The first fee error as "Channel: message", shown under the list; each fee input is also marked
 * invalid and carries its message as a title.
 */
function firstFeeError(
  errors: Record<string, string>,
  available: readonly GatewayChannel[],
): string | undefined {
  const found = Object.entries(errors).find(([key]) => key.startsWith('fees.'));
  if (!found) return undefined;
  const code = found[0].split('.')[1];
  const name = available.find((channel) => channel.code === code)?.name ?? code;
  return `${name}: ${found[1]}`;
}
