/** Channel settings with only WhatsApp on, sending to a gateway at `gatewayUrl`. */
export function whatsappOnlySettings(gatewayUrl: string): Record<string, unknown> {
  return {
    email: {
      enabled: false,
      host: null,
      port: 587,
      secure: false,
      user: null,
      from: null,
      ratePerMinute: 60,
    },
    whatsapp: {
      enabled: true,
      url: `${gatewayUrl}/send`,
      method: 'POST',
      headers: { Authorization: '{{token}}' },
      bodyTemplate: '{"target":"{{to}}","message":"{{message}}"}',
      format: 'json',
      token: 'wa-token',
      ratePerMinute: 60,
    },
    telegram: { enabled: false, baseUrl: 'https://api.telegram.org', ratePerMinute: 30 },
    maxAttempts: 3,
  };
}
