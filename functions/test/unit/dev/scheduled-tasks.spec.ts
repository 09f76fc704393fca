// The tasks emulator made to honour a task's scheduleTime (scripts/emulator-shims/scheduled-tasks.cjs),
// on firebase-tools' own TaskQueue: a task due later is queued when it is due, not before.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { patch } from '../../../../scripts/emulator-shims/scheduled-tasks.cjs';

const lib = path.join(path.dirname(createRequire(__filename).resolve('firebase-tools/package.json')), 'lib');

interface Task {
  name: string;
  scheduleTime?: string;
  httpRequest: { url: string; body: unknown };
}
interface Queue {
  enqueue(task: Task): void;
  delete(name: string): void;
  queue: { size(): number };
}
type TaskQueueClass = new (key: string, config: unknown) => Queue;

const { TaskQueue } = createRequire(__filename)(path.join(lib, 'emulator/taskQueue.js')) as {
  TaskQueue: TaskQueueClass;
};
patch(lib);

const newQueue = () =>
  new TaskQueue('queue:test', {
    rateLimits: { maxConcurrentDispatches: 10, maxDispatchesPerSecond: 10 },
    retryConfig: {
      maxAttempts: 1,
      maxRetrySeconds: null,
      maxBackoffSeconds: 1,
      maxDoublings: 1,
      minBackoffSeconds: 0.1,
    },
    defaultUri: 'http://127.0.0.1:1/none',
  });
let n = 0;
const task = (inMs?: number): Task => ({
  name: `projects/p/locations/l/queues/q/tasks/t${++n}`,
  ...(inMs !== undefined && { scheduleTime: new Date(Date.now() + inMs).toISOString() }),
  httpRequest: { url: '', body: {} },
});
const queuedBy = async (queue: Queue, deadline: number): Promise<number> => {
  while (queue.queue.size() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return Date.now();
};

describe('the tasks emulator, as scripts/dev.mjs runs it', () => {
  it('queues a task when its scheduleTime comes, not before', async () => {
    const queue = newQueue();
    const due = task(300);
    queue.enqueue(due);
    assert.equal(queue.queue.size(), 0, 'not queued before it is due');
    const at = await queuedBy(queue, Date.now() + 10_000);
    assert.equal(queue.queue.size(), 1, 'queued once due');
    assert.ok(at >= Date.parse(due.scheduleTime!) - 5, `queued ${Date.parse(due.scheduleTime!) - at} ms early`);
  });

  it('queues a task without a schedule, or one already due, at once', () => {
    const queue = newQueue();
    queue.enqueue(task());
    queue.enqueue(task(-1_000));
    assert.equal(queue.queue.size(), 2);
  });

  it('refuses a second task of the same name while the first waits', () => {
    const queue = newQueue();
    const first = task(60_000);
    queue.enqueue(first);
    assert.throws(() => queue.enqueue({ ...first }), /already been queued/);
    queue.delete(first.name);
  });

  it('never queues a task deleted before it is due', async () => {
    const queue = newQueue();
    const cancelled = task(100);
    queue.enqueue(cancelled);
    queue.delete(cancelled.name);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(queue.queue.size(), 0);
  });
});
