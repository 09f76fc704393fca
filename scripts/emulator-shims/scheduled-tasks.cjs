// Makes the Cloud Tasks emulator honour a task's scheduleTime, as Cloud Tasks does (dev/test only;
// applied to firebase-tools by ./firebase-tools.cjs, never deployed). firebase-tools' emulator
// (14.x) dispatches every task the moment it is queued, so the recording watchdog's 30 s polls and
// the caption job's delayed steps arrived at once, and each handler waited out its delay inside a
// functions worker: one worker asleep per active recording, and a cold one started for the next
// call. Here a task due later joins its queue when it is due. Its name is taken at once (a second
// task of that name is refused, as before), and deleting it before then cancels it.
'use strict';
const path = require('node:path');

exports.patch = function patch(lib) {
  const { TaskQueue } = require(path.join(lib, 'emulator/taskQueue.js'));
  const enqueue = TaskQueue.prototype.enqueue;
  const remove = TaskQueue.prototype.delete;
  /** Per queue: the tasks not yet due, by name, with the timer that queues each. */
  const waiting = new WeakMap();
  const waitingIn = (queue) => waiting.get(queue) ?? waiting.set(queue, new Map()).get(queue);

  TaskQueue.prototype.enqueue = function (task) {
    const wait = Date.parse(task.scheduleTime ?? '') - Date.now();
    if (!(wait > 0)) return enqueue.call(this, task);
    if (this.queuedIds.has(task.name)) throw new Error(`A task has already been queued with id ${task.name}`);
    this.queuedIds.add(task.name);
    const tasks = waitingIn(this);
    const timer = setTimeout(() => {
      tasks.delete(task.name);
      this.queuedIds.delete(task.name); // the original enqueue takes the name again
      try {
        enqueue.call(this, task);
      } catch (error) {
        // Refused now (a full queue) rather than when it was added, where the route answered 409:
        // said, not thrown from a timer, which would stop the emulators.
        console.warn(`[tasks] ${task.name} not queued when due: ${error.message}`);
      }
    }, wait);
    timer.unref(); // a task not yet due never keeps the emulators from exiting
    tasks.set(task.name, timer);
  };

  TaskQueue.prototype.delete = function (taskId) {
    const tasks = waitingIn(this);
    const timer = tasks.get(taskId);
    if (timer === undefined) return remove.call(this, taskId);
    clearTimeout(timer);
    tasks.delete(taskId);
  };
};
