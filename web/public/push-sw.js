/*
 * Web Push in the service worker (imported by the generated sw.js, see web/vite.config.ts).
 * The server sends {id, topic, title, body, url} encrypted per RFC 8291; the browser decrypts it.
 * A tap opens the app at `url` (always a path on this origin) or focuses a tab already there.
 */
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Notifikasi';
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    tag: typeof data.id === 'string' ? data.id : undefined,
    data: { url: typeof data.url === 'string' ? data.url : '/' },
    icon: new URL('icon-192.png', self.registration.scope).href,
    badge: new URL('icon-192.png', self.registration.scope).href,
  };
  event.waitUntil(
    self.registration.showNotification(title, options).then(() =>
      self.clients.matchAll({ type: 'window' }).then((list) => {
        for (const c of list) c.postMessage({ type: 'simpul:push', id: data.id, topic: data.topic });
      }),
    ),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || '/', self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const c of list) if (c.url === target.href && 'focus' in c) return c.focus();
      return self.clients.openWindow(target.href);
    }),
  );
});
