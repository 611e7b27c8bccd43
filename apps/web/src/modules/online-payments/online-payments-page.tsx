import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/page';
import { TabBar } from '../../components/tab-bar';
import { can, useCurrentUser } from '../../lib/session';
import { ReconciliationTab } from './reconciliation-tab';
import { ReviewTab } from './review-tab';
import { TransactionsTab } from './transactions-tab';
import { UnmatchedTab } from './unmatched-tab';

const TABS = ['transactions', 'review', 'unmatched', 'reconciliation'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return (TABS as readonly (string | null)[]).includes(value);
}

/** Online payments through the gateways: every attempt, the review queue, stray notifications. */
export function OnlinePaymentsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  // The reconciliation is a report: it needs reports:read on top of payments:read.
  const tabs = TABS.filter((value) => value !== 'reconciliation' || can(me, 'reports:read'));
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) && tabs.includes(requested) ? requested : 'transactions';
  return (
    <>
      <PageHeader title={t('onlinePayments.title')} description={t('onlinePayments.description')} />
      <Card>
        <TabBar
          label={t('onlinePayments.title')}
          value={tab}
          onChange={(next) =>
            setParams(next === 'transactions' ? {} : { tab: next }, { replace: true })
          }
          tabs={tabs.map((value) => ({ value, label: t(`onlinePayments.tabs.${value}`) }))}
          className="px-3 pt-2"
        />
        <div role="tabpanel" data-panel={tab}>
          {tab === 'transactions' && <TransactionsTab />}
          {tab === 'review' && <ReviewTab />}
          {tab === 'unmatched' && <UnmatchedTab />}
          {tab === 'reconciliation' && <ReconciliationTab />}
        </div>
      </Card>
    </>
  );
}
