import * as Comlink from 'comlink';

export interface FakeWorker {
  worker: Worker;
  /** what the browser does when a worker dies: an `error` event on the Worker object */
  crash(message: string): void;
}

/**
 * For tests: a Worker stand-in over a MessageChannel that exposes an api with Comlink and sends the
 * ready message the real workers send, so the page-side clients run unchanged against it.
 */
export function fakeComlinkWorker(makeApi: (self: FakeWorker) => object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const errors = new EventTarget();
  const fake: FakeWorker = {
    worker: {
      postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
      addEventListener: (type: string, fn: EventListener) => (type === 'message' ? port1.addEventListener(type, fn) : errors.addEventListener(type, fn)),
      removeEventListener: (type: string, fn: EventListener) => (type === 'message' ? port1.removeEventListener(type, fn) : errors.removeEventListener(type, fn)),
      start: () => port1.start(),
      terminate: () => {
        port1.close();
        port2.close();
      },
    } as unknown as Worker,
    crash(message) {
      errors.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
    },
  };
  Comlink.expose(makeApi(fake), port2 as unknown as Comlink.Endpoint);
  port2.postMessage({ type: 'edgewatt-worker-ready' });
  return fake;
}
