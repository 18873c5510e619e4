// Uses the package as an app would: typed import, start with a config object, events.
import mingshi, { start, type Consent, type MingshiApi } from 'mingshi';

const status = document.getElementById('status') as HTMLElement;
const early = document.getElementById('early') as HTMLElement;

// Other modules may ask before start() resolves: the stored decision answers, and actions
// wait for the component.
const before: Consent | null = mingshi.getConsent();
early.textContent = `before start: ${before ? before.action : 'none'}, analytics ${mingshi.acceptedCategory('analytics')}`;
if (location.search === '?preferences') mingshi.showPreferences();

async function main(): Promise<void> {
  const api: MingshiApi = await start({
    policy: { id: 'privacy', version: 'npm-1', url: './policy.txt' },
    controller: { name: '示例公司', contact: 'privacy@example.com' },
    receipts: { endpoint: '/v1/receipts' },
    categories: [{ id: 'analytics', title: { 'zh-CN': '统计分析' }, description: { 'zh-CN': '了解页面的使用情况。' } }],
  });
  const consent: Consent | null = api.getConsent();
  status.textContent = api.dialogShown ? 'dialog shown' : `stored: ${consent ? consent.action : 'none'}`;
}

main().catch((e: unknown) => {
  status.textContent = `error: ${String(e)}`;
});
