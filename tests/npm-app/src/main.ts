// Uses the package as an app would: typed import, start with a config object, events.
import { start, type Consent, type MingshiApi } from 'mingshi';

const status = document.getElementById('status') as HTMLElement;

async function main(): Promise<void> {
  const api: MingshiApi = await start({
    policy: { id: 'privacy', version: 'npm-1', url: './policy.txt' },
    controller: { name: '示例公司', contact: 'privacy@example.com' },
    receipts: { endpoint: '/v1/receipts' },
  });
  const consent: Consent | null = api.getConsent();
  status.textContent = api.dialogShown ? 'dialog shown' : `stored: ${consent ? consent.action : 'none'}`;
}

main().catch((e: unknown) => {
  status.textContent = `error: ${String(e)}`;
});
