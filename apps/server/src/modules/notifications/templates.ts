import type {
  NotificationChannel,
  NotificationTemplate,
  NotificationTemplateId,
} from '@jaring/contracts';
import { NOTIFICATION_TEMPLATES, notificationChannelSchema } from '@jaring/contracts';

export type Locale = 'id' | 'en';

interface Text {
  subject: string;
  body: string;
}

/**
 * The built-in texts. Every channel uses the same body; email adds the subject. Operators override
 * any (template, locale, channel) in notification_templates.
 */
export const BUILT_IN: Record<NotificationTemplateId, Record<Locale, Text>> = {
  invoice_issued: {
    id: {
      subject: 'Tagihan {{invoiceNumber}}',
      body: 'Halo {{name}}, tagihan internet Anda {{invoiceNumber}} sebesar {{amount}} telah terbit dan jatuh tempo pada {{dueDate}}. Bayar di {{paymentLink}}',
    },
    en: {
      subject: 'Invoice {{invoiceNumber}}',
      body: 'Hello {{name}}, your internet invoice {{invoiceNumber}} for {{amount}} has been issued and is due on {{dueDate}}. Pay at {{paymentLink}}',
    },
  },
  reminder_before_due: {
    id: {
      subject: 'Pengingat: tagihan {{invoiceNumber}} jatuh tempo {{dueDate}}',
      body: 'Halo {{name}}, tagihan {{invoiceNumber}} sebesar {{amount}} akan jatuh tempo pada {{dueDate}}. Bayar di {{paymentLink}}',
    },
    en: {
      subject: 'Reminder: invoice {{invoiceNumber}} is due on {{dueDate}}',
      body: 'Hello {{name}}, invoice {{invoiceNumber}} for {{amount}} is due on {{dueDate}}. Pay at {{paymentLink}}',
    },
  },
  reminder_due_today: {
    id: {
      subject: 'Tagihan {{invoiceNumber}} jatuh tempo hari ini',
      body: 'Halo {{name}}, tagihan {{invoiceNumber}} sebesar {{amount}} jatuh tempo hari ini ({{dueDate}}). Bayar di {{paymentLink}}',
    },
    en: {
      subject: 'Invoice {{invoiceNumber}} is due today',
      body: 'Hello {{name}}, invoice {{invoiceNumber}} for {{amount}} is due today ({{dueDate}}). Pay at {{paymentLink}}',
    },
  },
  reminder_overdue: {
    id: {
      subject: 'Tagihan {{invoiceNumber}} telah lewat jatuh tempo',
      body: 'Halo {{name}}, tagihan {{invoiceNumber}} sebesar {{amount}} telah lewat jatuh tempo ({{dueDate}}). Mohon segera bayar agar layanan tidak terisolir: {{paymentLink}}',
    },
    en: {
      subject: 'Invoice {{invoiceNumber}} is overdue',
      body: 'Hello {{name}}, invoice {{invoiceNumber}} for {{amount}} was due on {{dueDate}}. Please pay now to keep your service running: {{paymentLink}}',
    },
  },
  service_isolated: {
    id: {
      subject: 'Layanan internet Anda diisolir',
      body: 'Halo {{name}}, layanan internet {{customerNumber}} diisolir karena tagihan {{invoiceNumber}} sebesar {{amount}} belum dibayar. Layanan aktif kembali otomatis setelah pembayaran: {{paymentLink}}',
    },
    en: {
      subject: 'Your internet service is isolated',
      body: 'Hello {{name}}, internet service {{customerNumber}} is isolated because invoice {{invoiceNumber}} for {{amount}} is unpaid. It is restored automatically once paid: {{paymentLink}}',
    },
  },
  service_restored: {
    id: {
      subject: 'Layanan internet Anda aktif kembali',
      body: 'Halo {{name}}, terima kasih. Layanan internet {{customerNumber}} telah aktif kembali.',
    },
    en: {
      subject: 'Your internet service is restored',
      body: 'Hello {{name}}, thank you. Internet service {{customerNumber}} is running again.',
    },
  },
  payment_received: {
    id: {
      subject: 'Pembayaran diterima',
      body: 'Halo {{name}}, pembayaran sebesar {{amount}} untuk {{invoiceNumber}} telah kami terima. Terima kasih.',
    },
    en: {
      subject: 'Payment received',
      body: 'Hello {{name}}, we received your payment of {{amount}} for {{invoiceNumber}}. Thank you.',
    },
  },
  alert_opened: {
    id: {
      subject: '[{{alertSeverity}}] {{alertTitle}}',
      body: 'Peringatan jaringan ({{alertSeverity}}): {{alertTitle}}. Sejak {{alertTime}}. Detail: {{alertLink}}',
    },
    en: {
      subject: '[{{alertSeverity}}] {{alertTitle}}',
      body: 'Network alert ({{alertSeverity}}): {{alertTitle}}. Since {{alertTime}}. Details: {{alertLink}}',
    },
  },
  alert_resolved: {
    id: {
      subject: '[pulih] {{alertTitle}}',
      body: 'Pulih: {{alertTitle}} ({{alertTime}}). Detail: {{alertLink}}',
    },
    en: {
      subject: '[resolved] {{alertTitle}}',
      body: 'Resolved: {{alertTitle}} ({{alertTime}}). Details: {{alertLink}}',
    },
  },
};

export interface TemplateOverride {
  template: string;
  locale: string;
  channel: string;
  subject: string | null;
  body: string;
}

/** Every (template, locale, channel) with its effective text: the override when there is one. */
export function effectiveTemplates(overrides: TemplateOverride[]): NotificationTemplate[] {
  const byKey = new Map(overrides.map((o) => [`${o.template}/${o.locale}/${o.channel}`, o]));
  const out: NotificationTemplate[] = [];
  for (const template of NOTIFICATION_TEMPLATES) {
    for (const locale of ['id', 'en'] as const) {
      for (const channel of notificationChannelSchema.options) {
        const o = byKey.get(`${template}/${locale}/${channel}`);
        const builtIn = BUILT_IN[template][locale];
        out.push(
          o
            ? { template, locale, channel, subject: o.subject, body: o.body, custom: true }
            : {
                template,
                locale,
                channel,
                subject: channel === 'email' ? builtIn.subject : null,
                body: builtIn.body,
                custom: false,
              },
        );
      }
    }
  }
  return out;
}

/** `Rp 150.000`: Indonesian thousands separators, whole rupiah. */
export function formatRupiah(amount: bigint): string {
  const neg = amount < 0n;
  const digits = (neg ? -amount : amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}Rp ${digits}`;
}

/** The same formatting in SQL, for set-based queueing (kept identical to formatRupiah). */
export function formatRupiahSql(expr: string): string {
  return `('Rp ' || regexp_replace((${expr})::bigint::text, '(\\d)(?=(\\d{3})+$)', '\\1.', 'g'))`;
}

/** `DD/MM/YYYY`, as Indonesian customers read dates in both locales. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function formatDateSql(expr: string): string {
  return `to_char(${expr}, 'DD/MM/YYYY')`;
}

export function channelOf(v: string): NotificationChannel {
  return notificationChannelSchema.parse(v);
}
