import type { GatewayId, PortalPaymentOptions } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { ProblemAlert } from '../components/problem-alert';
import { Spinner } from '../components/spinner';
import { formatRupiah } from '../lib/network-format';
import { channelKey, groupChannels, type PayChannel } from './channel-groups';
import { checkoutProblem } from './checkout-errors';

/** Why the last choice did not start a checkout, in words the customer can act on. */
function ChooseError({ error }: { error: unknown }): React.JSX.Element | null {
  const { t } = useTranslation();
  const problem = checkoutProblem(error);
  if (!error) return null;
  if (!problem) return <ProblemAlert error={error} />;
  return <Alert tone="error">{t(`portal.pay.errors.${problem}`)}</Alert>;
}

function ChannelButton({
  gateway,
  channel,
  choosing,
  onChoose,
}: {
  gateway: GatewayId;
  channel: PayChannel;
  choosing: string | null;
  onChoose: (gateway: GatewayId, code: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const key = channelKey(gateway, channel.code);
  const free = BigInt(channel.fee) === 0n;
  return (
    <button
      type="button"
      data-channel={key}
      disabled={choosing !== null}
      aria-busy={choosing === key || undefined}
      onClick={() => onChoose(gateway, channel.code)}
      className="flex w-full items-center gap-3 rounded-md border border-zinc-200 px-3 py-2.5 text-left transition-colors hover:border-brand-400 hover:bg-brand-50/40 focus-visible:ring-2 focus-visible:ring-brand-500/40 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-800 dark:hover:border-brand-700 dark:hover:bg-brand-950/30"
    >
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">{channel.name}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          {free ? t('portal.pay.noFee') : t('portal.pay.fee', { fee: formatRupiah(channel.fee) })}
        </span>
      </span>
      {choosing === key ? (
        <Spinner />
      ) : (
        <span className="text-sm font-semibold whitespace-nowrap tabular-nums">
          {formatRupiah(channel.total)}
        </span>
      )}
    </button>
  );
}

/** The list of ways to pay: per gateway, per kind (virtual account, e-wallet, QRIS, card, shop). */
export function ChannelChooser({
  open,
  onClose,
  options,
  choosing,
  onChoose,
  error,
}: {
  open: boolean;
  onClose: () => void;
  options: PortalPaymentOptions;
  choosing: string | null;
  onChoose: (gateway: GatewayId, code: string) => void;
  error: unknown;
}): React.JSX.Element {
  const { t } = useTranslation();
  const gateways = groupChannels(options.gateways);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('portal.pay.chooseTitle')}
      description={t('portal.pay.chooseAmount', {
        amount: formatRupiah(options.amount),
        count: options.invoices.length,
      })}
      footer={
        <Button onClick={onClose} disabled={choosing !== null}>
          {t('common.cancel')}
        </Button>
      }
    >
      <div className="space-y-5" data-testid="channel-chooser">
        <ChooseError error={error} />
        {gateways.length === 0 && (
          <p className="text-sm text-zinc-600 dark:text-zinc-300">{t('portal.pay.notSetUp')}</p>
        )}
        {gateways.map((gateway) => (
          <section key={gateway.gateway} data-gateway={gateway.gateway} className="space-y-3">
            {gateways.length > 1 && <h3 className="text-sm font-semibold">{gateway.name}</h3>}
            {gateway.groups.map((group) => (
              <div key={group.group} role="group" aria-label={t(`gateway.group.${group.group}`)}>
                <h4 className="mb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                  {t(`gateway.group.${group.group}`)}
                </h4>
                <ul className="space-y-1.5">
                  {group.channels.map((channel) => (
                    <li key={channel.code}>
                      <ChannelButton
                        gateway={gateway.gateway}
                        channel={channel}
                        choosing={choosing}
                        onChoose={onChoose}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('portal.pay.feeNote')}</p>
      </div>
    </Dialog>
  );
}
