import type { PushEvent } from './push-event';

// Whether an event of the push stream shows the push moving. Docker 20.10 sends an event when
// something changes and goes silent when the upload hangs. Docker 28 with the containerd image
// store sends every layer's figures on a timer, about every 100 ms, whether bytes moved or not
// (test/fixtures/push-events/docker28cd/first-push.json repeats "Pushing 14680064/199454720"): on
// a connection that hangs it repeats the same line for good, so an event alone says nothing. A
// push moves when a layer's byte count changes (up, or back to 0 on a retry), a layer's status
// changes, or a layer appears.

/** A fresh tracker for one push: call it with each event, in order. Pure apart from its own memory. */
export function createMovementTracker(): (event: PushEvent) => boolean {
  const seen = new Map<string, string>();
  return (event) => {
    let key: string;
    let layerId: string;
    switch (event.type) {
      case 'progress':
        layerId = event.layerId;
        key = `progress ${event.current ?? '-'} ${event.total ?? '-'}`;
        break;
      case 'layer-status':
      case 'retrying':
        layerId = event.layerId;
        key = `status ${event.status}`;
        break;
      case 'done':
      case 'error':
        return true;
      case 'ignored':
        return false;
    }
    if (seen.get(layerId) === key) return false;
    seen.set(layerId, key);
    return true;
  };
}
