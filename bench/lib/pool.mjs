// Runs async tasks with at most `jobs` at a time, keeping results in task order.

/**
 * @template T
 * @param {readonly (() => Promise<T>)[]} tasks
 * @param {number} jobs
 * @returns {Promise<T[]>}
 */
export async function runPool(tasks, jobs) {
  /** @type {T[]} */
  const results = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const task = tasks[index];
      if (task !== undefined) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  return results;
}
