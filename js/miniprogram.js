// Mini-program web-view bridge (WeChat, Alipay). Inside a web-view the H5 page reports
// each decision to the host mini-program: wx.miniProgram.postMessage (which WeChat
// delivers only on back, share or destroy) and, when `resultPage` is configured,
// wx.miniProgram.navigateTo(resultPage?mingshi_result=<JSON>) so the host hears at once.

/**
 * 'wechat', 'alipay' or null when the page is not inside a mini-program web-view. Both
 * web-views put "miniProgram" in the user agent (Alipay's as "MiniProgram", beside
 * "AlipayClient" or "AliApp"), so the host is told by its own mark: WeChat's
 * `__wxjs_environment` or "MicroMessenger", Alipay's client name.
 */
export function miniProgramHost(w = window) {
  const ua = (w.navigator && w.navigator.userAgent) || '';
  if (w.__wxjs_environment === 'miniprogram') return 'wechat';
  if (!/miniProgram/i.test(ua)) return null;
  return /AlipayClient|AliApp/i.test(ua) ? 'alipay' : /MicroMessenger/i.test(ua) ? 'wechat' : null;
}

function bridgeObject(host, w) {
  if (host === 'wechat') return w.wx && w.wx.miniProgram;
  if (host === 'alipay') return w.my;
  return null;
}

/**
 * Connects the API's events to the host mini-program. Returns the host name or null. The
 * host's bridge (wx.miniProgram, my) is looked up at each decision, so a JS-SDK that loads
 * after the component started is used all the same.
 */
export function connectMiniProgram(api, { resultPage } = {}, w = window) {
  const host = miniProgramHost(w);
  if (!host) return null;
  w.document.documentElement.classList.add('mingshi-miniprogram');
  for (const event of ['consent', 'change', 'withdraw']) {
    api.on(event, (consent) => {
      const mp = bridgeObject(host, w);
      if (!mp) return;
      const message = { type: `mingshi:${event}`, consent };
      if (typeof mp.postMessage === 'function') mp.postMessage({ data: message });
      if (resultPage && typeof mp.navigateTo === 'function') {
        const sep = resultPage.includes('?') ? '&' : '?';
        mp.navigateTo({ url: `${resultPage}${sep}mingshi_result=${encodeURIComponent(JSON.stringify(message))}` });
      }
    });
  }
  return host;
}
