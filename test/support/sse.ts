/** A minimal SSE reader for tests: collects `data:` messages until told to stop. */
export async function openSse(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: { id: string; data: any }[] = [];
  const waiters: (() => void)[] = [];
  const pump = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let cut = buf.indexOf('\n\n');
        while (cut >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) {
            events.push({ id, data: JSON.parse(data) });
            for (const w of waiters.splice(0)) w();
          }
          cut = buf.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: res.status,
    events,
    async waitFor(pred: (e: { id: string; data: any }) => boolean, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!events.some(pred)) {
        if (Date.now() > deadline)
          throw new Error(
            `no matching event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.data.type))}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return events.find(pred)!;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}
